#include "plugins/observability/metric_store.hpp"

#include <algorithm>

#include "clxs/id.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

Json optionalNumber(const std::optional<double>& v) {
  return v ? Json(*v) : Json();
}

// A stored measurement row as the routes show it.
Json metricJson(const Json& row) {
  const auto severity = row.value("severity", "");
  return {{"id", row["id"]},
          {"table_fqn", row["table_fqn"]},
          {"column_name", row["column_name"]},
          {"metric_name", row["metric_name"]},
          {"value", row["value"]},
          {"measured_at", row["measured_at"]},
          {"measured_by", row["measured_by"]},
          {"source", row["source"]},
          {"baseline_points", row["baseline_points"]},
          {"insufficient_history", row.value("insufficient_history", 0) != 0},
          {"baseline", row.value("baseline_kind", "trailing")},
          {"baseline_median", row["baseline_median"]},
          {"baseline_scale", row["baseline_scale"]},
          // The original's names for the same two numbers, which its UI charts.
          {"baseline_mean", row["baseline_median"]},
          {"baseline_stddev", row["baseline_scale"]},
          {"expected_low", row["expected_low"]},
          {"expected_high", row["expected_high"]},
          {"z_score", row["score"]},
          {"is_anomaly", !severity.empty()},
          {"severity", severity.empty() ? Json() : Json(severity)},
          {"direction", row.value("direction", "").empty() ? Json() : row["direction"]},
          {"anomaly_id", row.contains("anomaly_id") ? row["anomaly_id"] : Json()}};
}

}  // namespace

std::vector<Migration> MetricStore::migrations() {
  return {
      {2,
       "CREATE TABLE observability_metrics ("
       "  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE,"
       "  table_fqn TEXT NOT NULL, table_key TEXT NOT NULL,"
       "  column_name TEXT NOT NULL, metric_name TEXT NOT NULL,"
       "  value REAL NOT NULL, measured_at TEXT NOT NULL, measured_by TEXT NOT NULL,"
       "  source TEXT NOT NULL, baseline_points INTEGER NOT NULL,"
       "  insufficient_history INTEGER NOT NULL, baseline_median REAL, baseline_scale REAL,"
       "  expected_low REAL, expected_high REAL, score REAL NOT NULL,"
       "  severity TEXT NOT NULL, direction TEXT NOT NULL);"
       "CREATE INDEX observability_metrics_series ON observability_metrics(table_key, "
       "column_name, metric_name, id);"
       "CREATE TABLE observability_anomalies ("
       "  id TEXT PRIMARY KEY, metric_id INTEGER NOT NULL REFERENCES "
       "observability_metrics(id),"
       "  severity TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open',"
       "  detected_at TEXT NOT NULL);"
       "CREATE INDEX observability_anomalies_detected ON observability_anomalies(detected_at);"},
      // Which baseline judged a measurement: the trailing points or the same weekday's.
      {24,
       "ALTER TABLE observability_metrics ADD COLUMN baseline_kind TEXT NOT NULL DEFAULT "
       "'trailing';"}};
}

std::vector<Json> MetricStore::firstMeasured() const {
  return store_.query(
      "SELECT table_key, metric_name = 'row_count' AS row_count, min(measured_at) AS first_at "
      "FROM observability_metrics GROUP BY table_key, metric_name = 'row_count'");
}

std::vector<double> MetricStore::baseline(const Measurement& m, std::size_t window) const {
  std::vector<double> out;
  for (const auto& row : store_.query(
           "SELECT value FROM observability_metrics WHERE table_key = ? AND column_name = ? AND "
           "metric_name = ? AND severity = '' ORDER BY id DESC LIMIT ?",
           {lowerAscii(m.tableFqn), m.columnName, m.metricName,
            static_cast<std::int64_t>(window)})) {
    out.push_back(row["value"].get<double>());
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<double> MetricStore::weekdayBaseline(const Measurement& m, std::size_t window) const {
  std::vector<double> out;
  for (const auto& row : store_.query(
           "SELECT value FROM observability_metrics WHERE table_key = ? AND column_name = ? AND "
           "metric_name = ? AND strftime('%w', measured_at) = strftime('%w', ?) "
           "ORDER BY id DESC LIMIT ?",
           {lowerAscii(m.tableFqn), m.columnName, m.metricName, m.measuredAt,
            static_cast<std::int64_t>(window)})) {
    out.push_back(row["value"].get<double>());
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Json MetricStore::insert(const Measurement& m, const Verdict& v, const std::string& anomalyId) {
  // The row is found again by a fresh uid: another insert may land between the two calls.
  const auto uid = newUuid();
  store_.execute(
      "INSERT INTO observability_metrics (uid, table_fqn, table_key, column_name, metric_name, "
      "value, "
      "measured_at, measured_by, source, baseline_points, insufficient_history, "
      "baseline_median, baseline_scale, expected_low, expected_high, score, severity, "
      "direction, baseline_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?)",
      {uid, m.tableFqn, lowerAscii(m.tableFqn), m.columnName, m.metricName, m.value, m.measuredAt,
       m.measuredBy, m.source, static_cast<std::int64_t>(v.points), v.insufficientHistory ? 1 : 0,
       optionalNumber(v.median), optionalNumber(v.scale), optionalNumber(v.expectedLow),
       optionalNumber(v.expectedHigh), v.score, v.severity, v.direction, v.baseline});
  const auto id =
      store_.query("SELECT id FROM observability_metrics WHERE uid = ?", {uid}).at(0)["id"];
  if (!v.severity.empty()) {
    store_.execute(
        "INSERT INTO observability_anomalies (id, metric_id, severity, detected_at) VALUES (?, "
        "?, ?, ?)",
        {anomalyId, id, v.severity, m.measuredAt});
  }
  auto rows = store_.query(
      "SELECT m.*, a.id AS anomaly_id FROM observability_metrics m LEFT JOIN "
      "observability_anomalies a ON a.metric_id = m.id WHERE m.id = ?",
      {id});
  return metricJson(rows.at(0));
}

Json MetricStore::recent(std::int64_t limit) const {
  Json out = Json::array();
  for (const auto& row :
       store_.query("SELECT m.*, a.id AS anomaly_id FROM observability_metrics m LEFT JOIN "
                    "observability_anomalies a ON a.metric_id = m.id ORDER BY m.id DESC LIMIT ?",
                    {limit})) {
    out.push_back(metricJson(row));
  }
  return out;
}

Json MetricStore::series(const std::string& tableFqn, const std::string& metricName,
                         std::int64_t limit) const {
  Json out = Json::array();
  for (const auto& row : store_.query(
           "SELECT m.*, a.id AS anomaly_id FROM observability_metrics m LEFT JOIN "
           "observability_anomalies a ON a.metric_id = m.id WHERE m.table_key = ? AND (? = '' OR "
           "m.metric_name = ?) ORDER BY m.id DESC LIMIT ?",
           {lowerAscii(tableFqn), metricName, metricName, limit})) {
    out.push_back(metricJson(row));
  }
  return out;
}

std::map<std::string, double> MetricStore::latestPerColumn(const std::string& tableFqn,
                                                           const std::string& metricName) const {
  std::map<std::string, double> out;
  for (const auto& row : store_.query(
           "SELECT m.column_name, m.value FROM observability_metrics m JOIN (SELECT column_name, "
           "max(id) AS id FROM observability_metrics WHERE table_key = ? AND metric_name = ? "
           "GROUP BY column_name) newest ON m.id = newest.id",
           {lowerAscii(tableFqn), metricName})) {
    out[row.value("column_name", "")] = row["value"].get<double>();
  }
  return out;
}

Json MetricStore::anomalies(std::int64_t limit, const std::string& severity) const {
  Json out = Json::array();
  for (const auto& row : store_.query(
           "SELECT m.*, a.id AS anomaly_id, a.status AS status FROM observability_anomalies a "
           "JOIN observability_metrics m ON m.id = a.metric_id WHERE (? = '' OR a.severity = ?) "
           "ORDER BY m.id DESC LIMIT ?",
           {severity, severity, limit})) {
    auto j = metricJson(row);
    j["status"] = row["status"];
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace clxs::observability
