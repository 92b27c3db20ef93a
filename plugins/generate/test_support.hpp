// Test doubles for the generate plugin's unit tests: a workspace that records statements and
// files, and a job context that records progress and logs.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/jobs.hpp"
#include "clxs/testing/fault_injector.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "clxs/workspace.hpp"

namespace clxs::generate::testing {

/// The SDK's memory workspace set up to accept every statement (INSERTs answer
/// num_inserted_rows from their range) unless `failWhen` says otherwise; keeps written files
/// in memory. Passed wherever a Workspace& is wanted.
class RecordingWorkspace {
 public:
  /// Statement text → error message to throw (empty: succeed).
  std::function<std::string(const std::string&)> failWhen;

  RecordingWorkspace() {
    ws_.onSql([this](std::string_view statement) { return answer(std::string(statement)); });
  }
  RecordingWorkspace(const RecordingWorkspace&) = delete;
  RecordingWorkspace& operator=(const RecordingWorkspace&) = delete;

  operator Workspace&() { return ws_; }  // NOLINT(google-explicit-constructor): a test double
  /// Lists `catalog` in catalogs().
  void addCatalog(CatalogInfo catalog) { ws_.addCatalog(std::move(catalog)); }
  /// Makes writing a file fail as on a workspace without a Files API.
  void withoutFilesApi() {
    clxs::testing::FaultInjector::install(
        ws_,
        {.permanentFailure = [](std::string_view call) { return call.rfind("writeFile", 0) == 0; },
         .permanentClass = WorkspaceErrorClass::Unavailable});
  }
  /// Statements received, in order of arrival.
  std::vector<std::string> statements() const { return ws_.statements(); }
  /// Files written, by path.
  std::map<std::string, std::string> files() const { return ws_.volumeFiles(); }

 private:
  ResultSet answer(const std::string& s) const {
    if (failWhen) {
      const std::string msg = failWhen(s);
      if (!msg.empty()) throw WorkspaceError(WorkspaceErrorClass::InvalidSql, msg);
    }
    ResultSet r;
    if (s.rfind("INSERT INTO", 0) == 0) {
      r.columns = {{"num_affected_rows", "BIGINT"}, {"num_inserted_rows", "BIGINT"}};
      const auto n = rangeRows(s);
      r.rows = {{n, n}};
    } else if (s.rfind("SELECT", 0) == 0) {
      r.columns = {{"id", "BIGINT"}, {"name", "STRING"}};
      r.rows = {{1, "a,b"}, {2, "c"}};
    }
    return r;
  }
  // Rows of `... FROM range(a, b) AS r(id)`.
  static std::int64_t rangeRows(const std::string& s) {
    const auto at = s.rfind("range(");
    if (at == std::string::npos) return 0;
    const auto comma = s.find(',', at);
    const auto close = s.find(')', comma);
    const auto a = std::stoll(s.substr(at + 6, comma - at - 6));
    const auto b = std::stoll(s.substr(comma + 1, close - comma - 1));
    return b - a;
  }

  clxs::testing::MemoryWorkspace ws_{"tester"};
};

/// Records progress and log lines; a test cancels through cancellation().cancel().
class RecordingJob final : public JobContext {
 public:
  /// Called on every progress report (may cancel).
  std::function<void(std::int64_t)> onProgress;

  const std::string& id() const override { return id_; }
  const Json& params() const override { return params_; }
  void progress(std::int64_t completed, std::int64_t total, const std::string& current,
                const Json& extra) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      Json p = extra.is_object() ? extra : Json::object();
      p["completed"] = completed;
      p["total"] = total;
      p["current"] = current;
      progress_.push_back(std::move(p));
    }
    if (onProgress) onProgress(completed);
  }
  void log(std::string_view line) override {
    std::lock_guard<std::mutex> lock(mu_);
    logs_.emplace_back(line);
  }
  CancellationToken& cancellation() override { return token_; }
  bool cancelRequested() const override { return token_.cancelled.load(); }

  /// Progress reports so far.
  std::vector<Json> progressReports() const {
    std::lock_guard<std::mutex> lock(mu_);
    return progress_;
  }
  /// Log lines so far.
  std::vector<std::string> logs() const {
    std::lock_guard<std::mutex> lock(mu_);
    return logs_;
  }

 private:
  std::string id_ = "job-1";
  Json params_ = Json::object();
  mutable std::mutex mu_;
  CancellationToken token_;
  std::vector<Json> progress_;
  std::vector<std::string> logs_;
};

}  // namespace clxs::generate::testing
