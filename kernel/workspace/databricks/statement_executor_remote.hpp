// Runs Databricks SQL on a SQL warehouse through the Statement Execution API 2.0: submit,
// poll with backoff, read every result chunk (inline or external links), cancel on request.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/databricks_workspace.hpp"

namespace clxs::kernel::databricks {

/// The `parameters` array of a statement: value in string form (omitted for null), type
/// STRING, BIGINT, DOUBLE or BOOLEAN from the JSON type.
Json statementParameters(const std::vector<SqlParam>& params);

/// The `wait_timeout` text for `wait`: "0s", or "5s" to "50s" (clamped).
std::string waitTimeoutText(std::chrono::seconds wait);

/// Whether a FAILED statement's message says its result is too large for INLINE.
bool exceedsInlineLimit(const std::string& message);

/// Executes statements for one workspace client, at most `maxParallelQueries` at a time.
/// Thread-safe.
class RemoteStatementExecutor {
 public:
  RemoteStatementExecutor(std::shared_ptr<ApiClient> client, DatabricksWorkspaceOptions options);

  /// Runs `statement` on the call's warehouse (else the default one) and returns all its
  /// rows. FAILED → WorkspaceError of the statement's error class; CANCELED, or the
  /// caller's cancellation → Cancelled; the caller's deadline → Timeout. A statement still
  /// running when the call stops is cancelled on the warehouse.
  ResultSet run(std::string_view statement, const std::vector<SqlParam>& params,
                const CallOptions& options);

 private:
  enum class Disposition { Inline, ExternalLinks };
  class Slot;

  Json submit(std::string_view statement, const std::vector<SqlParam>& params,
              const std::string& warehouse, Disposition disposition, const CallOptions& options);
  Json awaitTerminal(const std::string& id, Json response, const CallOptions& options);
  ResultSet readResult(const std::string& id, const Json& response, const CallOptions& options);
  void cancelRemote(const std::string& id, const CallOptions& options);
  void acquire(const CallOptions& options);
  void release();

  std::shared_ptr<ApiClient> client_;
  DatabricksWorkspaceOptions options_;
  std::mutex mu_;
  std::condition_variable freed_;
  int inFlight_ = 0;
};

}  // namespace clxs::kernel::databricks
