#include "plugins/quality/check_repository.hpp"

#include "clxs/id.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

std::int64_t integer(const Json& v) {
  return v.is_number_integer() ? v.get<std::int64_t>() : 0;
}

StoredCheck checkFromRow(const Json& r) {
  StoredCheck s;
  s.check.id = textOf(r["check_id"]);
  s.check.name = textOf(r["name"]);
  s.check.tableFqn = textOf(r["table_fqn"]);
  s.check.function = textOf(r["check_function"]);
  s.check.arguments = objectOf(r["arguments"]);
  s.check.criticality = parseCriticality(textOf(r["criticality"])).value_or(Criticality::Error);
  s.check.filter = textOf(r["filter_expr"]);
  s.check.userMetadata = objectOf(r["user_metadata"]);
  s.check.enabled = integer(r["enabled"]) != 0;
  s.createdBy = textOf(r["created_by"]);
  s.createdAt = textOf(r["created_at"]);
  s.updatedAt = textOf(r["updated_at"]);
  return s;
}

}  // namespace

std::string fingerprint(const Check& c) {
  // nlohmann::json (not the ordered kind) sorts object keys: the same arguments in any order
  // give the same text.
  const nlohmann::json canonical{{"function", c.function},
                                 {"arguments", nlohmann::json::parse(c.arguments.dump())},
                                 {"filter", c.filter}};
  return canonical.dump();
}

Json checkJson(const StoredCheck& c) {
  const Json& column = c.check.arguments.contains("column") ? c.check.arguments["column"] : Json();
  return Json{{"check_id", c.check.id},
              {"name", c.check.name},
              {"table_fqn", c.check.tableFqn},
              {"criticality", criticalityName(c.check.criticality)},
              {"check_function", c.check.function},
              {"check_type", c.check.function},
              {"arguments", c.check.arguments},
              {"column", column.is_string() ? column : Json()},
              {"filter_expr", c.check.filter},
              {"filter", c.check.filter},
              {"user_metadata", c.check.userMetadata},
              {"enabled", c.check.enabled},
              {"created_by", c.createdBy},
              {"created_at", c.createdAt},
              {"updated_at", c.updatedAt}};
}

Json runJson(const RunRecord& run) {
  const auto& n = run.counts;
  Json details = Json::array();
  for (const auto& c : n.checks) {
    const bool error = c.criticality == Criticality::Error;
    details.push_back(Json{{"check_id", c.checkId},
                           {"name", c.name},
                           {"function", c.function},
                           {"criticality", criticalityName(c.criticality)},
                           {"error_count", error ? c.failedRows : 0},
                           {"warning_count", error ? 0 : c.failedRows}});
  }
  const std::int64_t valid = n.inputRows - n.errorRows;
  const double passRate =
      n.inputRows == 0 ? 100.0
                       : 100.0 * static_cast<double>(valid) / static_cast<double>(n.inputRows);
  return Json{{"run_id", run.runId},
              {"table_fqn", run.tableFqn},
              {"total_rows", n.inputRows},
              {"input_rows", n.inputRows},
              {"error_rows", n.errorRows},
              {"warning_rows", n.warningRows},
              {"valid_rows", valid},
              {"invalid_rows", n.flaggedRows},
              {"clean_rows", n.inputRows - n.flaggedRows},
              {"pass_rate", passRate},
              {"checks_applied", static_cast<std::int64_t>(n.checks.size())},
              {"details", details},
              {"execution_time_ms", run.executionTimeMs},
              {"executed_by", run.executedBy},
              {"executed_at", run.executedAt},
              {"status", "completed"}};
}

std::vector<Migration> CheckRepository::migrations() {
  return {{1,
           "CREATE TABLE quality_checks (check_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
           "table_fqn TEXT NOT NULL, check_function TEXT NOT NULL, arguments TEXT NOT NULL, "
           "criticality TEXT NOT NULL, filter_expr TEXT NOT NULL, user_metadata TEXT NOT NULL, "
           "enabled INTEGER NOT NULL, fingerprint TEXT NOT NULL, created_by TEXT NOT NULL, "
           "created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
           "CREATE INDEX quality_checks_table ON quality_checks (table_fqn);"
           "CREATE TABLE quality_runs (run_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, "
           "result TEXT NOT NULL, executed_at TEXT NOT NULL);"
           "CREATE INDEX quality_runs_table ON quality_runs (table_fqn, executed_at);"
           "CREATE TABLE quality_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
           "user TEXT NOT NULL, action TEXT NOT NULL, check_id TEXT NOT NULL, table_fqn TEXT NOT "
           "NULL, before TEXT, after TEXT);"}};
}

std::vector<Migration> CheckRepository::segmentMigrations() {
  return {{5,
           "CREATE TABLE quality_segment_runs (run_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, "
           "executed_at TEXT NOT NULL, result TEXT NOT NULL);"}};
}

std::vector<Migration> CheckRepository::sampleMigrations() {
  return {{8,
           "CREATE TABLE quality_failure_samples (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id "
           "TEXT NOT NULL, table_fqn TEXT NOT NULL, check_id TEXT NOT NULL, check_name TEXT NOT "
           "NULL, function TEXT NOT NULL, criticality TEXT NOT NULL, row_values TEXT NOT NULL);"
           "CREATE INDEX quality_failure_samples_run ON quality_failure_samples (run_id);"}};
}

void CheckRepository::insertSamples(const std::string& runId, const std::string& tableFqn,
                                    const Check& check, const Json& rows) {
  store_.execute(
      "INSERT INTO quality_failure_samples (run_id, table_fqn, check_id, check_name, function, "
      "criticality, row_values) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {runId, tableFqn, check.id, check.name, check.function,
       std::string(criticalityName(check.criticality)), rows.dump()});
}

std::vector<Json> CheckRepository::samples(const std::string& runId, const std::string& tableFqn,
                                           std::int64_t limit) {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT run_id, table_fqn, check_id, check_name, function, criticality, row_values "
           "FROM quality_failure_samples WHERE (? = '' OR run_id = ?) AND (? = '' OR table_fqn = "
           "?) ORDER BY seq DESC",
           {runId, runId, tableFqn, tableFqn})) {
    const auto rows = Json::parse(textOf(r["row_values"]), nullptr, false);
    if (!rows.is_array()) continue;
    for (const auto& values : rows) {
      if (static_cast<std::int64_t>(out.size()) >= limit) return out;
      out.push_back(Json{{"run_id", r["run_id"]},
                         {"table_fqn", r["table_fqn"]},
                         {"check_id", r["check_id"]},
                         {"check_name", r["check_name"]},
                         {"function", r["function"]},
                         {"criticality", r["criticality"]},
                         {"values", values}});
    }
  }
  return out;
}

void CheckRepository::insertSegmentRun(const Json& result) {
  store_.execute(
      "INSERT INTO quality_segment_runs (run_id, table_fqn, executed_at, result) VALUES (?, ?, "
      "?, ?)",
      {result["run_id"], result["table_fqn"], result["executed_at"], result.dump()});
}

std::vector<Json> CheckRepository::segmentRuns(const std::string& runId,
                                               const std::string& tableFqn, std::int64_t limit) {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT result FROM quality_segment_runs WHERE (? = '' OR run_id = ?) AND (? = '' OR "
           "table_fqn = ?) ORDER BY executed_at DESC, rowid DESC LIMIT ?",
           {runId, runId, tableFqn, tableFqn, limit})) {
    out.push_back(objectOf(r["result"]));
  }
  return out;
}

void CheckRepository::record(const std::string& action, const std::string& checkId,
                             const std::string& table, const Json& before, const Json& after,
                             const std::string& user, const std::string& at) {
  store_.execute(
      "INSERT INTO quality_audit (at, user, action, check_id, table_fqn, before, after) VALUES "
      "(?, ?, ?, ?, ?, ?, ?)",
      {at, user, action, checkId, table, before.is_null() ? Json() : Json(before.dump()),
       after.is_null() ? Json() : Json(after.dump())});
}

void CheckRepository::insert(const StoredCheck& c) {
  const Check& k = c.check;
  store_.execute(
      "INSERT INTO quality_checks (check_id, name, table_fqn, check_function, arguments, "
      "criticality, filter_expr, user_metadata, enabled, fingerprint, created_by, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {k.id, k.name, k.tableFqn, k.function, k.arguments.dump(),
       std::string(criticalityName(k.criticality)), k.filter, k.userMetadata.dump(),
       k.enabled ? 1 : 0, fingerprint(k), c.createdBy, c.createdAt, c.updatedAt});
  record("create", k.id, k.tableFqn, Json(), checkJson(c), c.createdBy, c.createdAt);
}

bool CheckRepository::update(const StoredCheck& c, const std::string& user, const std::string& at) {
  const auto before = find(c.check.id);
  if (!before) return false;
  const Check& k = c.check;
  store_.execute(
      "UPDATE quality_checks SET name = ?, check_function = ?, arguments = ?, criticality = ?, "
      "filter_expr = ?, user_metadata = ?, enabled = ?, fingerprint = ?, updated_at = ? WHERE "
      "check_id = ?",
      {k.name, k.function, k.arguments.dump(), std::string(criticalityName(k.criticality)),
       k.filter, k.userMetadata.dump(), k.enabled ? 1 : 0, fingerprint(k), c.updatedAt, k.id});
  record("update", k.id, k.tableFqn, checkJson(*before), checkJson(c), user, at);
  return true;
}

std::optional<StoredCheck> CheckRepository::find(const std::string& id) {
  const auto rows = store_.query("SELECT * FROM quality_checks WHERE check_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return checkFromRow(rows[0]);
}

std::vector<StoredCheck> CheckRepository::list(const std::string& tableFqn) {
  const auto rows =
      tableFqn.empty()
          ? store_.query("SELECT * FROM quality_checks ORDER BY created_at, rowid")
          : store_.query(
                "SELECT * FROM quality_checks WHERE table_fqn = ? ORDER BY created_at, rowid",
                {tableFqn});
  std::vector<StoredCheck> out;
  for (const auto& r : rows) out.push_back(checkFromRow(r));
  return out;
}

bool CheckRepository::hasFingerprint(const std::string& tableFqn, const std::string& fp) {
  return !store_
              .query("SELECT 1 FROM quality_checks WHERE table_fqn = ? AND fingerprint = ?",
                     {tableFqn, fp})
              .empty();
}

std::int64_t CheckRepository::remove(const std::vector<std::string>& ids, const std::string& user,
                                     const std::string& at) {
  std::int64_t removed = 0;
  for (const auto& id : ids) {
    const auto before = find(id);
    if (!before) continue;
    store_.execute("DELETE FROM quality_checks WHERE check_id = ?", {id});
    record("delete", id, before->check.tableFqn, checkJson(*before), Json(), user, at);
    ++removed;
  }
  return removed;
}

Json CheckRepository::clearResults() {
  Json out = Json::object();
  for (const char* table : {"quality_runs", "quality_failure_samples", "quality_segment_runs"}) {
    out[table] = store_.execute(std::string("DELETE FROM ") + table);
  }
  return out;
}

void CheckRepository::insertRun(const RunRecord& run) {
  store_.execute(
      "INSERT INTO quality_runs (run_id, table_fqn, result, executed_at) VALUES (?, ?, ?, ?)",
      {run.runId, run.tableFqn, runJson(run).dump(), run.executedAt});
  if (runListener_) runListener_(run);
}

std::vector<Json> CheckRepository::runs(const std::string& tableFqn, std::int64_t limit) {
  const auto rows =
      tableFqn.empty()
          ? store_.query(
                "SELECT result FROM quality_runs ORDER BY executed_at DESC, rowid DESC "
                "LIMIT ?",
                {limit})
          : store_.query(
                "SELECT result FROM quality_runs WHERE table_fqn = ? ORDER BY "
                "executed_at DESC, rowid DESC LIMIT ?",
                {tableFqn, limit});
  std::vector<Json> out;
  for (const auto& r : rows) out.push_back(objectOf(r["result"]));
  return out;
}

std::vector<Json> CheckRepository::latestRuns() {
  std::vector<Json> out;
  for (const auto& r : store_.query("SELECT result FROM quality_runs WHERE rowid IN (SELECT "
                                    "max(rowid) FROM quality_runs GROUP BY table_fqn) ORDER BY "
                                    "executed_at DESC, rowid DESC")) {
    out.push_back(objectOf(r["result"]));
  }
  return out;
}

std::vector<Json> CheckRepository::tableSummary() {
  return store_.query(
      "SELECT table_fqn, count(*) AS checks, sum(enabled) AS enabled FROM quality_checks GROUP "
      "BY table_fqn ORDER BY table_fqn");
}

std::vector<Json> CheckRepository::audit(const std::string& checkId, const std::string& tableFqn,
                                         std::int64_t limit) {
  const auto rows = store_.query(
      "SELECT at, user, action, check_id, table_fqn, before, after FROM quality_audit WHERE "
      "(? = '' OR check_id = ?) AND (? = '' OR table_fqn = ?) ORDER BY seq DESC LIMIT ?",
      {checkId, checkId, tableFqn, tableFqn, limit});
  std::vector<Json> out;
  for (const auto& r : rows) {
    out.push_back(Json{{"at", r["at"]},
                       {"user", r["user"]},
                       {"action", r["action"]},
                       {"check_id", r["check_id"]},
                       {"table_fqn", r["table_fqn"]},
                       {"before", r["before"].is_string() ? objectOf(r["before"]) : Json()},
                       {"after", r["after"].is_string() ? objectOf(r["after"]) : Json()}});
  }
  return out;
}

}  // namespace clxs::quality
