#include "plugins/governance/sla_store.hpp"

#include <cstdint>

#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

constexpr const char* kSlaRuleColumns =
    "sla_id, table_fqn, metric, threshold, window_days, columns_json, severity, owner_team, "
    "notification_channel, enabled, created_by, created_at";
constexpr const char* kSlaCheckColumns =
    "check_id, sla_id, table_fqn, metric, current_value, threshold, status, severity, reason, "
    "details_json, checked_at, checked_by";

std::string slaText(const Json& row, const char* column) {
  const auto it = row.find(column);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double slaNumber(const Json& row, const char* column) {
  const auto it = row.find(column);
  return it != row.end() && it->is_number() ? it->get<double>() : 0.0;
}

SlaRule slaRuleFromRow(const Json& r) {
  SlaRule rule;
  rule.slaId = slaText(r, "sla_id");
  rule.tableFqn = slaText(r, "table_fqn");
  rule.metric = slaText(r, "metric");
  rule.threshold = slaNumber(r, "threshold");
  rule.windowDays = static_cast<int>(slaNumber(r, "window_days"));
  const auto columns = Json::parse(slaText(r, "columns_json"), nullptr, false);
  if (columns.is_array()) {
    for (const auto& c : columns)
      if (c.is_string()) rule.columns.push_back(c.get<std::string>());
  }
  rule.severity = slaText(r, "severity");
  rule.ownerTeam = slaText(r, "owner_team");
  rule.notificationChannel = slaText(r, "notification_channel");
  rule.enabled = r.value("enabled", 1) != 0;
  rule.createdBy = slaText(r, "created_by");
  rule.createdAt = slaText(r, "created_at");
  return rule;
}

SlaCheck slaCheckFromRow(const Json& r) {
  SlaCheck c;
  c.checkId = slaText(r, "check_id");
  c.slaId = slaText(r, "sla_id");
  c.tableFqn = slaText(r, "table_fqn");
  c.metric = slaText(r, "metric");
  if (r.contains("current_value") && r["current_value"].is_number())
    c.value = r["current_value"].get<double>();
  c.threshold = slaNumber(r, "threshold");
  c.status = slaText(r, "status");
  c.severity = slaText(r, "severity");
  c.reason = slaText(r, "reason");
  const auto details = Json::parse(slaText(r, "details_json"), nullptr, false);
  c.details = details.is_object() ? details : Json::object();
  c.checkedAt = slaText(r, "checked_at");
  c.checkedBy = slaText(r, "checked_by");
  return c;
}

Json slaOrNull(const std::string& s) {
  return s.empty() ? Json() : Json(s);
}

}  // namespace

std::vector<Migration> SlaStore::migrations() {
  return {{22,
           "CREATE TABLE governance_sla_rules (sla_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, "
           "metric TEXT NOT NULL, threshold REAL NOT NULL, window_days INTEGER NOT NULL, "
           "columns_json TEXT NOT NULL, severity TEXT NOT NULL, owner_team TEXT, "
           "notification_channel TEXT, enabled INTEGER NOT NULL, created_by TEXT NOT NULL, "
           "created_at TEXT NOT NULL);"},
          {23,
           "CREATE TABLE governance_sla_checks (check_id TEXT PRIMARY KEY, sla_id TEXT NOT NULL, "
           "table_fqn TEXT NOT NULL, metric TEXT NOT NULL, current_value REAL, threshold REAL "
           "NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, reason TEXT, details_json "
           "TEXT NOT NULL, checked_at TEXT NOT NULL, checked_by TEXT NOT NULL);"
           "CREATE INDEX governance_sla_checks_rule ON governance_sla_checks (sla_id, "
           "checked_at);"
           "CREATE INDEX governance_sla_checks_day ON governance_sla_checks (checked_at);"}};
}

void SlaStore::insertRule(const SlaRule& rule) {
  Json columns = Json::array();
  for (const auto& c : rule.columns) columns.push_back(c);
  store_.execute(
      std::string("INSERT INTO governance_sla_rules (") + kSlaRuleColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {rule.slaId, rule.tableFqn, rule.metric, rule.threshold, rule.windowDays, columns.dump(),
       rule.severity, slaOrNull(rule.ownerTeam), slaOrNull(rule.notificationChannel),
       rule.enabled ? 1 : 0, rule.createdBy, rule.createdAt});
}

std::optional<SlaRule> SlaStore::findRule(const std::string& slaId) const {
  const auto rows = store_.query(
      std::string("SELECT ") + kSlaRuleColumns + " FROM governance_sla_rules WHERE sla_id = ?",
      {slaId});
  if (rows.empty()) return std::nullopt;
  return slaRuleFromRow(rows[0]);
}

std::vector<SlaRule> SlaStore::rules(const std::string& tableFqn) const {
  std::string sql = std::string("SELECT ") + kSlaRuleColumns + " FROM governance_sla_rules";
  std::vector<Json> params;
  if (!tableFqn.empty()) {
    sql += " WHERE lower(table_fqn) = ?";
    params.emplace_back(lowerAscii(tableFqn));
  }
  sql += " ORDER BY created_at, rowid";
  std::vector<SlaRule> out;
  for (const auto& r : store_.query(sql, params)) out.push_back(slaRuleFromRow(r));
  return out;
}

bool SlaStore::deleteRule(const std::string& slaId) {
  return store_.execute("DELETE FROM governance_sla_rules WHERE sla_id = ?", {slaId}) > 0;
}

void SlaStore::insertCheck(const SlaCheck& c) {
  store_.execute(
      std::string("INSERT INTO governance_sla_checks (") + kSlaCheckColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.checkId, c.slaId, c.tableFqn, c.metric, c.value ? Json(*c.value) : Json(), c.threshold,
       c.status, c.severity, slaOrNull(c.reason), c.details.dump(), c.checkedAt, c.checkedBy});
}

std::optional<SlaCheck> SlaStore::latestCheck(const std::string& slaId) const {
  const auto rows = store_.query(std::string("SELECT ") + kSlaCheckColumns +
                                     " FROM governance_sla_checks WHERE sla_id = ? ORDER BY "
                                     "checked_at DESC, rowid DESC LIMIT 1",
                                 {slaId});
  if (rows.empty()) return std::nullopt;
  return slaCheckFromRow(rows[0]);
}

std::vector<SlaCheck> SlaStore::latestChecks() const {
  std::vector<SlaCheck> out;
  // The newest check per rule: the one no later check of the same rule follows.
  for (const auto& r : store_.query(
           "SELECT c.check_id, c.sla_id, c.table_fqn, c.metric, c.current_value, c.threshold, "
           "c.status, c.severity, c.reason, c.details_json, c.checked_at, c.checked_by FROM "
           "governance_sla_rules r JOIN governance_sla_checks c ON c.rowid = (SELECT x.rowid "
           "FROM governance_sla_checks x WHERE x.sla_id = r.sla_id ORDER BY x.checked_at DESC, "
           "x.rowid DESC LIMIT 1) ORDER BY r.created_at, r.rowid")) {
    out.push_back(slaCheckFromRow(r));
  }
  return out;
}

std::vector<Json> SlaStore::dailyCounts(const std::string& sinceDay) const {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT substr(checked_at, 1, 10) AS day, sum(status = 'passed') AS passed, "
           "sum(status = 'failed') AS failed FROM governance_sla_checks WHERE checked_at >= ? "
           "AND status IN ('passed', 'failed') GROUP BY day ORDER BY day",
           {sinceDay})) {
    const auto passed = r.value("passed", std::int64_t{0});
    const auto failed = r.value("failed", std::int64_t{0});
    out.push_back(Json{
        {"date", r["day"]}, {"total", passed + failed}, {"passed", passed}, {"failed", failed}});
  }
  return out;
}

Json slaRuleJson(const SlaRule& rule) {
  const bool hours = rule.metric == "freshness";
  return Json{{"sla_id", rule.slaId},
              {"table_fqn", rule.tableFqn},
              {"metric_type", rule.metric},
              {"metric", rule.metric},
              {"threshold", rule.threshold},
              {"threshold_hours", hours ? Json(rule.threshold) : Json()},
              {"threshold_value", hours ? Json() : Json(rule.threshold)},
              {"window_days", rule.metric == "schema_stability" ? Json(rule.windowDays) : Json()},
              {"columns", rule.columns},
              {"severity", rule.severity},
              {"owner_team", slaOrNull(rule.ownerTeam)},
              {"notification_channel", slaOrNull(rule.notificationChannel)},
              {"enabled", rule.enabled},
              {"created_by", rule.createdBy},
              {"created_at", rule.createdAt}};
}

Json slaCheckJson(const SlaCheck& c) {
  return Json{{"check_id", c.checkId},
              {"sla_id", c.slaId},
              {"table_fqn", c.tableFqn},
              {"metric", c.metric},
              {"current_value", c.value ? Json(*c.value) : Json()},
              {"threshold", c.threshold},
              {"status", c.status},
              {"passed", c.status == "unknown" ? Json() : Json(c.status == "passed")},
              {"severity", c.severity},
              {"reason", slaOrNull(c.reason)},
              {"details", c.details},
              {"checked_at", c.checkedAt},
              {"checked_by", c.checkedBy}};
}

Json slaCheckTally(const std::vector<SlaCheck>& checks) {
  std::int64_t passed = 0;
  std::int64_t failed = 0;
  Json rows = Json::array();
  for (const auto& c : checks) {
    passed += c.status == "passed" ? 1 : 0;
    failed += c.status == "failed" ? 1 : 0;
    rows.push_back(slaCheckJson(c));
  }
  const auto n = static_cast<std::int64_t>(checks.size());
  return Json{{"checked", n},
              {"passed", passed},
              {"failed", failed},
              {"unknown", n - passed - failed},
              {"checks", rows}};
}

}  // namespace clxs::governance
