#include "plugins/quality/suite_runner.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/legacy_rule.hpp"

namespace clxs::quality {

namespace {

// One item with the checks it runs as.
struct Planned {
  std::string type;
  std::string id;
  std::string table;
  std::vector<Check> checks;
  double threshold = 0;  // a rule's tolerated failure rate
  std::string error;     // why it cannot run
};

std::string textField(const Json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

SuiteRunner::SuiteRunner(std::shared_ptr<CheckRepository> checks,
                         std::shared_ptr<RuleRepository> rules,
                         std::shared_ptr<SuiteRepository> suites)
    : checks_(std::move(checks)), rules_(std::move(rules)), suites_(std::move(suites)) {}

Json SuiteRunner::resolveItems(const Json& items) {
  Json out = Json::array();
  if (!items.is_array()) return out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& item = items[i];
    const Json loc = Json::array({"body", "checks", i});
    if (!item.is_object()) throw unprocessable(loc, "Each item is an object", "type_error");
    std::string id = textField(item, "check_id");
    if (id.empty()) id = textField(item, "id");
    std::string type = textField(item, "type");
    if (id.empty()) throw unprocessable(loc, "An item names a check_id", "missing");
    if (type.empty()) type = checks_->find(id) ? "dqx_check" : rules_->find(id) ? "dq_rule" : "";
    if (type == "dqx_check" && !checks_->find(id)) type.clear();
    if (type == "dq_rule" && !rules_->find(id)) type.clear();
    if (type.empty()) {
      throw unprocessable(loc, "'" + id + "' is neither a DQX check nor a data-quality rule",
                          "value_error");
    }
    out.push_back(
        Json{{"type", type}, {"id", id}, {"description", textField(item, "description")}});
  }
  return out;
}

namespace {

std::vector<Planned> plan(const Json& items, CheckRepository& checks, RuleRepository& rules) {
  std::vector<Planned> out;
  for (const auto& item : items) {
    Planned p;
    p.type = textField(item, "type");
    p.id = textField(item, "id");
    try {
      if (p.type == "dqx_check") {
        const auto c = checks.find(p.id);
        if (!c) throw notFound("The check " + p.id + " no longer exists.");
        p.table = c->check.tableFqn;
        p.checks.push_back(c->check);
      } else if (p.type == "dq_rule") {
        const auto r = rules.find(p.id);
        if (!r) throw notFound("The rule " + p.id + " no longer exists.");
        p.table = r->rule.tableFqn;
        p.threshold = r->rule.threshold;
        p.checks = checksOfRule(r->rule);
      } else {
        throw badRequest("Items of type " + p.type + " are not run by the quality plugin.");
      }
    } catch (const HttpError& e) {
      p.error = e.what();
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Json SuiteRunner::run(Workspace& ws, const StoredSuite& suite, const CallOptions& call,
                      const std::string& user, const std::string& at) {
  auto planned = plan(suite.items, *checks_, *rules_);
  std::map<std::string, std::vector<std::size_t>> byTable;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (planned[i].error.empty()) byTable[planned[i].table].push_back(i);
  }
  std::vector<Json> results(planned.size());
  for (const auto& [table, members] : byTable) {
    std::vector<Check> all;
    std::vector<std::size_t> owner;
    for (const std::size_t i : members) {
      for (const auto& c : planned[i].checks) {
        all.push_back(c);
        owner.push_back(i);
      }
    }
    ScanCounts counts;
    std::int64_t ms = 0;
    std::string error;
    try {
      counts = measure(ws, table, all, call, ms);
    } catch (const std::exception& e) {
      error = e.what();
    }
    for (const std::size_t i : members) {
      std::int64_t failed = 0;
      for (std::size_t k = 0; k < counts.checks.size(); ++k) {
        if (owner[k] == i) failed = std::max(failed, counts.checks[k].failedRows);
      }
      const double rate = counts.inputRows == 0
                              ? 0.0
                              : static_cast<double>(failed) / static_cast<double>(counts.inputRows);
      const bool pass = planned[i].type == "dq_rule" ? rate <= planned[i].threshold : failed == 0;
      results[i] = Json{{"check_type", planned[i].type},
                        {"check_id", planned[i].id},
                        {"status", !error.empty() ? "error"
                                   : pass         ? "pass"
                                                  : "fail"},
                        {"details", Json{{"table_fqn", table},
                                         {"total_rows", counts.inputRows},
                                         {"failed_rows", failed},
                                         {"execution_time_ms", ms}}},
                        {"error", error.empty() ? Json() : Json(error)}};
    }
  }
  std::int64_t passed = 0, failed = 0, errors = 0;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (!planned[i].error.empty()) {
      results[i] = Json{{"check_type", planned[i].type},
                        {"check_id", planned[i].id},
                        {"status", "error"},
                        {"details", Json::object()},
                        {"error", planned[i].error}};
    }
    const auto& status = results[i]["status"];
    passed += status == "pass" ? 1 : 0;
    failed += status == "fail" ? 1 : 0;
    errors += status == "error" ? 1 : 0;
  }
  Json out{{"suite_id", suite.id},
           {"suite_name", suite.name},
           {"executed_at", at},
           {"executed_by", user},
           {"overall_status", failed + errors == 0 ? "pass" : "fail"},
           {"total_checks", static_cast<std::int64_t>(planned.size())},
           {"passed", passed},
           {"failed", failed},
           {"errors", errors},
           {"skipped", 0},
           {"results", results}};
  suites_->insertRun(suite.id, out);
  return out;
}

services::GateResult SuiteRunner::evaluate(Workspace& ws, const services::GateRequest& request,
                                           const CallOptions& call) {
  std::vector<Check> all;
  if (request.suiteId.empty()) {
    for (const auto& c : checks_->list(request.tableFqn)) {
      if (c.check.enabled) all.push_back(c.check);
    }
    for (const auto& r : rules_->list(request.tableFqn, "")) {
      if (!r.rule.enabled) continue;
      for (auto& c : checksOfRule(r.rule)) all.push_back(std::move(c));
    }
  } else {
    const auto suite = suites_->find(request.suiteId);
    if (!suite) throw notFound("Suite '" + request.suiteId + "' not found.");
    for (auto& p : plan(suite->items, *checks_, *rules_)) {
      if (!p.error.empty()) throw badRequest(p.error);
      if (p.table != request.tableFqn) continue;
      for (auto& c : p.checks) {
        if (c.id.empty()) c.id = p.id;
        all.push_back(std::move(c));
      }
    }
  }
  if (all.empty()) {
    throw badRequest("No check applies to " + request.tableFqn +
                     (request.suiteId.empty() ? "" : " in suite " + request.suiteId) + ".");
  }
  std::int64_t ms = 0;
  const ScanCounts counts = measure(ws, request.tableFqn, all, call, ms);
  const auto percent = [&](std::int64_t failing) {
    return counts.inputRows == 0 ? 100.0
                                 : 100.0 * static_cast<double>(counts.inputRows - failing) /
                                       static_cast<double>(counts.inputRows);
  };
  services::GateResult out;
  out.passRate = percent(counts.errorRows);
  for (const auto& c : counts.checks) {
    if (c.criticality != Criticality::Error || c.failedRows == 0) continue;
    const double rate = percent(c.failedRows);
    if (rate >= request.minPassRate) continue;
    out.blockingFailures.push_back({c.checkId, c.name, "error", c.failedRows, rate});
  }
  out.passed = out.passRate >= request.minPassRate && out.blockingFailures.empty();
  return out;
}

}  // namespace clxs::quality
