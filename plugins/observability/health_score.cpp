#include "plugins/observability/health_score.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "plugins/observability/score_parts.hpp"

namespace clxs::observability {
namespace {

// The original's weights: freshness 0.4, anomalies 0.3, and 0.3 for the third component
// (reconciliation there; failing checks here until a reconciliation provider exists).
constexpr double kFreshnessWeight = 0.4;
constexpr double kAnomalyWeight = 0.3;
constexpr double kCheckWeight = 0.3;

}  // namespace

Json healthOf(const std::vector<Json>& freshness, const std::vector<Json>& incidents) {
  std::vector<std::string> deductions;
  std::int64_t fresh = 0;
  std::int64_t stale = 0;
  for (const auto& f : freshness) {
    const auto status = f.value("status", "unknown");
    if (status == "fresh") ++fresh;
    if (status == "stale") {
      ++stale;
      deductions.push_back("stale: " + f.value("table_fqn", "") + " (" +
                           std::to_string(f.value("hours_since_update", 0.0)) +
                           " h since its last data commit)");
    }
  }
  std::vector<Json> anomalies;
  std::vector<Json> checks;
  for (const auto& i : incidents) {
    const auto source = i.value("source", "");
    if (source == "anomaly") anomalies.push_back(i);
    if (source == "dqx" || source == "dq_rule") checks.push_back(i);
  }
  Json components = Json::object();
  const auto known = fresh + stale;
  components["freshness"] = scoredPart(
      known > 0
          ? std::optional<double>(100.0 * static_cast<double>(fresh) / static_cast<double>(known))
          : std::nullopt,
      kFreshnessWeight,
      {{"fresh", fresh},
       {"stale", stale},
       {"unknown", static_cast<std::int64_t>(freshness.size()) - known}},
      known > 0 ? "share of tables with a known last data commit that are fresh"
                : "no table has a readable data commit");
  components["anomalies"] =
      scoredPart(incidentScore(anomalies, "anomaly", &deductions), kAnomalyWeight,
                 {{"unresolved", anomalies.size()}},
                 "100 less 10 per critical and 3 per other unresolved anomaly incident");
  components["checks"] =
      scoredPart(incidentScore(checks, "failing check", &deductions), kCheckWeight,
                 {{"unresolved", checks.size()}},
                 "100 less 10 per high and 3 per other unresolved failing-check incident");
  components["reconciliation"] = scoredPart(
      std::nullopt, 0, Json::object(), "no reconciliation results are available to this plugin");
  Json out{{"components", components}, {"deductions", deductions}, {"tables", freshness.size()}};
  // Incidents score 100 with no evidence against them only when there are tables to judge.
  const auto weighed = freshness.empty() ? std::nullopt : weighedScore(components);
  if (!weighed) {
    out["health_score"] = nullptr;
    out["status"] = "unknown";
    return out;
  }
  const auto score = static_cast<std::int64_t>(std::lround(weighed->score));
  out["health_score"] = score;
  out["status"] = score >= 90 ? "healthy" : score >= 70 ? "warning" : "critical";
  out["weights_used"] = weighed->weights;
  return out;
}

}  // namespace clxs::observability
