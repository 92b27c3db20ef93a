#include "plugins/observability/robust_baseline.hpp"

#include <gtest/gtest.h>

namespace clxs::observability {
namespace {

TEST(RobustBaseline, AConstantSeriesThatDropsToZeroIsACriticalDrop) {
  const std::vector<double> days(30, 1000.0);
  const auto v = judge(days, 0, {});
  EXPECT_FALSE(v.insufficientHistory);
  EXPECT_EQ(v.median, 1000.0);
  EXPECT_EQ(v.scale, 10.0) << "1 % of the median floors a MAD of 0";
  EXPECT_EQ(v.score, 100.0);
  EXPECT_EQ(v.severity, "critical");
  EXPECT_EQ(v.direction, "down");
  EXPECT_EQ(v.expectedLow, 980.0);
  EXPECT_EQ(v.expectedHigh, 1020.0);
  EXPECT_EQ(judge(days, 1000, {}).severity, "");
  EXPECT_EQ(judge(days, 1015, {}).severity, "") << "within two scales";
  EXPECT_EQ(judge(days, 1025, {}).severity, "warning");
  EXPECT_EQ(judge(days, 1025, {}).direction, "up");
}

TEST(RobustBaseline, OneOutlierInTheWindowDoesNotWidenTheBand) {
  std::vector<double> history{10, 11, 9, 10, 12, 10, 9, 11, 500};
  const auto v = judge(history, 30, {2, 3});
  EXPECT_EQ(v.median, 10.0);
  EXPECT_NEAR(*v.scale, 1.4826, 1e-9);
  EXPECT_EQ(v.severity, "critical");
  // A standard deviation over the same points would be about 160, hiding the 30.
}

TEST(RobustBaseline, ShortHistoryIsReportedNotJudged) {
  const auto v = judge({1, 2, 3, 4, 5, 6}, 1000, {});
  EXPECT_TRUE(v.insufficientHistory);
  EXPECT_EQ(v.points, 6u);
  EXPECT_EQ(v.severity, "");
  EXPECT_FALSE(v.median);
  EXPECT_EQ(v.score, 0);
}

TEST(RobustBaseline, TheFloorOfOneKeepsSmallCountsFromAlarmingOnNoise) {
  const std::vector<double> zeros(10, 0.0);
  EXPECT_EQ(judge(zeros, 1, {}).severity, "");
  EXPECT_EQ(judge(zeros, 3, {}).severity, "critical");
}

TEST(RobustBaseline, AQuietWeekdayIsNormalAgainstItsOwnWeekday) {
  const std::vector<double> trailing{1000, 1000, 1000, 1000, 1000, 100, 1000, 1000, 1000};
  const std::vector<double> sundays{100, 110, 95};
  const auto seasonal = judgeSeasonal(trailing, sundays, 100, {});
  EXPECT_EQ(seasonal.baseline, "weekday");
  EXPECT_EQ(seasonal.severity, "");
  EXPECT_EQ(judge(trailing, 100, {}).severity, "critical") << "against every day it alarms";
  // A Sunday that collapses still alarms against Sundays.
  EXPECT_EQ(judgeSeasonal(trailing, sundays, 0, {}).severity, "critical");
}

TEST(RobustBaseline, TooFewSameWeekdayPointsFallBackToTheTrailingWindow) {
  const std::vector<double> trailing(10, 50.0);
  const auto v = judgeSeasonal(trailing, {50, 50}, 50, {});
  EXPECT_EQ(v.baseline, "trailing");
  EXPECT_FALSE(v.insufficientHistory);
}

}  // namespace
}  // namespace clxs::observability
