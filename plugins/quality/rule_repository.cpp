#include "plugins/quality/rule_repository.hpp"

#include "clxs/id.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

StoredRule ruleFromRow(const Json& r) {
  StoredRule s;
  s.rule.id = textOf(r["rule_id"]);
  s.rule.name = textOf(r["name"]);
  s.rule.tableFqn = textOf(r["table_fqn"]);
  s.rule.column = textOf(r["column_name"]);
  s.rule.ruleType = textOf(r["rule_type"]);
  s.rule.expression = textOf(r["expression"]);
  const auto params = Json::parse(textOf(r["params"]), nullptr, false);
  s.rule.params = params.is_object() ? params : Json::object();
  s.rule.severity = textOf(r["severity"]);
  s.rule.threshold = r["threshold"].is_number() ? r["threshold"].get<double>() : 0.0;
  s.rule.schedule = textOf(r["schedule"]);
  s.rule.enabled = r["enabled"].is_number_integer() && r["enabled"].get<std::int64_t>() != 0;
  s.createdBy = textOf(r["created_by"]);
  s.createdAt = textOf(r["created_at"]);
  s.updatedAt = textOf(r["updated_at"]);
  return s;
}

}  // namespace

Json ruleJson(const StoredRule& s) {
  const LegacyRule& r = s.rule;
  return Json{{"rule_id", r.id},
              {"name", r.name},
              {"table_fqn", r.tableFqn},
              {"column_name", r.column},
              {"column", r.column},
              {"rule_type", r.ruleType},
              {"expression", r.expression},
              {"params", r.params},
              {"threshold", r.threshold},
              {"severity", r.severity},
              {"schedule", r.schedule},
              {"enabled", r.enabled},
              {"created_by", s.createdBy},
              {"created_at", s.createdAt},
              {"updated_at", s.updatedAt}};
}

std::vector<Migration> RuleRepository::migrations() {
  return {{2,
           "CREATE TABLE quality_rules (rule_id TEXT PRIMARY KEY, name TEXT NOT NULL, table_fqn "
           "TEXT NOT NULL, column_name TEXT NOT NULL, rule_type TEXT NOT NULL, expression TEXT NOT "
           "NULL, params TEXT NOT NULL, severity TEXT NOT NULL, threshold REAL NOT NULL, schedule "
           "TEXT NOT NULL, enabled INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT "
           "NULL, updated_at TEXT NOT NULL);"
           "CREATE TABLE quality_rule_results (result_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, "
           "rule_id TEXT NOT NULL, table_fqn TEXT NOT NULL, passed INTEGER NOT NULL, executed_at "
           "TEXT NOT NULL, result TEXT NOT NULL);"
           "CREATE INDEX quality_rule_results_rule ON quality_rule_results (rule_id, "
           "executed_at);"}};
}

void RuleRepository::insert(const StoredRule& s) {
  const LegacyRule& r = s.rule;
  store_.execute(
      "INSERT INTO quality_rules (rule_id, name, table_fqn, column_name, rule_type, expression, "
      "params, severity, threshold, schedule, enabled, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.name, r.tableFqn, r.column, r.ruleType, r.expression, r.params.dump(), r.severity,
       r.threshold, r.schedule, r.enabled ? 1 : 0, s.createdBy, s.createdAt, s.updatedAt});
}

bool RuleRepository::update(const StoredRule& s) {
  const LegacyRule& r = s.rule;
  return store_.execute(
             "UPDATE quality_rules SET name = ?, column_name = ?, rule_type = ?, expression = ?, "
             "params = ?, severity = ?, threshold = ?, schedule = ?, enabled = ?, updated_at = ? "
             "WHERE rule_id = ?",
             {r.name, r.column, r.ruleType, r.expression, r.params.dump(), r.severity, r.threshold,
              r.schedule, r.enabled ? 1 : 0, s.updatedAt, r.id}) > 0;
}

std::optional<StoredRule> RuleRepository::find(const std::string& id) {
  const auto rows = store_.query("SELECT * FROM quality_rules WHERE rule_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return ruleFromRow(rows[0]);
}

std::vector<StoredRule> RuleRepository::list(const std::string& tableFqn,
                                             const std::string& severity) {
  std::vector<StoredRule> out;
  for (const auto& r : store_.query("SELECT * FROM quality_rules WHERE (? = '' OR table_fqn = ?) "
                                    "AND (? = '' OR severity = ?) ORDER BY created_at, rowid",
                                    {tableFqn, tableFqn, severity, severity})) {
    out.push_back(ruleFromRow(r));
  }
  return out;
}

bool RuleRepository::remove(const std::string& id) {
  return store_.execute("DELETE FROM quality_rules WHERE rule_id = ?", {id}) > 0;
}

void RuleRepository::insertResult(const Json& result) {
  store_.execute(
      "INSERT INTO quality_rule_results (result_id, run_id, rule_id, table_fqn, passed, "
      "executed_at, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {newUuid(), result["run_id"], result["rule_id"], result["table_fqn"],
       result["passed"].get<bool>() ? 1 : 0, result["executed_at"], result.dump()});
  if (resultListener_) resultListener_(result);
}

std::vector<Json> RuleRepository::results(const std::string& tableFqn, std::int64_t limit) {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT result FROM quality_rule_results WHERE (? = '' OR table_fqn = ?) ORDER BY "
           "executed_at DESC, rowid DESC LIMIT ?",
           {tableFqn, tableFqn, limit})) {
    out.push_back(Json::parse(textOf(r["result"])));
  }
  return out;
}

std::vector<Json> RuleRepository::history(const std::string& ruleId, const std::string& since) {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT rule_id, table_fqn, substr(executed_at, 1, 10) AS day, sum(passed) AS passes, "
           "sum(1 - passed) AS failures, max(result) AS last FROM quality_rule_results WHERE (? = "
           "'' OR rule_id = ?) AND executed_at >= ? GROUP BY rule_id, table_fqn, day ORDER BY "
           "day DESC, rule_id",
           {ruleId, ruleId, since})) {
    const auto last = Json::parse(textOf(r["last"]), nullptr, false);
    out.push_back(Json{{"rule_id", r["rule_id"]},
                       {"rule_name", last.is_object() ? last.value("rule_name", "") : ""},
                       {"table_fqn", r["table_fqn"]},
                       {"severity", last.is_object() ? last.value("severity", "") : ""},
                       {"date", r["day"]},
                       {"passes", r["passes"]},
                       {"failures", r["failures"]}});
  }
  return out;
}

}  // namespace clxs::quality
