#include "plugins/observability/table_scorecard.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "clxs/delta_history.hpp"
#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/data_freshness.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"
#include "plugins/observability/score_parts.hpp"

namespace clxs::observability {
namespace {

// Weights of the components, renormalised over those with evidence.
constexpr double kCompleteness = 0.25;
constexpr double kFreshness = 0.25;
constexpr double kSchemaStability = 0.15;
constexpr double kSla = 0.20;
constexpr double kAnomalies = 0.15;
// Schema changes are counted over this many days of history.
constexpr int kStabilityDays = 30;

}  // namespace

Json scorecardOf(const std::vector<HistoryEntry>& history,
                 const std::map<std::string, double>& nullPct, const std::vector<Json>& incidents,
                 std::chrono::system_clock::time_point now, double maxStaleHours) {
  Json parts = Json::object();
  if (nullPct.empty()) {
    parts["completeness"] = scoredPart(std::nullopt, kCompleteness, Json::object(),
                                       "no null_pct measured: monitor the table to have one");
  } else {
    double sum = 0;
    for (const auto& [column, pct] : nullPct) sum += pct;
    const double mean = sum / static_cast<double>(nullPct.size());
    parts["completeness"] = scoredPart(100 - mean, kCompleteness,
                                       {{"columns", nullPct.size()}, {"mean_null_pct", mean}},
                                       "100 less the mean NULL share of the columns last measured");
  }
  const auto fresh = freshnessOf(history, now, {maxStaleHours, 3});
  if (fresh["hours_since_update"].is_null()) {
    parts["freshness"] = scoredPart(std::nullopt, kFreshness, fresh, fresh.value("reason", ""));
  } else {
    // Full marks within the threshold, falling linearly to 0 at three times it.
    const double hours = fresh["hours_since_update"].get<double>();
    parts["freshness"] = scoredPart(freshnessScore(hours, maxStaleHours), kFreshness, fresh,
                                    "100 within max_stale_hours, falling to 0 at three times it");
  }
  const auto counted = schemaChangesOf(history, now, kStabilityDays);
  const std::int64_t changes = counted.total();
  const std::int64_t read = counted.commitsInWindow;
  parts["schema_stability"] = scoredPart(
      history.empty() ? std::nullopt
                      : std::optional<double>(100.0 - 20.0 * static_cast<double>(changes)),
      kSchemaStability,
      {{"schema_changes", changes}, {"commits_in_window", read}, {"days", kStabilityDays}},
      history.empty() ? "the table has no history"
                      : "100 less 20 per schema change in the last 30 days");
  parts["sla_compliance"] =
      scoredPart(std::nullopt, kSla, Json::object(), "no SLA results are available to this plugin");
  std::vector<Json> anomalies;
  for (const auto& i : incidents) {
    if (i.value("source", "") == "anomaly") anomalies.push_back(i);
  }
  parts["anomalies"] = scoredPart(incidentScore(anomalies, "anomaly"), kAnomalies,
                                  {{"unresolved", anomalies.size()}},
                                  "100 less 10 per critical and 3 per other unresolved anomaly");
  Json out{{"components", parts}};
  const auto weighed = weighedScore(parts);
  if (!weighed) {
    out["overall_score"] = nullptr;
    out["grade"] = nullptr;
    return out;
  }
  const double overall = weighed->score;
  out["overall_score"] = std::round(overall * 10) / 10;
  out["grade"] = overall >= 90   ? "A"
                 : overall >= 80 ? "B"
                 : overall >= 70 ? "C"
                 : overall >= 60 ? "D"
                                 : "F";
  out["confidence"] = std::round(weighed->weights * 100) / 100;
  return out;
}

void registerScorecardRoute(Routes& routes, std::shared_ptr<MetricStore> metrics,
                            std::shared_ptr<IncidentStore> incidents, const Clock& clock) {
  const Clock* clk = &clock;
  routes.get("/api/data-quality/scorecard/{table_fqn}")
      .summary("Quality scorecard of a table")
      .description(
          "Completeness (0.25, from the NULL shares its monitor measured last), freshness "
          "(0.25, its last data commit), schema stability (0.15, schema changes in 30 days), "
          "SLA compliance (0.20; none available yet) and anomalies (0.15, unresolved anomaly "
          "incidents), each 0–100 or null with the reason; the overall score renormalises the "
          "weights over the components with evidence, and confidence is their share.")
      .returns(scorecardModel())
      .pathParam("table_fqn",
                 Field::string().required().minLength(5).describe("catalog.schema.table"))
      .query("max_stale_hours",
             Field::number().min(0).defaultsTo(24).describe("Stale past this many hours"))
      .handle([metrics, incidents, clk](const Request& req) {
        const auto name = tableNameOf(req.param("table_fqn"));
        const auto fqn = name.dotted();
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, std::chrono::seconds(60));
        std::vector<HistoryEntry> history;
        try {
          history = ws->catalog().history(name, 100, options);
        } catch (const WorkspaceError& e) {
          if (e.errorClass() == WorkspaceErrorClass::NotFound)
            throw notFound("Table '" + fqn + "' does not exist");
          throw;
        }
        std::vector<Json> own;
        for (auto& i : incidents->unresolvedIn(name.catalog, name.schema)) {
          if (lowerAscii(i.value("table_fqn", "")) == lowerAscii(fqn)) own.push_back(std::move(i));
        }
        const auto maxStale = queryNumber(req, "max_stale_hours", 24);
        auto out = scorecardOf(history, metrics->latestPerColumn(fqn, "null_pct"), own, clk->now(),
                               maxStale);
        out["table_fqn"] = fqn;
        out["max_stale_hours"] = maxStale;
        out["checked_at"] = isoUtc(clk->now());
        return out;
      });
}

}  // namespace clxs::observability
