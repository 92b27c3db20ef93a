#include "plugins/observability/anomaly_routes.hpp"

#include <algorithm>
#include <string>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/schema.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

struct RecordBody {
  std::string tableFqn;
  std::string columnName = "*";
  std::string metricName;
  double value = 0;
  std::string measuredAt;
  static const Schema<RecordBody>& schema() {
    static const auto s =
        Schema<RecordBody>("MetricMeasurement")
            .field("table_fqn", &RecordBody::tableFqn,
                   Field::string().required().minLength(5).maxLength(767).describe(
                       "catalog.schema.table"))
            .field("column_name", &RecordBody::columnName,
                   Field::string().minLength(1).maxLength(255).defaultsTo("*").describe(
                       "Column measured, * for the table"))
            .field("metric_name", &RecordBody::metricName,
                   Field::string().required().minLength(1).maxLength(128).describe(
                       "Metric (row_count, null_pct, …)"))
            .field("value", &RecordBody::value,
                   Field::number().required().describe("The measured value"))
            .field("measured_at", &RecordBody::measuredAt,
                   Field::string().maxLength(40).describe(
                       "When it was measured (ISO-8601; default now), to backfill a series in "
                       "time order; never in the future"));
    return s;
  }
};

Field limitParam(int fallback) {
  return Field::integer().min(1).max(10'000).defaultsTo(fallback).describe("Most rows");
}

// A backfilled measurement's time; a clock a few minutes ahead of ours is not the future.
std::chrono::system_clock::time_point measuredAt(const std::string& text,
                                                 std::chrono::system_clock::time_point now) {
  if (text.empty()) return now;
  const auto at = parseIsoUtc(text);
  if (!at) {
    throw unprocessable(Json::array({"body", "measured_at"}),
                        "measured_at must be an ISO-8601 time, not '" + text + "'", "value_error");
  }
  if (*at > now + std::chrono::minutes(5)) {
    throw unprocessable(Json::array({"body", "measured_at"}),
                        "measured_at " + text + " is in the future", "value_error");
  }
  return *at;
}

}  // namespace

void registerAnomalyRoutes(Routes& routes, std::shared_ptr<AnomalyDetector> detector,
                           std::shared_ptr<MetricStore> metrics,
                           std::shared_ptr<AnomalySettings> settings, const Clock& clock) {
  const Clock* clk = &clock;
  const std::string base = "/api/data-quality";

  routes.post(base + "/anomalies/record")
      .summary("Record a measurement and judge it")
      .returns(measurementModel())
      .description(
          "Stores the value and judges it against the series' last baseline_window values that "
          "were not anomalies: robust z = |value − median| / max(1.4826 × MAD, 1 % of "
          "|median|, 1), a warning or critical anomaly (with its direction and expected band) "
          "at the thresholds of the anomaly settings. Fewer than 7 past values: "
          "insufficient_history, never an anomaly.")
      .body<RecordBody>()
      .mutates()
      .handle([detector, clk](const Request& req, const RecordBody& b) {
        auto ws = req.workspace();
        Measurement m{tableNameOf(b.tableFqn).dotted(),
                      b.columnName,
                      b.metricName,
                      b.value,
                      isoUtc(measuredAt(b.measuredAt, clk->now())),
                      "",
                      "api"};
        m.measuredBy = ws->identity().currentUser(callOptions(req, *clk, std::chrono::seconds(30)));
        return detector->record(m);
      });

  routes.get(base + "/anomalies")
      .summary("Recent anomalies")
      .returns(anomalyListModel())
      .query("limit", limitParam(50))
      .query("severity",
             Field::string().oneOf({"warning", "critical"}).describe("Only this severity"))
      .handle([metrics](const Request& req) {
        const auto list = metrics->anomalies(
            static_cast<std::int64_t>(queryNumber(req, "limit", 50)), queryText(req, "severity"));
        return Json{{"anomalies", list}, {"count", list.size()}};
      });

  routes.get(base + "/anomalies/metrics/{table_fqn}")
      .summary("A table's measurements with their expected band")
      .returns(metricSeriesModel())
      .description(
          "Oldest first, for charting: each value with the band its baseline allowed when it "
          "was recorded (expected_low, expected_high) and whether it was an anomaly.")
      .pathParam("table_fqn",
                 Field::string().required().minLength(5).describe("catalog.schema.table"))
      .query("metric_name", Field::string().maxLength(128).describe("Only this metric"))
      .query("limit", limitParam(100))
      .handle([metrics](const Request& req) {
        const auto fqn = tableNameOf(req.param("table_fqn")).dotted();
        auto list = metrics->series(fqn, queryText(req, "metric_name"),
                                    static_cast<std::int64_t>(queryNumber(req, "limit", 100)));
        std::reverse(list.begin(), list.end());
        const auto metric = queryText(req, "metric_name");
        return Json{{"table_fqn", fqn},
                    {"metric_name", metric.empty() ? Json() : Json(metric)},
                    {"measurements", list}};
      });

  routes.get(base + "/metrics/recent")
      .summary("Recent measurements")
      .returns(recentMetricsModel())
      .query("limit", limitParam(50))
      .handle([metrics](const Request& req) {
        const auto list = metrics->recent(static_cast<std::int64_t>(queryNumber(req, "limit", 50)));
        return Json{{"metrics", list}, {"count", list.size()}};
      });

  routes.get(base + "/anomaly-settings")
      .summary("Anomaly detection settings")
      .returns(AnomalySettings::model())
      .handle([settings](const Request&) { return settings->get(); });

  routes.put(base + "/anomaly-settings")
      .summary("Change anomaly detection settings")
      .description(
          "Changes the settings the body names (each validated: 422 out of range, or a "
          "critical threshold below the warning one); the others stay. In effect at once.")
      .body(AnomalySettings::model())
      .returns(AnomalySettings::model())
      .mutates()
      .handle([settings](const Request& req) { return settings->put(req.body()); });
}

}  // namespace clxs::observability
