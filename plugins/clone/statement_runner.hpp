// Every call a clone run makes to the workspace goes through here: rate limit, retries of
// transient failures, cancellation, the dry-run plan and the statement log.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/rate_limiter.hpp"
#include "plugins/clone/retry_policy.hpp"

namespace clxs::clone {

/// How statements are run.
struct RunnerSettings {
  bool dryRun = false;                                  ///< record writes, run only reads
  double maxRps = 0;                                    ///< calls per second (0: unlimited)
  bool retry = true;                                    ///< retry transient failures
  int maxRetries = 3;                                   ///< attempts after the first
  std::chrono::milliseconds backoffBase{500};           ///< first retry delay (jittered)
  std::chrono::milliseconds backoffCap{30000};          ///< longest retry delay
  std::chrono::milliseconds statementTimeout{3600000};  ///< deadline of one call
  std::string warehouseId;                              ///< SQL warehouse
};

/// One planned or executed write, in the order it was issued.
struct PlannedStatement {
  std::string sql;       ///< statement text
  std::string category;  ///< CREATE_CATALOG, CLONE, GRANT, ...
};

/// Runs workspace calls for one clone (or rollback) run. Thread-safe.
class StatementRunner {
 public:
  /// Log sink for one line (the job's log).
  using LogFn = std::function<void(const std::string&)>;

  /// A runner over `workspace`; `cancel` is polled before each attempt and passed to
  /// the workspace so an in-flight statement is interrupted.
  StatementRunner(std::shared_ptr<Workspace> workspace, RunnerSettings settings,
                  const CancellationToken& cancel, LogFn log);

  /// Runs a statement that only reads; it runs in a dry run too.
  ResultSet read(const std::string& sql, const std::vector<SqlParam>& params = {});
  /// Runs a statement that writes; in a dry run it is only recorded.
  ResultSet write(const std::string& sql, const std::string& category);
  /// Runs a write even after cancellation (re-granting what the run revoked must happen on
  /// every exit path); in a dry run it is only recorded.
  ResultSet writeEvenIfCancelled(const std::string& sql, const std::string& category);
  /// Records an action that is not a statement (a file copy) in the plan, in order.
  void planAction(const std::string& description, const std::string& category);
  /// Runs a metadata call of the port (listing, grants, tags, files) with the same rate
  /// limit, retries and cancellation as statements.
  template <typename Fn>
  auto call(const std::string& what, Fn fn) -> decltype(fn(std::declval<const CallOptions&>())) {
    using R = decltype(fn(std::declval<const CallOptions&>()));
    R out{};
    attempt(what, [&](const CallOptions& o) { out = fn(o); });
    return out;
  }
  /// Runs a metadata call that returns nothing.
  void callVoid(const std::string& what, const std::function<void(const CallOptions&)>& fn) {
    attempt(what, fn);
  }

  /// The workspace.
  [[nodiscard]] Workspace& workspace() { return *ws_; }
  /// Whether this is a dry run.
  [[nodiscard]] bool dryRun() const { return settings_.dryRun; }
  /// Writes issued (or planned), in order.
  [[nodiscard]] std::vector<PlannedStatement> statements() const;
  /// Calls made, retries taken by the runner (`retries`) and by the workspace client for
  /// throttled or unavailable requests (`remote_retries`), failures.
  [[nodiscard]] Json counters() const;
  /// Whether cancellation was requested.
  [[nodiscard]] bool cancelled() const { return cancel_.cancelled.load(); }
  /// Logs a line to the run's log.
  void log(const std::string& line) const {
    if (log_) log_(line);
  }

 private:
  void attempt(const std::string& what, const std::function<void(const CallOptions&)>& fn,
               bool honourCancel = true);

  std::shared_ptr<Workspace> ws_;
  RunnerSettings settings_;
  const CancellationToken& cancel_;
  LogFn log_;
  RateLimiter limiter_;
  mutable std::mutex mu_;
  std::vector<PlannedStatement> statements_;
  std::atomic<std::int64_t> calls_{0};
  std::atomic<std::int64_t> retries_{0};
  std::atomic<std::int64_t> remoteRetries_{0};
  std::atomic<std::int64_t> failures_{0};
};

/// The first line of a statement, shortened for logs.
std::string brief(const std::string& sql);

}  // namespace clxs::clone
