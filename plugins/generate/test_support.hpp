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
#include "clxs/workspace.hpp"

namespace clxs::generate::testing {

/// Accepts every statement (INSERTs answer num_inserted_rows from their range) unless
/// `failWhen` says otherwise; keeps written files in memory.
class RecordingWorkspace final : public Workspace {
 public:
  /// Statement text → error message to throw (empty: succeed).
  std::function<std::string(const std::string&)> failWhen;
  /// Catalogs catalogs() answers.
  std::vector<CatalogInfo> catalogList;
  /// Whether writeFile() behaves like a workspace without a Files API.
  bool noFilesApi = false;

  std::string kind() const override { return "fake"; }
  std::string host() const override { return "fake"; }
  ResultSet sql(std::string_view statement, const std::vector<SqlParam>&,
                const CallOptions&) override {
    const std::string s(statement);
    {
      std::lock_guard<std::mutex> lock(mu_);
      statements_.push_back(s);
    }
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
  std::vector<CatalogInfo> catalogs(const CallOptions&) override { return catalogList; }
  std::vector<SchemaInfo> schemas(const std::string&, const CallOptions&) override { return {}; }
  std::vector<TableInfo> tables(const std::string&, const std::string&,
                                const CallOptions&) override {
    return {};
  }
  std::string currentUser(const CallOptions&) override { return "tester"; }
  std::vector<WarehouseInfo> warehouses(const CallOptions&) override { return {}; }
  void writeFile(const std::string& path, std::string_view contents, bool,
                 const CallOptions&) override {
    if (noFilesApi) {
      throw WorkspaceError(WorkspaceErrorClass::Unavailable, "no Files API here");
    }
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = std::string(contents);
  }

  /// Statements received, in order of arrival.
  std::vector<std::string> statements() const {
    std::lock_guard<std::mutex> lock(mu_);
    return statements_;
  }
  /// Files written, by path.
  std::map<std::string, std::string> files() const {
    std::lock_guard<std::mutex> lock(mu_);
    return files_;
  }

 private:
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

  mutable std::mutex mu_;
  std::vector<std::string> statements_;
  std::map<std::string, std::string> files_;
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
