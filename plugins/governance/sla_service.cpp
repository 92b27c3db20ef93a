#include "plugins/governance/sla_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "clxs/error.hpp"
#include "clxs/event_types.hpp"
#include "clxs/id.hpp"
#include "clxs/object_name.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/governed_table.hpp"
#include "plugins/governance/sla_measure.hpp"

namespace clxs::governance {
namespace {

// The incident severities of the observability plugin, from the original's words too.
std::string slaIncidentSeverity(const std::string& severity) {
  if (severity == "critical" || severity == "high" || severity == "low") return severity;
  if (severity == "info") return "low";
  return "medium";  // medium, warning
}

double slaPct(std::int64_t part, std::int64_t whole) {
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

std::string slaDay(std::chrono::system_clock::time_point t) {
  return isoUtc(t).substr(0, 10);
}

}  // namespace

SlaRule SlaService::createRule(Workspace& ws, const SlaRuleRequest& request,
                               const std::string& actor) {
  const auto& metrics = slaMetrics();
  if (std::find(metrics.begin(), metrics.end(), request.metric) == metrics.end()) {
    throw unprocessable(Json::array({"body", "metric_type"}),
                        "metric_type must be freshness, row_count, schema_stability or "
                        "completeness, not '" +
                            request.metric + "'");
  }
  if (request.metric == "completeness" && request.threshold > 100) {
    throw unprocessable(Json::array({"body", "threshold"}),
                        "a completeness threshold is a percentage from 0 to 100");
  }
  const auto table = ws.catalog().table(ObjectName::parse(request.tableFqn), {});
  SlaRule rule;
  rule.slaId = newUuid();
  rule.tableFqn = governedTableFqn(table);
  rule.metric = request.metric;
  rule.threshold = request.threshold;
  rule.windowDays = request.windowDays;
  for (const auto& wanted : request.columns) {
    const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                                 [&](const ColumnInfo& c) { return sameName(c.name, wanted); });
    if (it == table.columns.end()) {
      throw unprocessable(Json::array({"body", "columns"}),
                          "the column " + wanted + " does not exist in " + rule.tableFqn);
    }
    rule.columns.push_back(it->name);
  }
  rule.severity = request.severity;
  rule.ownerTeam = request.ownerTeam;
  rule.notificationChannel = request.notificationChannel;
  rule.enabled = request.enabled;
  rule.createdBy = actor;
  rule.createdAt = nowIso(*deps_.clock);
  store_.insertRule(rule);
  deps_.history->record(
      {"sla_rule", rule.slaId, "create", actor, Json(), slaRuleJson(rule), rule.createdAt});
  return rule;
}

void SlaService::deleteRule(const std::string& slaId, const std::string& actor) {
  const auto rule = store_.findRule(slaId);
  if (!rule || !store_.deleteRule(slaId)) throw notFound("SLA rule '" + slaId + "' not found.");
  deps_.history->record(
      {"sla_rule", slaId, "delete", actor, slaRuleJson(*rule), Json(), nowIso(*deps_.clock)});
}

std::vector<SlaRule> SlaService::rulesToCheck(const std::string& tableFqn,
                                              const std::vector<std::string>& slaIds) const {
  std::vector<SlaRule> rules;
  if (!slaIds.empty()) {
    for (const auto& id : slaIds) {
      const auto rule = store_.findRule(id);
      if (!rule) throw notFound("SLA rule '" + id + "' not found.");
      rules.push_back(*rule);
    }
  } else {
    rules = store_.rules(tableFqn);
  }
  std::erase_if(rules, [](const SlaRule& r) { return !r.enabled; });
  return rules;
}

std::vector<SlaCheck> SlaService::check(Workspace& ws, const std::string& tableFqn,
                                        const std::vector<std::string>& slaIds,
                                        const std::string& actor, const CallOptions& options,
                                        const SlaProgress& progress) {
  const auto rules = rulesToCheck(tableFqn, slaIds);
  const auto now = deps_.clock->now();
  const auto at = isoUtc(now);
  std::map<std::string, SlaTableFacts> tables;  // read once per table
  std::vector<SlaCheck> out;
  for (const auto& rule : rules) {
    if (options.cancel != nullptr && options.cancel->cancelled) throw JobCancelled();
    if (progress)
      progress(static_cast<std::int64_t>(out.size()), static_cast<std::int64_t>(rules.size()),
               rule.tableFqn);
    auto [it, fresh] = tables.try_emplace(lowerAscii(rule.tableFqn));
    auto& facts = it->second;
    if (fresh) {
      try {
        facts.table = ws.catalog().table(ObjectName::parse(rule.tableFqn), options);
      } catch (const WorkspaceError& e) {
        if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
        facts.missing = e.errorClass() == WorkspaceErrorClass::NotFound;
        facts.error = facts.missing ? "the table " + rule.tableFqn + " does not exist"
                                    : std::string("the table could not be read: ") + e.what();
      }
    }
    const auto m = measureSla(ws, rule, facts, now, options);
    SlaCheck c;
    c.checkId = newUuid();
    c.slaId = rule.slaId;
    c.tableFqn = rule.tableFqn;
    c.metric = rule.metric;
    c.value = m.value;
    c.threshold = rule.threshold;
    c.status = m.status;
    c.severity = rule.severity;
    c.reason = m.reason;
    c.details = m.details;
    c.checkedAt = at;
    c.checkedBy = actor;
    const auto previous = store_.latestCheck(rule.slaId);
    store_.insertCheck(c);
    // A breach opens (or adds to) the rule's incident; the first pass after one resolves it.
    if (c.status == "failed" || (c.status == "passed" && previous && previous->status == "failed"))
      signal(rule, c);
    out.push_back(std::move(c));
  }
  std::int64_t passed = 0;
  std::int64_t failed = 0;
  Json ids = Json::array();
  for (const auto& c : out) {
    passed += c.status == "passed" ? 1 : 0;
    failed += c.status == "failed" ? 1 : 0;
    ids.push_back(c.slaId);
  }
  // A check run adds results, not rules; it is still a change made by someone.
  deps_.history->record({"sla_check", newUuid(), "check", actor, Json(),
                         Json{{"checked", out.size()},
                              {"passed", passed},
                              {"failed", failed},
                              {"unknown", static_cast<std::int64_t>(out.size()) - passed - failed},
                              {"sla_ids", ids}},
                         at});
  return out;
}

void SlaService::signal(const SlaRule& rule, const SlaCheck& check) {
  if (deps_.events == nullptr) return;
  events::ObservabilitySignal s;
  s.source = "sla";
  s.tableFqn = rule.tableFqn;
  s.sourceRef = rule.slaId;
  s.passed = check.status == "passed";
  s.severity = s.passed ? "" : slaIncidentSeverity(rule.severity);
  s.title = s.passed ? "SLA " + rule.metric + " of " + rule.tableFqn + " met again"
                     : "SLA " + rule.metric + " of " + rule.tableFqn + " breached: " + check.reason;
  s.details = Json{
      {"sla_id", rule.slaId},        {"check_id", check.checkId},
      {"metric", rule.metric},       {"current_value", check.value ? Json(*check.value) : Json()},
      {"threshold", rule.threshold}, {"evidence", check.details}};
  s.reportedBy = check.checkedBy;
  s.at = check.checkedAt;
  deps_.events->publish(s);
}

Json SlaService::status() const {
  Json tally = slaCheckTally(store_.latestChecks());
  const auto checked = tally["checked"].get<std::int64_t>();
  const auto passed = tally["passed"].get<std::int64_t>();
  return Json{{"total_rules", store_.rules("").size()},
              {"checked", checked},
              {"passed", passed},
              {"failed", tally["failed"]},
              {"unknown", tally["unknown"]},
              {"health_pct", checked == 0 ? Json() : Json(slaPct(passed, checked))},
              {"checks", std::move(tally["checks"])}};
}

Json SlaService::trend(int days) const {
  const auto now = deps_.clock->now();
  const auto first = now - std::chrono::days(days - 1);
  std::map<std::string, Json> byDay;
  for (auto& d : store_.dailyCounts(slaDay(first))) byDay[d["date"].get<std::string>()] = d;
  Json trend = Json::array();
  std::int64_t passed = 0;
  std::int64_t total = 0;
  for (int i = 0; i < days; ++i) {
    const auto day = slaDay(first + std::chrono::days(i));
    const auto it = byDay.find(day);
    if (it == byDay.end()) {
      trend.push_back(Json{
          {"date", day}, {"total", 0}, {"passed", 0}, {"failed", 0}, {"compliance_pct", nullptr}});
      continue;
    }
    auto row = it->second;
    const auto p = row["passed"].get<std::int64_t>();
    const auto t = row["total"].get<std::int64_t>();
    row["compliance_pct"] = slaPct(p, t);
    passed += p;
    total += t;
    trend.push_back(row);
  }
  return Json{{"days", days},
              {"overall_pct", total == 0 ? Json() : Json(slaPct(passed, total))},
              {"trend", trend}};
}

}  // namespace clxs::governance
