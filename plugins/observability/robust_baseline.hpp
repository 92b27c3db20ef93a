// The baseline a new measurement is judged against: median and MAD of the trailing window,
// points already flagged left out, with a floor on the scale so that a series that never
// moved still alarms when it does (the original's standard deviation of a constant series
// was 0, and a z-score over 0 was taken as 0: a table dropping from 1000 rows a day to none
// raised nothing).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace clxs::observability {

/// When a deviation is an anomaly, in robust z-scores.
struct AnomalyThresholds {
  double warning = 2.0;   ///< warning at or above
  double critical = 3.0;  ///< critical at or above
};

/// Points below which the baseline is too short to judge.
inline constexpr std::size_t kMinBaselinePoints = 7;
/// Same-weekday points from which a weekday baseline replaces the trailing one (three weeks).
inline constexpr std::size_t kMinWeekdayPoints = 3;

/// The baseline and the verdict on one value.
struct Verdict {
  std::size_t points = 0;              ///< baseline points used
  bool insufficientHistory = true;     ///< fewer than kMinBaselinePoints
  std::optional<double> median;        ///< baseline median
  std::optional<double> scale;         ///< max(1.4826 × MAD, 1 % of |median|, 1)
  std::optional<double> expectedLow;   ///< median − warning × scale
  std::optional<double> expectedHigh;  ///< median + warning × scale
  double score = 0;                    ///< |value − median| / scale (0 without a baseline)
  std::string direction;               ///< "up", "down" or "" (no anomaly)
  std::string severity;                ///< "critical", "warning" or "" (no anomaly)
  std::string baseline = "trailing";   ///< "trailing" or "weekday": which points judged it
};

/// Judges `value` against `history` (oldest first, flagged points already left out), which
/// needs at least `minPoints` points.
Verdict judge(const std::vector<double>& history, double value, const AnomalyThresholds& t,
              std::size_t minPoints = kMinBaselinePoints);

/// Judges against the same-weekday points when there are kMinWeekdayPoints of them (a
/// series with a weekly rhythm: a quiet Sunday is not a drop), else against the trailing
/// points; the verdict says which.
Verdict judgeSeasonal(const std::vector<double>& trailing, const std::vector<double>& sameWeekday,
                      double value, const AnomalyThresholds& t);

}  // namespace clxs::observability
