#include "plugins/observability/anomaly_detector.hpp"

#include <sstream>

#include "clxs/id.hpp"

namespace clxs::observability {
namespace {

std::string number(const Json& v) {
  if (!v.is_number()) return "?";
  std::ostringstream out;
  out << v.get<double>();
  return out.str();
}

}  // namespace

Json AnomalyDetector::record(const Measurement& m) {
  const auto settings = settings_->inEffect();
  const auto trailing = metrics_->baseline(m, settings.window);
  const auto verdict = settings.weekdaySeasonality
                           ? judgeSeasonal(trailing, metrics_->weekdayBaseline(m, settings.window),
                                           m.value, settings.thresholds)
                           : judge(trailing, m.value, settings.thresholds);
  auto stored = metrics_->insert(m, verdict, verdict.severity.empty() ? std::string() : newUuid());
  if (verdict.insufficientHistory) return stored;
  IncidentSignal signal{"anomaly",    m.tableFqn,  m.columnName + ":" + m.metricName,
                        "",           "",          Json::object(),
                        m.measuredAt, m.measuredBy};
  signal.title = m.metricName + " of " + m.tableFqn +
                 (m.columnName == "*" ? "" : "." + m.columnName) + " " +
                 (verdict.severity.empty()    ? "back to "
                  : verdict.direction == "up" ? "rose to "
                                              : "fell to ") +
                 number(stored["value"]) + " (expected " + number(stored["expected_low"]) + " to " +
                 number(stored["expected_high"]) + ")";
  signal.details = {{"metric_id", stored["id"]},
                    {"anomaly_id", stored["anomaly_id"]},
                    {"value", stored["value"]},
                    {"z_score", stored["z_score"]},
                    {"expected_low", stored["expected_low"]},
                    {"expected_high", stored["expected_high"]}};
  if (verdict.severity.empty()) {
    incidents_->pass(signal);
  } else {
    signal.severity = verdict.severity == "critical" ? "critical" : "medium";
    stored["incident_id"] = incidents_->fail(signal);
  }
  return stored;
}

}  // namespace clxs::observability
