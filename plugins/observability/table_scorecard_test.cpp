#include "plugins/observability/table_scorecard.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

HistoryEntry entry(std::int64_t v, const std::string& op, const std::string& at) {
  HistoryEntry h;
  h.version = v;
  h.operation = op;
  h.timestamp = at;
  return h;
}

const auto kNow = *parseIsoUtc("2026-12-07T12:00:00Z");

TEST(TableScorecard, EveryComponentFromItsEvidence) {
  const std::vector<HistoryEntry> history{
      entry(3, "WRITE", "2026-12-07T00:00:00Z"), entry(2, "ADD COLUMNS", "2026-12-06T00:00:00Z"),
      entry(1, "WRITE", "2026-12-05T00:00:00Z"), entry(0, "CREATE TABLE", "2026-10-01T00:00:00Z")};
  const auto card = scorecardOf(history, {{"a", 10.0}, {"b", 30.0}},
                                {Json{{"source", "anomaly"}, {"severity", "critical"}}}, kNow, 24);
  const auto& c = card["components"];
  EXPECT_EQ(c["completeness"]["score"], 80.0);
  EXPECT_EQ(c["freshness"]["score"], 100.0);
  EXPECT_EQ(c["schema_stability"]["score"], 80.0);
  EXPECT_EQ(c["schema_stability"]["evidence"]["commits_in_window"], 3) << "October is out";
  EXPECT_EQ(c["sla_compliance"]["score"], nullptr);
  EXPECT_EQ(c["anomalies"]["score"], 90.0);
  // (80×0.25 + 100×0.25 + 80×0.15 + 90×0.15) / 0.8 = 88.125
  EXPECT_EQ(card["overall_score"], 88.1);
  EXPECT_EQ(card["grade"], "B");
  EXPECT_EQ(card["confidence"], 0.8);
}

TEST(TableScorecard, FreshnessFallsToZeroAtThreeTimesTheThreshold) {
  const std::vector<HistoryEntry> history{entry(1, "WRITE", "2026-12-05T12:00:00Z")};
  EXPECT_EQ(scorecardOf(history, {}, {}, kNow, 24)["components"]["freshness"]["score"], 50.0);
  EXPECT_EQ(scorecardOf(history, {}, {}, kNow, 12)["components"]["freshness"]["score"], 0.0);
  const auto none = scorecardOf({}, {}, {}, kNow, 24);
  EXPECT_EQ(none["components"]["freshness"]["score"], nullptr);
  EXPECT_EQ(none["components"]["completeness"]["score"], nullptr);
  EXPECT_EQ(none["overall_score"], 100.0) << "only the anomalies have evidence";
  EXPECT_EQ(none["confidence"], 0.15);
}

}  // namespace
}  // namespace clxs::observability
