// The Statement Execution API 2.0 over the local workspace: statements run on a worker pool,
// answer within wait_timeout or leave an id to poll, and serve their results as INLINE
// chunks or as signed external links that must be fetched without the caller's token.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kernel/emulator/emulator_http.hpp"
#include "kernel/emulator/emulator_stats.hpp"
#include "kernel/emulator/fault_injector.hpp"
#include "kernel/emulator/warehouse_state.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

/// Sizes and lifetimes of the statement service.
struct StatementServiceOptions {
  std::size_t chunkRows = 10000;           ///< rows per result chunk
  std::size_t workers = 8;                 ///< statements that run at once
  std::size_t maxStatements = 2000;        ///< statements kept (oldest finished dropped)
  std::chrono::seconds retention{3600};    ///< how long finished statements are kept
  std::chrono::seconds linkLifetime{900};  ///< how long an external link is valid
  /// Largest INLINE result (bytes of its JSON text); a larger one fails, as Databricks'
  /// 25 MiB limit fails it.
  std::size_t inlineByteLimit = std::size_t{25} * 1024 * 1024;
};

struct StatementRecord;

/// POST/GET /api/2.0/sql/statements..., and GET /_external/<link>. Thread-safe.
class StatementService {
 public:
  StatementService(LocalWorkspace& workspace, WarehouseState& warehouse, FaultInjector& faults,
                   EmulatorStats& stats, StatementServiceOptions options);
  ~StatementService();
  StatementService(const StatementService&) = delete;
  StatementService& operator=(const StatementService&) = delete;

  /// A request under /api/2.0/sql/statements; `rest` holds the path segments after
  /// "statements".
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);
  /// GET of an external link: refused (403) with an Authorization header or without the
  /// link's signature header; otherwise the chunk in the statement's format (a JSON array
  /// of arrays, or CSV text).
  EmulatorResponse download(const EmulatorRequest& request, const std::string& linkId);
  /// Cancels every statement and stops the workers.
  void shutdown();

 private:
  EmulatorResponse submit(const EmulatorRequest& request);
  EmulatorResponse status(const EmulatorRequest& request, const std::string& id);
  EmulatorResponse chunk(const EmulatorRequest& request, const std::string& id,
                         const std::string& index);
  EmulatorResponse cancel(const std::string& id);
  void work();
  void run(const std::shared_ptr<StatementRecord>& statement);
  std::shared_ptr<StatementRecord> find(const std::string& id);
  void purgeLocked();
  Json responseJson(const StatementRecord& statement, const EmulatorRequest& request);
  Json chunkJson(const StatementRecord& statement, std::size_t index,
                 const EmulatorRequest& request);
  Json externalLink(const StatementRecord& statement, std::size_t index,
                    const EmulatorRequest& request);

  struct Link {
    std::string statementId;
    std::size_t chunkIndex = 0;
    std::string signature;
    std::chrono::steady_clock::time_point expires;
  };

  LocalWorkspace& workspace_;
  WarehouseState& warehouse_;
  FaultInjector& faults_;
  EmulatorStats& stats_;
  StatementServiceOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<StatementRecord>> statements_;
  std::deque<std::shared_ptr<StatementRecord>> queue_;
  std::map<std::string, Link> links_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

}  // namespace clxs::kernel::emulator
