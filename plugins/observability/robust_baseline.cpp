#include "plugins/observability/robust_baseline.hpp"

#include <algorithm>
#include <cmath>

namespace clxs::observability {
namespace {

double medianOf(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

Verdict judge(const std::vector<double>& history, double value, const AnomalyThresholds& t,
              std::size_t minPoints) {
  Verdict v;
  v.points = history.size();
  if (history.size() < minPoints) return v;
  v.insufficientHistory = false;
  const double median = medianOf(history);
  std::vector<double> deviations;
  deviations.reserve(history.size());
  for (double x : history) deviations.push_back(std::fabs(x - median));
  // 1.4826 × MAD estimates a normal series' standard deviation; the floors keep a flat or
  // nearly flat series from dividing by (almost) nothing.
  const double scale =
      std::max({1.4826 * medianOf(std::move(deviations)), 0.01 * std::fabs(median), 1.0});
  v.median = median;
  v.scale = scale;
  v.expectedLow = median - t.warning * scale;
  v.expectedHigh = median + t.warning * scale;
  v.score = std::fabs(value - median) / scale;
  if (v.score >= t.critical) {
    v.severity = "critical";
  } else if (v.score >= t.warning) {
    v.severity = "warning";
  }
  if (!v.severity.empty()) v.direction = value > median ? "up" : "down";
  return v;
}

Verdict judgeSeasonal(const std::vector<double>& trailing, const std::vector<double>& sameWeekday,
                      double value, const AnomalyThresholds& t) {
  if (sameWeekday.size() < kMinWeekdayPoints) return judge(trailing, value, t);
  auto v = judge(sameWeekday, value, t, kMinWeekdayPoints);
  v.baseline = "weekday";
  return v;
}

}  // namespace clxs::observability
