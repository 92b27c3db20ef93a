// A Workspace decorator for tests and benchmarks that injects latency and failures, so a
// plugin can check that it retries what is transient and reports what is not.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/visibility.hpp"
#include "clxs/workspace.hpp"

namespace clxs::testing {

/// What a FaultyWorkspace injects.
struct FaultSettings {
  /// Delay before every call (statements and metadata calls alike), as a remote workspace's
  /// round trip. The wait honours CallOptions::cancel (Cancelled) and CallOptions::deadline
  /// (Timeout).
  std::chrono::steady_clock::duration latency{0};
  /// Probability in [0, 1] that a call fails with WorkspaceError(Remote,
  /// "[TEMPORARILY_UNAVAILABLE] ...") after its latency, without reaching the wrapped
  /// workspace.
  double transientRate = 0;
  /// Selects the calls that may fail transiently (given the same text as permanentFailure).
  /// Empty: every call may.
  std::function<bool(std::string_view call)> transientCalls;
  /// Selects the calls that always fail (unless a transient failure came first), without
  /// reaching the wrapped workspace. It is given the statement text for sql() and a
  /// description for the other calls: the method name, then its arguments separated by
  /// spaces, e.g. "tables main sales", "grants TABLE main.sales.orders",
  /// "readFile /Volumes/main/sales/landing/a.csv". Empty: nothing fails permanently.
  std::function<bool(std::string_view call)> permanentFailure;
  /// Class of the permanent failures (PermissionDenied, InvalidSql, NotFound, ...).
  WorkspaceErrorClass permanentClass = WorkspaceErrorClass::PermissionDenied;
  /// Seed of the random draws. With a seed, a caller that makes its calls one at a time sees
  /// the same failures on every run; concurrent callers share one sequence of draws, so
  /// which call gets which draw depends on their interleaving. Without one the seed is
  /// random.
  std::optional<std::uint64_t> seed;
};

/// Counts of what a FaultyWorkspace did, since it was made.
struct FaultCounters {
  std::int64_t calls = 0;                ///< every call, failed or not
  std::int64_t forwarded = 0;            ///< calls that reached the wrapped workspace
  std::int64_t injectedTransient = 0;    ///< transient failures injected
  std::int64_t injectedPermanent = 0;    ///< permanent failures injected
  std::int64_t cancelledOrTimedOut = 0;  ///< calls ended during their latency
};

/// Wraps a Workspace and, on every call, waits `latency`, then fails at random with a
/// transient error or, for selected calls, with a permanent one; otherwise forwards the call.
/// kind() and host() are forwarded as they are. Thread-safe when the wrapped workspace is.
/// Not for production use: it exists for unit tests and benchmarks.
class CLXS_VISIBLE FaultyWorkspace final : public Workspace {
 public:
  /// Wraps `inner` (not null) with the faults of `settings`.
  FaultyWorkspace(std::shared_ptr<Workspace> inner, FaultSettings settings);

  /// Counts so far (each figure is read atomically; together they are a near snapshot).
  [[nodiscard]] FaultCounters counters() const;
  /// The wrapped workspace.
  [[nodiscard]] Workspace& inner() { return *inner_; }

  /// The wrapped workspace's kind.
  [[nodiscard]] std::string kind() const override;
  /// The wrapped workspace's host.
  [[nodiscard]] std::string host() const override;
  /// Runs `statement` on the wrapped workspace unless a fault is injected.
  ResultSet sql(std::string_view statement, const std::vector<SqlParam>& params,
                const CallOptions& options) override;
  /// Lists catalogs of the wrapped workspace unless a fault is injected.
  std::vector<CatalogInfo> catalogs(const CallOptions& options) override;
  /// Lists schemas of the wrapped workspace unless a fault is injected.
  std::vector<SchemaInfo> schemas(const std::string& catalog, const CallOptions& options) override;
  /// Lists tables of the wrapped workspace unless a fault is injected.
  std::vector<TableInfo> tables(const std::string& catalog, const std::string& schema,
                                const CallOptions& options) override;
  /// The wrapped workspace's user unless a fault is injected.
  std::string currentUser(const CallOptions& options) override;
  /// The wrapped workspace's warehouses unless a fault is injected.
  std::vector<WarehouseInfo> warehouses(const CallOptions& options) override;
  /// The wrapped workspace's functions unless a fault is injected.
  std::vector<FunctionInfo> functions(const std::string& catalog, const std::string& schema,
                                      const CallOptions& options) override;
  /// The wrapped workspace's volumes unless a fault is injected.
  std::vector<VolumeInfo> volumes(const std::string& catalog, const std::string& schema,
                                  const CallOptions& options) override;
  /// The wrapped workspace's grants unless a fault is injected.
  std::vector<GrantInfo> grants(const std::string& objectType, const std::string& fullName,
                                const CallOptions& options) override;
  /// The wrapped workspace's tags unless a fault is injected.
  std::vector<TagInfo> tags(const std::string& objectType, const std::string& fullName,
                            const CallOptions& options) override;
  /// The wrapped workspace's table history unless a fault is injected.
  std::vector<HistoryEntry> history(const std::string& fullName, std::optional<std::int64_t> limit,
                                    const CallOptions& options) override;
  /// Lists a volume directory of the wrapped workspace unless a fault is injected.
  std::vector<FileEntry> listDirectory(const std::string& path,
                                       const CallOptions& options) override;
  /// Reads a volume file of the wrapped workspace unless a fault is injected.
  std::string readFile(const std::string& path, const CallOptions& options) override;
  /// Writes a volume file to the wrapped workspace unless a fault is injected.
  void writeFile(const std::string& path, std::string_view contents, bool overwrite,
                 const CallOptions& options) override;

 private:
  // Waits, then throws the fault `call` draws, if any; counts the call as forwarded if not.
  void before(std::string_view call, const CallOptions& options);
  void wait(const CallOptions& options);
  bool drawTransient(std::string_view call);

  std::shared_ptr<Workspace> inner_;
  FaultSettings settings_;
  std::mutex rngMu_;
  std::mt19937_64 rng_;
  std::atomic<std::int64_t> calls_{0};
  std::atomic<std::int64_t> forwarded_{0};
  std::atomic<std::int64_t> transient_{0};
  std::atomic<std::int64_t> permanent_{0};
  std::atomic<std::int64_t> interrupted_{0};
};

}  // namespace clxs::testing
