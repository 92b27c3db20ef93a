#include "plugins/governance/sla_routes.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/jobs.hpp"
#include "clxs/schema.hpp"

namespace clxs::governance {
namespace {

constexpr const char* kSlaBase = "/api/governance/sla";

std::vector<Json> slaMetricNames() {
  return {"freshness", "row_count", "schema_stability", "completeness"};
}

struct SlaRuleBody {
  std::string tableFqn;
  std::string metricType;
  std::string metric;
  std::optional<double> threshold;
  std::optional<double> thresholdHours;
  std::optional<double> thresholdValue;
  std::int64_t windowDays = 7;
  std::vector<std::string> columns;
  std::string severity = "medium";
  std::string ownerTeam;
  std::string notificationChannel;
  bool enabled = true;
  static const Schema<SlaRuleBody>& schema() {
    static const auto s =
        Schema<SlaRuleBody>("SlaRule")
            .field("table_fqn", &SlaRuleBody::tableFqn,
                   Field::string().required().minLength(1).maxLength(767).describe(
                       "catalog.schema.table (backticks around a part with a dot)"))
            .field("metric_type", &SlaRuleBody::metricType,
                   Field::string()
                       .oneOf(slaMetricNames())
                       .caseInsensitive()
                       .describe("freshness, row_count, schema_stability or completeness"))
            .field("metric", &SlaRuleBody::metric,
                   Field::string()
                       .oneOf(slaMetricNames())
                       .caseInsensitive()
                       .describe("The original's name of metric_type"))
            .field("threshold", &SlaRuleBody::threshold,
                   Field::number().min(0).describe(
                       "freshness: most hours since the last data commit; row_count: fewest "
                       "rows; schema_stability: most schema changes in window_days; "
                       "completeness: least % of non-NULL values (0–100)"))
            .field("threshold_hours", &SlaRuleBody::thresholdHours,
                   Field::number().min(0).describe("The original's freshness threshold"))
            .field("threshold_value", &SlaRuleBody::thresholdValue,
                   Field::number().min(0).describe("The original's threshold of other metrics"))
            .field("window_days", &SlaRuleBody::windowDays,
                   Field::integer().min(1).max(365).defaultsTo(7).describe(
                       "schema_stability: the days of history counted"))
            .field("columns", &SlaRuleBody::columns,
                   Field::array(Field::string().identifier())
                       .describe("completeness: these columns (default: all)"))
            .field("severity", &SlaRuleBody::severity,
                   Field::string()
                       .oneOf({"critical", "high", "medium", "low", "warning", "info"})
                       .caseInsensitive()
                       .defaultsTo("medium")
                       .describe("The breach's incident severity (warning is medium, info low)"))
            .field("owner_team", &SlaRuleBody::ownerTeam,
                   Field::string().maxLength(255).describe("Who owns it"))
            .field("notification_channel", &SlaRuleBody::notificationChannel,
                   Field::string().maxLength(255).describe("Where to tell them"))
            .field("enabled", &SlaRuleBody::enabled,
                   Field::boolean().defaultsTo(true).describe("Checked by sla/check"));
    return s;
  }
};

struct SlaCheckBody {
  std::string tableFqn;
  std::vector<std::string> slaIds;
  bool async = false;
  static const Schema<SlaCheckBody>& schema() {
    static const auto s =
        Schema<SlaCheckBody>("SlaCheckRequest")
            .field("table_fqn", &SlaCheckBody::tableFqn,
                   Field::string().maxLength(767).describe("Only this table's rules"))
            .field("sla_ids", &SlaCheckBody::slaIds, "Only these rules (default: every enabled)")
            .field("async", &SlaCheckBody::async,
                   Field::boolean().defaultsTo(false).describe(
                       "Run as a job (many rules, large tables): answers {job_id, status, "
                       "message}; the job's result is this route's answer"));
    return s;
  }
};

SlaRuleRequest slaRequestOf(const SlaRuleBody& b) {
  if (b.metricType.empty() && b.metric.empty())
    throw unprocessable(Json::array({"body", "metric_type"}), "Field required", "missing");
  if (!b.metricType.empty() && !b.metric.empty() && b.metricType != b.metric) {
    throw unprocessable(Json::array({"body", "metric"}),
                        "metric and metric_type name different metrics; send one");
  }
  SlaRuleRequest r;
  r.tableFqn = b.tableFqn;
  r.metric = b.metricType.empty() ? b.metric : b.metricType;
  // The spec's threshold, else the original's field for the metric, else its other field.
  const auto& own = r.metric == "freshness" ? b.thresholdHours : b.thresholdValue;
  const auto& other = r.metric == "freshness" ? b.thresholdValue : b.thresholdHours;
  const auto threshold = b.threshold ? b.threshold : own ? own : other;
  if (!threshold)
    throw unprocessable(Json::array({"body", "threshold"}), "Field required", "missing");
  r.threshold = *threshold;
  r.windowDays = static_cast<int>(b.windowDays);
  r.columns = b.columns;
  r.severity = b.severity;
  r.ownerTeam = b.ownerTeam;
  r.notificationChannel = b.notificationChannel;
  r.enabled = b.enabled;
  return r;
}

Field slaNullableNumber(const char* what) {
  return Field::number().nullable().describe(what);
}

Model slaRuleModel() {
  return Model("SlaRuleStored")
      .field("sla_id", Field::string().describe("Id"))
      .field("table_fqn", Field::string().describe("catalog.schema.table"))
      .field("metric_type", Field::string().describe("The metric"))
      .field("metric", Field::string().describe("The metric (the original's name)"))
      .field("threshold", Field::number().describe("The limit"))
      .field("threshold_hours", slaNullableNumber("freshness: the limit"))
      .field("threshold_value", slaNullableNumber("other metrics: the limit"))
      .field("window_days", Field::integer().nullable().describe("schema_stability: the window"))
      .field("columns", Field::array(Field::string()).describe("completeness: the columns"))
      .field("severity", Field::string().describe("Severity"))
      .field("owner_team", Field::string().nullable().describe("Owner"))
      .field("notification_channel", Field::string().nullable().describe("Channel"))
      .field("enabled", Field::boolean().describe("Checked by sla/check"))
      .field("created_by", Field::string().describe("Who created it"))
      .field("created_at", Field::string().describe("When"));
}

Field slaCheckField() {
  return Field::object(
      {{"check_id", Field::string().describe("Id")},
       {"sla_id", Field::string().describe("The rule")},
       {"table_fqn", Field::string().describe("Its table")},
       {"metric", Field::string().describe("Its metric")},
       {"current_value", slaNullableNumber("Measured (null: unknown)")},
       {"threshold", Field::number().describe("The limit then")},
       {"status", Field::string().describe("passed, failed or unknown")},
       {"passed", Field::boolean().nullable().describe("Passed (null: unknown)")},
       {"severity", Field::string().describe("The rule's severity")},
       {"reason", Field::string().nullable().describe("Why it failed or is unknown")},
       {"details", Field::object().describe("The evidence")},
       {"checked_at", Field::string().describe("When")},
       {"checked_by", Field::string().describe("Who ran it")}});
}

Model slaTrendModel(const char* name) {
  return Model(name)
      .field("days", Field::integer().describe("Days covered, today included"))
      .field("overall_pct", slaNullableNumber("Checks passed over the days, %"))
      .field("trend",
             Field::array(Field::object({{"date", Field::string().describe("UTC day")},
                                         {"total", Field::integer().describe("Checks")},
                                         {"passed", Field::integer().describe("Passed")},
                                         {"failed", Field::integer().describe("Failed")},
                                         {"compliance_pct", slaNullableNumber("Passed %")}}))
                 .describe("One entry per day, oldest first"));
}

// A declared query parameter: absent ones arrive as null.
std::string slaQueryText(const Request& req, const char* name) {
  const auto it = req.query().find(name);
  return it != req.query().end() && it->is_string() ? it->get<std::string>() : std::string();
}

int slaQueryDays(const Request& req) {
  const auto it = req.query().find("days");
  return it != req.query().end() && it->is_number_integer() ? it->get<int>() : 30;
}

// A check run's answer.
Json slaRunJson(const std::vector<SlaCheck>& checks) {
  Json out = slaCheckTally(checks);
  out["checked_at"] = checks.empty() ? Json() : Json(checks.front().checkedAt);
  return out;
}

Field slaDaysParam() {
  return Field::integer().min(1).max(365).defaultsTo(30).describe("Days (default 30)");
}

}  // namespace

void registerSlaRoutes(Routes& routes, std::shared_ptr<SlaService> service) {
  const std::string base = kSlaBase;

  routes.post(base + "/rules")
      .summary("Create an SLA rule")
      .description(
          "Takes the spec's {table_fqn, metric_type, threshold, severity} or the original's "
          "{metric, threshold_hours, threshold_value, owner_team, notification_channel, "
          "enabled}. Metrics are measured from Delta metadata: freshness in hours since the "
          "last commit that changed data (metadata-only ALTERs do not count), schema_stability "
          "as the column-changing commits in window_days, row_count from Delta statistics, "
          "completeness as 100 − the mean NULL % of the columns. 404 for an unknown table.")
      .body<SlaRuleBody>()
      .mutates()
      .returns(slaRuleModel())
      .handle([service](const Request& req, const SlaRuleBody& b) {
        return slaRuleJson(service->createRule(*req.workspace(), slaRequestOf(b), actorOf(req)));
      });

  routes.get(base + "/rules")
      .summary("List SLA rules")
      .query("table_fqn", Field::string().maxLength(767).describe("Only this table's"))
      .returnsListOf(slaRuleModel())
      .handle([service](const Request& req) {
        Json out = Json::array();
        for (const auto& r : service->store().rules(slaQueryText(req, "table_fqn")))
          out.push_back(slaRuleJson(r));
        return out;
      });

  routes.del(base + "/rules/{sla_id}")
      .summary("Delete an SLA rule")
      .description("Its past checks stay in the compliance trend. 404 for an unknown id.")
      .pathParam("sla_id", Field::string().required().maxLength(64).describe("SLA rule"))
      .mutates()
      .returns(Model("SlaRuleDeleted")
                   .field("sla_id", Field::string().describe("Id"))
                   .field("status", Field::string().describe("deleted")))
      .handle([service](const Request& req) {
        service->deleteRule(req.param("sla_id"), actorOf(req));
        return Json{{"sla_id", req.param("sla_id")}, {"status", "deleted"}};
      });

  routes.post(base + "/check")
      .summary("Check the SLA rules")
      .description(
          "Measures every enabled rule (or the body's table_fqn or sla_ids) and stores one check "
          "per rule: passed, failed, or unknown with the reason (no data commit yet, an empty "
          "table). A rule on a table that no longer exists fails. A failure publishes an "
          "observability signal that opens or adds to the rule's incident in "
          "/api/data-quality/incidents; the first pass after a failure resolves it. With "
          "async: true the check runs as a job (progress per rule, cancellable) followed at "
          "GET /api/clone/{job_id}; its result is the synchronous answer.")
      .body<SlaCheckBody>()
      .mutates()
      .returns(Model("SlaCheckRun")
                   .field("checked", Field::integer().describe("Rules checked"))
                   .field("passed", Field::integer().describe("Passed"))
                   .field("failed", Field::integer().describe("Failed"))
                   .field("unknown", Field::integer().describe("Not measurable"))
                   .field("checked_at", Field::string().nullable().describe("When"))
                   .field("checks", Field::array(slaCheckField()).describe("One per rule"))
                   .field("job_id", Field::string().describe("async: the job"))
                   .field("status", Field::string().describe("async: queued"))
                   .field("message", Field::string().describe("async: what it does")))
      .handle([service](const Request& req, const SlaCheckBody& b) {
        if (!b.async) {
          return slaRunJson(
              service->check(*req.workspace(), b.tableFqn, b.slaIds, actorOf(req), {}));
        }
        if (service->jobs() == nullptr) throw notImplemented("This server runs no jobs.");
        const auto total = service->rulesToCheck(b.tableFqn, b.slaIds).size();  // 404 now
        auto ws = req.workspace();
        const auto id = service->jobs()->submit(
            JobSpec{.type = "governance.sla_check",
                    .params = Json{{"table_fqn", b.tableFqn}, {"sla_ids", b.slaIds}}},
            [service, ws, b, actor = actorOf(req)](JobContext& ctx) {
              CallOptions call;
              call.cancel = &ctx.cancellation();
              const auto checks = service->check(
                  *ws, b.tableFqn, b.slaIds, actor, call,
                  [&ctx](std::int64_t done, std::int64_t all, const std::string& table) {
                    ctx.progress(done, all, table);
                  });
              ctx.progress(static_cast<std::int64_t>(checks.size()),
                           static_cast<std::int64_t>(checks.size()));
              return JobOutcome::completed(slaRunJson(checks));
            });
        return Json{{"job_id", id},
                    {"status", "queued"},
                    {"message", "Checking " + std::to_string(total) +
                                    " SLA rules; follow it at /api/clone/" + id}};
      });

  routes.get(base + "/status")
      .summary("Current SLA compliance")
      .description(
          "The newest check of each rule; health_pct is the share passed (null before any "
          "check), unknown checks counted as not passed.")
      .returns(Model("SlaStatus")
                   .field("total_rules", Field::integer().describe("Rules"))
                   .field("checked", Field::integer().describe("Rules with a check"))
                   .field("passed", Field::integer().describe("Passed"))
                   .field("failed", Field::integer().describe("Failed"))
                   .field("unknown", Field::integer().describe("Not measurable"))
                   .field("health_pct", slaNullableNumber("Passed %"))
                   .field("checks", Field::array(slaCheckField()).describe("Newest per rule")))
      .handle([service](const Request&) { return service->status(); });

  routes.get(base + "/compliance-trend")
      .summary("SLA compliance per day")
      .description("Each UTC day's share of passed checks (unknown ones left out).")
      .query("days", slaDaysParam())
      .returns(slaTrendModel("SlaComplianceTrend"))
      .handle([service](const Request& req) { return service->trend(slaQueryDays(req)); });

  routes.get("/api/data-quality/sla/compliance-trend")
      .summary("Daily SLA compliance trend")
      .description("The governance SLA trend, where the Data Quality dashboard reads it.")
      .query("days", slaDaysParam())
      .returns(slaTrendModel("DqSlaComplianceTrend"))
      .handle([service](const Request& req) { return service->trend(slaQueryDays(req)); });
}

}  // namespace clxs::governance
