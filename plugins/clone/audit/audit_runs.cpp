#include "plugins/clone/audit/audit_runs.hpp"

#include <cmath>

#include "clxs/text.hpp"

namespace clxs::clone::audit {
namespace {

// Metrics are pivoted into columns so one statement reads a page of runs.
constexpr const char* kSelectRuns =
    "SELECT o.job_id, o.operation, o.source_catalog, o.destination_catalog, o.clone_type, "
    "o.status, o.started_at, o.finished_at, o.duration_seconds, o.user_name, "
    // Only runs that went wrong need their (possibly large) summary for the error message.
    "CASE WHEN o.status <> 'completed' THEN o.summary END AS problem_summary, "
    "MAX(CASE WHEN m.name = 'tables_success' THEN m.value END) AS tables_success, "
    "MAX(CASE WHEN m.name = 'tables_failed' THEN m.value END) AS tables_failed, "
    "MAX(CASE WHEN m.name = 'tables_skipped' THEN m.value END) AS tables_skipped, "
    "MAX(CASE WHEN m.name = 'views_success' THEN m.value END) AS views_success, "
    "MAX(CASE WHEN m.name = 'functions_success' THEN m.value END) AS functions_success, "
    "MAX(CASE WHEN m.name = 'volumes_success' THEN m.value END) AS volumes_success, "
    "MAX(CASE WHEN m.name = 'bytes_copied' THEN m.value END) AS bytes_copied, "
    "MAX(CASE WHEN m.name = 'retries' THEN m.value END) AS retries "
    "FROM clone_operations o LEFT JOIN clone_metrics m ON m.job_id = o.job_id";

std::string whereClause(const RunFilter& f, std::vector<Json>& params) {
  std::string sql = " WHERE 1 = 1";
  if (!f.sourceCatalog.empty()) {
    sql += " AND lower(o.source_catalog) = lower(?)";
    params.emplace_back(f.sourceCatalog);
  }
  if (!f.destinationCatalog.empty()) {
    sql += " AND lower(o.destination_catalog) = lower(?)";
    params.emplace_back(f.destinationCatalog);
  }
  if (!f.status.empty()) {
    sql += " AND o.status = ?";
    params.emplace_back(f.status);
  }
  if (!f.operation.empty()) {
    sql += " AND o.operation = ?";
    params.emplace_back(f.operation);
  }
  if (!f.finishedAfter.empty()) {
    sql += " AND o.finished_at > ?";
    params.emplace_back(f.finishedAfter);
  }
  return sql;
}

std::int64_t count(const Json& v) {
  return v.is_number() ? static_cast<std::int64_t>(std::llround(v.get<double>())) : 0;
}

Json parsed(const Json& text) {
  if (!text.is_string()) return nullptr;
  return Json::parse(text.get<std::string>(), nullptr, false);
}

AuditRun runFrom(const Json& r) {
  AuditRun run;
  run.jobId = jsonText(r["job_id"]);
  run.operation = jsonText(r["operation"]);
  run.sourceCatalog = jsonText(r["source_catalog"]);
  run.destinationCatalog = jsonText(r["destination_catalog"]);
  run.cloneType = jsonText(r["clone_type"]);
  run.status = jsonText(r["status"]);
  run.startedAt = jsonText(r["started_at"]);
  run.finishedAt = jsonText(r["finished_at"]);
  run.durationSeconds = r["duration_seconds"].is_number() ? r["duration_seconds"].get<double>() : 0;
  run.userName = jsonText(r["user_name"]);
  run.tablesSuccess = count(r["tables_success"]);
  run.tablesFailed = count(r["tables_failed"]);
  run.tablesSkipped = count(r["tables_skipped"]);
  run.viewsSuccess = count(r["views_success"]);
  run.functionsSuccess = count(r["functions_success"]);
  run.volumesSuccess = count(r["volumes_success"]);
  run.bytesCopied = count(r["bytes_copied"]);
  run.retries = count(r["retries"]);
  if (r.contains("problem_summary"))
    run.errorMessage = errorMessageOf(parsed(r["problem_summary"]));
  return run;
}

}  // namespace

const std::vector<std::string>& runStatuses() {
  static const std::vector<std::string> kStatuses{"completed", "completed_with_errors", "failed",
                                                  "cancelled"};
  return kStatuses;
}

std::vector<AuditRun> loadRuns(Store& store, const RunFilter& filter, std::optional<int> limit) {
  std::vector<Json> params;
  std::string sql = kSelectRuns + whereClause(filter, params) +
                    " GROUP BY o.job_id ORDER BY o.finished_at DESC, o.started_at DESC, "
                    "o.job_id DESC LIMIT ?";
  params.emplace_back(limit ? *limit : -1);
  std::vector<AuditRun> out;
  for (const auto& r : store.query(sql, params)) out.push_back(runFrom(r));
  return out;
}

std::int64_t countRuns(Store& store, const RunFilter& filter) {
  std::vector<Json> params;
  const auto rows = store.query(
      "SELECT COUNT(*) AS n FROM clone_operations o" + whereClause(filter, params), params);
  return rows.empty() ? 0 : rows[0]["n"].get<std::int64_t>();
}

std::vector<std::string> runIds(Store& store) {
  std::vector<std::string> out;
  for (const auto& r : store.query(
           "SELECT job_id FROM clone_operations ORDER BY finished_at, started_at, job_id")) {
    out.push_back(jsonText(r["job_id"]));
  }
  return out;
}

std::optional<RunDetail> loadRunDetail(Store& store, const std::string& jobId) {
  std::vector<Json> params{jobId};
  const auto rows =
      store.query(std::string(kSelectRuns) + " WHERE o.job_id = ? GROUP BY o.job_id", params);
  if (rows.empty()) return std::nullopt;
  RunDetail d;
  d.run = runFrom(rows[0]);
  const auto summary = store.query("SELECT summary FROM clone_operations WHERE job_id = ?", params);
  if (!summary.empty()) d.summary = parsed(summary[0]["summary"]);
  if (d.summary.is_discarded()) d.summary = nullptr;
  const auto logs = store.query("SELECT lines FROM clone_run_logs WHERE job_id = ?", params);
  if (!logs.empty()) {
    const Json lines = parsed(logs[0]["lines"]);
    if (lines.is_array()) {
      for (const auto& l : lines) d.logLines.push_back(jsonText(l));
    }
  }
  for (const auto& m : store.query(
           "SELECT name, value FROM clone_metrics WHERE job_id = ? ORDER BY name", params)) {
    d.metrics[jsonText(m["name"])] = m["value"];
  }
  // The rollback log records creating the destination catalog; a log without that entry
  // belongs to a run that found the catalog in place. Without a log (rollback disabled)
  // nobody knows.
  const auto existed = store.query(
      "SELECT (SELECT e.existed FROM clone_rollback_entries e WHERE e.rollback_id = "
      "l.rollback_id AND e.object_type = 'CATALOG' ORDER BY e.seq LIMIT 1) AS existed "
      "FROM clone_runs r JOIN clone_rollback_logs l ON l.rollback_id = r.rollback_id "
      "WHERE r.job_id = ?",
      params);
  if (!existed.empty()) {
    const auto& v = existed[0]["existed"];
    d.destinationExisted = !v.is_number() || v.get<std::int64_t>() != 0;
  }
  return d;
}

std::string errorMessageOf(const Json& summary) {
  if (!summary.is_object()) return {};
  if (summary.contains("error") && !summary["error"].is_null()) return jsonText(summary["error"]);
  if (summary.contains("aborted") && !summary["aborted"].is_null()) {
    return "Aborted: " + jsonText(summary["aborted"]);
  }
  const auto errors = summary.value("errors", Json::array());
  if (errors.is_array() && !errors.empty()) {
    std::string msg = jsonText(errors[0]);
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
    return msg;
  }
  const auto objects = summary.value("objects", Json::array());
  if (objects.is_array()) {
    for (const auto& o : objects) {
      if (o.is_object() && jsonText(o.value("status", Json())) == "failed") {
        return jsonText(o.value("name", Json())) + ": " + jsonText(o.value("error", Json()));
      }
    }
  }
  return {};
}

Json trailEntry(const AuditRun& run) {
  return Json{{"job_id", run.jobId},
              {"operation", run.operation},
              {"job_type", run.operation},
              {"source_catalog", run.sourceCatalog},
              {"destination_catalog", run.destinationCatalog},
              {"clone_type", textOrNull(run.cloneType)},
              {"status", run.status},
              {"started_at", textOrNull(run.startedAt)},
              {"completed_at", textOrNull(run.finishedAt)},
              {"duration_seconds", run.durationSeconds},
              {"user_name", textOrNull(run.userName)},
              {"tables_cloned", run.tablesSuccess},
              {"tables_failed", run.tablesFailed},
              {"tables_skipped", run.tablesSkipped},
              {"views_cloned", run.viewsSuccess},
              {"functions_cloned", run.functionsSuccess},
              {"volumes_cloned", run.volumesSuccess},
              {"total_size_bytes", run.bytesCopied},
              {"error_message", textOrNull(run.errorMessage)}};
}

Json runRecord(const RunDetail& d) {
  Json out = trailEntry(d.run);
  out["log_lines"] = d.logLines;
  out["result"] = d.summary;
  out["metrics"] = d.metrics;
  out["destination_existed"] = d.destinationExisted ? Json(*d.destinationExisted) : Json();
  return out;
}

void RunTally::add(const AuditRun& r) {
  if (r.status == "completed") {
    ++succeeded;
  } else if (r.status == "completed_with_errors") {
    ++withErrors;
  } else if (r.status == "cancelled") {
    ++cancelled;
  } else {
    ++failed;
  }
}

std::optional<double> RunTally::rate() const {
  if (decisive() == 0) return std::nullopt;
  return 100.0 * (static_cast<double>(succeeded) + 0.5 * static_cast<double>(withErrors)) /
         static_cast<double>(decisive());
}

}  // namespace clxs::clone::audit
