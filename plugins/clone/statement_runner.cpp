#include "plugins/clone/statement_runner.hpp"

#include <thread>
#include <utility>

#include "clxs/jobs.hpp"

namespace clxs::clone {

StatementRunner::StatementRunner(std::shared_ptr<Workspace> workspace, RunnerSettings settings,
                                 const CancellationToken& cancel, LogFn log)
    : ws_(std::move(workspace)),
      settings_(std::move(settings)),
      cancel_(cancel),
      log_(std::move(log)),
      limiter_(settings_.maxRps) {}

ResultSet StatementRunner::read(const std::string& sql, const std::vector<SqlParam>& params) {
  ResultSet out;
  attempt(brief(sql), [&](const CallOptions& o) { out = ws_->sql().execute(sql, params, o); });
  return out;
}

ResultSet StatementRunner::write(const std::string& sql, const std::string& category) {
  {
    std::lock_guard lock(mu_);
    statements_.push_back({sql, category});
  }
  if (settings_.dryRun) {
    log("[DRY RUN] " + sql);
    return {};
  }
  ResultSet out;
  attempt(brief(sql), [&](const CallOptions& o) { out = ws_->sql().execute(sql, {}, o); });
  return out;
}

ResultSet StatementRunner::writeEvenIfCancelled(const std::string& sql,
                                                const std::string& category) {
  {
    std::lock_guard lock(mu_);
    statements_.push_back({sql, category});
  }
  if (settings_.dryRun) return {};
  ResultSet out;
  attempt(
      brief(sql), [&](const CallOptions& o) { out = ws_->sql().execute(sql, {}, o); }, false);
  return out;
}

void StatementRunner::planAction(const std::string& description, const std::string& category) {
  std::lock_guard lock(mu_);
  statements_.push_back({description, category});
}

void StatementRunner::attempt(const std::string& what,
                              const std::function<void(const CallOptions&)>& fn,
                              bool honourCancel) {
  auto stop = [&] { return honourCancel && cancelled(); };
  for (int attemptNo = 0;; ++attemptNo) {
    if (stop()) throw JobCancelled();
    if (!limiter_.acquire(stop)) throw JobCancelled();
    CallOptions o;
    o.cancel = honourCancel ? &cancel_ : nullptr;
    o.deadline = std::chrono::steady_clock::now() + settings_.statementTimeout;
    o.warehouseId = settings_.warehouseId;
    // A remote workspace retries throttled and unavailable requests itself; each one is
    // counted and logged here so the run shows what the workspace made it wait for.
    o.onRetry = [this](const std::string& message) {
      ++remoteRetries_;
      log(message);
    };
    ++calls_;
    try {
      fn(o);
      return;
    } catch (const WorkspaceError& e) {
      if (e.errorClass() == WorkspaceErrorClass::Cancelled || stop()) throw JobCancelled();
      if (!settings_.retry || !isTransient(e) || attemptNo >= settings_.maxRetries) {
        ++failures_;
        throw;
      }
      ++retries_;
      const auto delay = backoffDelay(attemptNo + 1, settings_.backoffBase, settings_.backoffCap);
      log("Retry " + std::to_string(attemptNo + 1) + "/" + std::to_string(settings_.maxRetries) +
          " in " + std::to_string(delay.count()) + " ms after a transient failure of " + what +
          ": " + e.what());
      const auto until = std::chrono::steady_clock::now() + delay;
      while (std::chrono::steady_clock::now() < until) {
        if (stop()) throw JobCancelled();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            until - std::chrono::steady_clock::now(), std::chrono::milliseconds(50)));
      }
    }
  }
}

std::vector<PlannedStatement> StatementRunner::statements() const {
  std::lock_guard lock(mu_);
  return statements_;
}

Json StatementRunner::counters() const {
  return {{"calls", calls_.load()},
          {"retries", retries_.load()},
          {"remote_retries", remoteRetries_.load()},
          {"failures", failures_.load()}};
}

std::string brief(const std::string& sql) {
  auto line = sql.substr(0, sql.find('\n'));
  if (line.size() > 200) line = line.substr(0, 197) + "...";
  return line;
}

}  // namespace clxs::clone
