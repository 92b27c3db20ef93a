#include "plugins/quality/dq_rules_routes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/query_params.hpp"
#include "plugins/quality/response_models.hpp"

namespace clxs::quality {

namespace {

constexpr const char* kRulesBase = "/api/governance/dq";

struct RuleBody {
  std::string tableFqn;
  std::string ruleType;
  std::string name;
  std::string column;
  std::string expression;
  Json params = Json::object();
  std::string severity = "warning";
  double threshold = 0;
  std::string schedule = "manual";
  bool enabled = true;
  static const Schema<RuleBody>& schema() {
    static const auto s =
        Schema<RuleBody>("DqRule")
            .field("table_fqn", &RuleBody::tableFqn,
                   Field::string().maxLength(767).describe("catalog.schema.table"))
            .field("rule_type", &RuleBody::ruleType,
                   Field::string()
                       .oneOf({"not_null", "unique", "range", "regex", "custom_sql", "freshness",
                               "row_count", "referential"})
                       .describe("What the rule checks"))
            .field("name", &RuleBody::name, Field::string().maxLength(255).describe("Name"))
            .field("column", &RuleBody::column, Field::string().describe("The column it reads"))
            .field("expression", &RuleBody::expression,
                   Field::string().describe(
                       "custom_sql: a condition each row must meet; regex: the pattern"))
            .field("params", &RuleBody::params,
                   Field::object().describe("min/max, pattern, max_hours, parent_table, "
                                            "parent_column"))
            .field("severity", &RuleBody::severity,
                   Field::string()
                       .oneOf({"critical", "warning", "info"})
                       .defaultsTo("warning")
                       .describe("critical counts as an error, the others as warnings"))
            .field("threshold", &RuleBody::threshold,
                   Field::number().min(0).max(1).defaultsTo(0).describe(
                       "The failure rate (0–1) the rule tolerates"))
            .field("schedule", &RuleBody::schedule,
                   Field::string().defaultsTo("manual").describe("Kept as given"))
            .field("enabled", &RuleBody::enabled,
                   Field::boolean().defaultsTo(true).describe("Run by dq/run"));
    return s;
  }
};

struct RuleRunBody {
  std::vector<std::string> ruleIds;
  std::string catalog;
  std::string tableFqn;
  std::string warehouseId;
  static const Schema<RuleRunBody>& schema() {
    static const auto s =
        Schema<RuleRunBody>("DqRun")
            .field("rule_ids", &RuleRunBody::ruleIds, "Rules to run; empty: every enabled rule")
            .field("catalog", &RuleRunBody::catalog, "Only the rules on this catalog's tables")
            .field("table_fqn", &RuleRunBody::tableFqn, "Only the rules on this table")
            .field("warehouse_id", &RuleRunBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

Field ruleIdParam() {
  return Field::string().required().maxLength(64).describe("Rule id");
}

LegacyRule ruleFrom(const RuleBody& b, LegacyRule base) {
  if (!b.tableFqn.empty()) base.tableFqn = b.tableFqn;
  if (!b.ruleType.empty()) base.ruleType = b.ruleType;
  if (!b.name.empty()) base.name = b.name;
  if (!b.column.empty()) base.column = b.column;
  if (!b.expression.empty()) base.expression = b.expression;
  if (!b.params.is_null() && !b.params.empty()) base.params = b.params;
  base.severity = b.severity;
  base.threshold = b.threshold;
  base.schedule = b.schedule;
  base.enabled = b.enabled;
  return base;
}

// One rule's result in the original's shape.
Json resultJson(const LegacyRule& r, const std::string& runId, std::int64_t total,
                std::int64_t failed, std::int64_t ms, const std::string& error,
                const std::string& at, const std::string& user) {
  const double rate = total == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(total);
  const double rounded = std::round(rate * 1e6) / 1e6;
  return Json{{"run_id", runId},          {"rule_id", r.id},
              {"rule_name", r.name},      {"table_fqn", r.tableFqn},
              {"column", r.column},       {"rule_type", r.ruleType},
              {"severity", r.severity},   {"total_rows", total},
              {"failed_rows", failed},    {"failure_rate", rounded},
              {"threshold", r.threshold}, {"passed", error.empty() && rate <= r.threshold},
              {"execution_time_ms", ms},  {"error", error.empty() ? Json() : Json(error)},
              {"executed_at", at},        {"executed_by", user}};
}

}  // namespace

void registerDqRuleRoutes(Routes& routes, std::shared_ptr<RuleRepository> repository,
                          const Clock& clock) {
  auto repo = std::move(repository);
  const Clock* clk = &clock;
  const std::string base = kRulesBase;

  routes.post(base + "/rules")
      .summary("Create a data-quality rule")
      .description(
          "A rule of one of the original's types. It runs as a check of the quality engine "
          "(not_null → is_not_null, unique → is_unique, range → is_in_range, regex → "
          "regex_match, custom_sql → sql_expression, freshness → max(column) newer than "
          "params.max_hours, row_count → count within params.min/max, referential → "
          "foreign_key to params.parent_table); a rule it cannot make a check of is a 422.")
      .body<RuleBody>()
      .mutates()
      .returns(Model("DqRuleCreated")
                   .field("rule_id", Field::string().describe("Id"))
                   .field("name", Field::string().describe("Name"))
                   .field("status", Field::string().describe("created")))
      .handle([repo, clk](const Request& req, const RuleBody& b) {
        for (const auto& [field, value] :
             {std::pair{"table_fqn", &b.tableFqn}, std::pair{"rule_type", &b.ruleType}}) {
          if (value->empty()) {
            throw unprocessable(Json::array({"body", field}), "Field required", "missing");
          }
        }
        StoredRule s;
        s.rule = ruleFrom(b, LegacyRule{});
        s.rule.id = newUuid();
        const auto checks = checksOfRule(s.rule);  // validates (422/400)
        if (s.rule.name.empty()) s.rule.name = checks.front().name;
        s.createdBy = req.workspace()->identity().currentUser({});
        s.createdAt = s.updatedAt = isoUtc(clk->now());
        repo->insert(s);
        return Json{{"rule_id", s.rule.id}, {"name", s.rule.name}, {"status", "created"}};
      });

  routes.get(base + "/rules")
      .summary("List data-quality rules")
      .query("table_fqn", Field::string().describe("Only this table's rules"))
      .query("severity", Field::string()
                             .oneOf({"critical", "warning", "info"})
                             .describe("Only rules of this severity"))
      .returnsListOf(ruleModel())
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (const auto& r : repo->list(queryText(req, "table_fqn"), queryText(req, "severity"))) {
          out.push_back(ruleJson(r));
        }
        return out;
      });

  routes.put(base + "/rules/{rule_id}")
      .summary("Update a data-quality rule")
      .description(
          "Changes a rule's name, column, expression, params, severity, threshold, "
          "schedule or enabled; its table stays. Re-validated as on create.")
      .pathParam("rule_id", ruleIdParam())
      .body<RuleBody>()
      .mutates()
      .returns(statusModel("DqRuleUpdated", "rule_id"))
      .handle([repo, clk](const Request& req, const RuleBody& b) {
        auto stored = repo->find(req.param("rule_id"));
        if (!stored) throw notFound("Rule '" + req.param("rule_id") + "' not found.");
        if (!b.tableFqn.empty() && b.tableFqn != stored->rule.tableFqn) {
          throw badRequest("A rule stays on its table; create a new one for " + b.tableFqn + ".");
        }
        // What the client did not send stays as it is (the body's defaults would reset it).
        RuleBody merged = b;
        if (!bodyHas(req, "severity")) merged.severity = stored->rule.severity;
        if (!bodyHas(req, "threshold")) merged.threshold = stored->rule.threshold;
        if (!bodyHas(req, "schedule")) merged.schedule = stored->rule.schedule;
        if (!bodyHas(req, "enabled")) merged.enabled = stored->rule.enabled;
        stored->rule = ruleFrom(merged, stored->rule);
        checksOfRule(stored->rule);
        stored->updatedAt = isoUtc(clk->now());
        repo->update(*stored);
        return Json{{"status", "updated"}, {"rule_id", stored->rule.id}};
      });

  routes.del(base + "/rules/{rule_id}")
      .summary("Delete a data-quality rule")
      .pathParam("rule_id", ruleIdParam())
      .mutates()
      .returns(statusModel("DqRuleDeleted", "rule_id"))
      .handle([repo](const Request& req) {
        if (!repo->remove(req.param("rule_id"))) {
          throw notFound("Rule '" + req.param("rule_id") + "' not found.");
        }
        return Json{{"status", "deleted"}, {"rule_id", req.param("rule_id")}};
      });

  routes.post(base + "/run")
      .summary("Run data-quality rules")
      .description(
          "Runs the rules in rule_ids, or every enabled rule (of catalog or table_fqn when "
          "given), one query per table, and records one result per rule: total_rows, "
          "failed_rows, failure_rate (0–1), passed (failure_rate ≤ threshold). A table that "
          "cannot be read gives its rules a result with the error, passed false.")
      .body<RuleRunBody>()
      .mutates()
      .returnsListOf(ruleResultModel())
      .handle([repo, clk](const Request& req, const RuleRunBody& b) {
        std::vector<LegacyRule> rules;
        if (!b.ruleIds.empty()) {
          for (const auto& id : b.ruleIds) {
            auto r = repo->find(id);
            if (!r) throw notFound("Rule '" + id + "' not found.");
            rules.push_back(r->rule);
          }
        } else {
          for (const auto& r : repo->list(b.tableFqn, "")) {
            const bool inCatalog =
                b.catalog.empty() || splitQualified(r.rule.tableFqn).front() == b.catalog;
            if (r.rule.enabled && inCatalog) rules.push_back(r.rule);
          }
        }
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        const std::string user = ws->identity().currentUser(call);
        const std::string runId = newUuid();
        const std::string at = isoUtc(clk->now());
        std::map<std::string, std::vector<const LegacyRule*>> byTable;
        for (const auto& r : rules) byTable[r.tableFqn].push_back(&r);
        Json out = Json::array();
        for (const auto& [table, tableRules] : byTable) {
          std::vector<Check> checks;
          std::vector<std::size_t> owner;  // the rule of each check
          for (std::size_t i = 0; i < tableRules.size(); ++i) {
            for (auto& c : checksOfRule(*tableRules[i])) {
              checks.push_back(std::move(c));
              owner.push_back(i);
            }
          }
          std::int64_t ms = 0;
          ScanCounts counts;
          std::string error;
          try {
            counts = measure(*ws, table, checks, call, ms);
          } catch (const std::exception& e) {
            error = e.what();
          }
          for (std::size_t i = 0; i < tableRules.size(); ++i) {
            std::int64_t failed = 0;
            for (std::size_t k = 0; k < counts.checks.size(); ++k) {
              if (owner[k] == i) failed = std::max(failed, counts.checks[k].failedRows);
            }
            Json result =
                resultJson(*tableRules[i], runId, counts.inputRows, failed, ms, error, at, user);
            repo->insertResult(result);
            out.push_back(std::move(result));
          }
        }
        return out;
      });

  routes.get(base + "/results")
      .summary("Data-quality rule results")
      .description("Recorded rule results, newest first.")
      .query("table_fqn", Field::string().describe("Only this table's results"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many (up to 1000)"))
      .returnsListOf(ruleResultModel())
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (auto& r : repo->results(queryText(req, "table_fqn"), queryInt(req, "limit", 100))) {
          out.push_back(std::move(r));
        }
        return out;
      });

  routes.get(base + "/history")
      .summary("Data-quality rule history")
      .description(
          "Passes and failures per rule per day over the last `days` days, newest "
          "day first.")
      .query("rule_id", Field::string().describe("Only this rule"))
      .query("days", Field::integer().min(1).max(3650).defaultsTo(30).describe("Days back"))
      .returnsListOf(historyModel())
      .handle([repo, clk](const Request& req) {
        const auto since = clk->now() - std::chrono::hours(24 * queryInt(req, "days", 30));
        Json out = Json::array();
        for (auto& h : repo->history(queryText(req, "rule_id"), isoUtc(since))) {
          out.push_back(std::move(h));
        }
        return out;
      });
}

}  // namespace clxs::quality
