// Measurements of table metrics (row counts, null shares, anything a client records) and the
// anomalies found among them, in the plugin's SQLite tables `observability_metrics` and
// `observability_anomalies`. A measurement is never changed once stored; an anomaly is a row
// of its own that points at it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/robust_baseline.hpp"

namespace clxs::observability {

/// One measurement to record.
struct Measurement {
  std::string tableFqn;    ///< catalog.schema.table
  std::string columnName;  ///< column, or "*" for the table
  std::string metricName;  ///< row_count, null_pct, …
  double value = 0;        ///< the value
  std::string measuredAt;  ///< ISO-8601 UTC
  std::string measuredBy;  ///< who recorded it
  std::string source;      ///< api, volume_snapshot, …
};

/// The stored measurements and anomalies.
class MetricStore {
 public:
  /// Uses the plugin's migrated store.
  explicit MetricStore(Store& store) : store_(store) {}
  /// The tables' schema.
  static std::vector<Migration> migrations();

  /// The last `window` values of a series that were not anomalies, oldest first.
  [[nodiscard]] std::vector<double> baseline(const Measurement& m, std::size_t window) const;
  /// The last `window` values measured on the UTC weekday of `m.measuredAt`, oldest first,
  /// anomalies included: a weekly rhythm is flagged by the trailing baseline before it has
  /// three weeks to be learnt from, and the median keeps one past anomaly from moving it.
  [[nodiscard]] std::vector<double> weekdayBaseline(const Measurement& m, std::size_t window) const;
  /// Stores a measurement with its verdict, and the anomaly when there is one; returns the
  /// measurement as metricJson() shows it, with `anomaly_id` set when one was opened.
  Json insert(const Measurement& m, const Verdict& v, const std::string& anomalyId);

  /// The newest measurements, newest first.
  [[nodiscard]] Json recent(std::int64_t limit) const;
  /// A table's measurements (of one metric when not empty), newest first.
  [[nodiscard]] Json series(const std::string& tableFqn, const std::string& metricName,
                            std::int64_t limit) const;
  /// The newest value of `metricName` for each column of a table: {column → value}.
  [[nodiscard]] std::map<std::string, double> latestPerColumn(const std::string& tableFqn,
                                                              const std::string& metricName) const;
  /// When each table's row count and other metrics were first measured: [{table_key,
  /// row_count (whether the metric is the row count), first_at}].
  [[nodiscard]] std::vector<Json> firstMeasured() const;
  /// The newest anomalies (of one severity when not empty), newest first.
  [[nodiscard]] Json anomalies(std::int64_t limit, const std::string& severity) const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
