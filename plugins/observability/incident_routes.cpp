#include "plugins/observability/incident_routes.hpp"

#include <string>

#include "clxs/error.hpp"
#include "clxs/event_types.hpp"
#include "clxs/http.hpp"
#include "clxs/log.hpp"
#include "clxs/schema.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

struct AcknowledgeBody {
  std::string assignee;
  std::string note;
  static const Schema<AcknowledgeBody>& schema() {
    static const auto s =
        Schema<AcknowledgeBody>("IncidentAcknowledgement")
            .field("assignee", &AcknowledgeBody::assignee,
                   Field::string().maxLength(255).describe("Who takes it (kept when absent)"))
            .field("note", &AcknowledgeBody::note,
                   Field::string().maxLength(4000).describe("What is being done"));
    return s;
  }
};

struct ResolveBody {
  std::string reason;
  static const Schema<ResolveBody>& schema() {
    static const auto s =
        Schema<ResolveBody>("IncidentResolution")
            .field("reason", &ResolveBody::reason,
                   Field::string().required().minLength(1).maxLength(4000).describe(
                       "Why it is resolved"));
    return s;
  }
};

std::string caller(const Request& req, const Clock& clock) {
  return req.workspace()->identity().currentUser(callOptions(req, clock, std::chrono::seconds(30)));
}

Field incidentIdParam() {
  return Field::string().required().maxLength(64).describe("Incident id");
}

}  // namespace

void registerIncidentRoutes(Routes& routes, std::shared_ptr<IncidentStore> incidents,
                            const Clock& clock) {
  const Clock* clk = &clock;
  const std::string base = "/api/data-quality/incidents";

  routes.get(base)
      .summary("The incident feed")
      .description(
          "Incidents of every source (failing checks, anomalies, …), most recently seen first: "
          "one per failing source, table and reference while it fails, with its occurrences; "
          "a pass resolves it.")
      .returns(incidentListModel())
      .query("limit", Field::integer().min(1).max(10'000).defaultsTo(100).describe("Most rows"))
      .query(
          "status",
          Field::string().oneOf({"open", "acknowledged", "resolved"}).describe("Only this status"))
      .query("source", Field::string().maxLength(32).describe("Only this source (dqx, anomaly, …)"))
      .handle([incidents](const Request& req) {
        const auto list = incidents->list(static_cast<std::int64_t>(queryNumber(req, "limit", 100)),
                                          queryText(req, "status"), queryText(req, "source"));
        Json out{{"incidents", list}, {"total", list.size()}};
        out["by_status"] = incidents->counts();
        return out;
      });

  routes.post(base + "/{incident_id}/acknowledge")
      .summary("Acknowledge an incident")
      .pathParam("incident_id", incidentIdParam())
      .body<AcknowledgeBody>()
      .returns(incidentModel())
      .mutates()
      .handle([incidents, clk](const Request& req, const AcknowledgeBody& b) {
        return incidents->acknowledge(req.param("incident_id"), caller(req, *clk), b.assignee,
                                      b.note, isoUtc(clk->now()));
      });

  routes.post(base + "/{incident_id}/resolve")
      .summary("Resolve an incident with a reason")
      .pathParam("incident_id", incidentIdParam())
      .body<ResolveBody>()
      .returns(incidentModel())
      .mutates()
      .handle([incidents, clk](const Request& req, const ResolveBody& b) {
        return incidents->resolve(req.param("incident_id"), caller(req, *clk), b.reason,
                                  isoUtc(clk->now()));
      });
}

namespace {

std::string knownSeverity(const std::string& s) {
  return severityRank(s) >= 0 ? s : "medium";
}

}  // namespace

void subscribeIncidentFeeds(Events& events, Logger& log, std::shared_ptr<IncidentStore> incidents) {
  events.on<events::CheckResult>([incidents, logger = &log](const events::CheckResult& r) {
    // Runs on the publisher's thread, inside its request: nothing may escape.
    try {
      IncidentSignal s{r.source,
                       r.tableFqn,
                       r.checkId,
                       r.criticality == "error" ? "high" : "medium",
                       "check " + (r.checkName.empty() ? r.checkId : r.checkName) + " on " +
                           r.tableFqn + ": " + std::to_string(r.failedRows) + " of " +
                           std::to_string(r.inputRows) + " rows fail",
                       {{"run_id", r.runId},
                        {"check_id", r.checkId},
                        {"criticality", r.criticality},
                        {"failed_rows", r.failedRows},
                        {"input_rows", r.inputRows}},
                       r.executedAt,
                       r.executedBy};
      if (r.passed) {
        incidents->pass(s);
      } else {
        incidents->fail(s);
      }
    } catch (const std::exception& e) {
      logger->warn(std::string("incident from a check result not recorded: ") + e.what());
    }
  });
  events.on<events::ObservabilitySignal>([incidents,
                                          logger = &log](const events::ObservabilitySignal& r) {
    try {
      IncidentSignal s{r.source, r.tableFqn, r.sourceRef, knownSeverity(r.severity),
                       r.title,  r.details,  r.at,        r.reportedBy};
      if (s.source.empty() || s.tableFqn.empty() || s.sourceRef.empty()) {
        logger->warn("observability signal without source, table or reference ignored");
        return;
      }
      if (r.passed) {
        incidents->pass(s);
      } else {
        incidents->fail(s);
      }
    } catch (const std::exception& e) {
      logger->warn(std::string("incident from an observability signal not recorded: ") + e.what());
    }
  });
}

}  // namespace clxs::observability
