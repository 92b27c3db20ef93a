#include "plugins/observability/score_parts.hpp"

#include <gtest/gtest.h>

namespace clxs::observability {
namespace {

TEST(ScoreParts, APartIsClampedRoundedOrNullWithItsReason) {
  EXPECT_EQ(scoredPart(-20, 0.5, Json::object(), "r")["score"], 0.0);
  EXPECT_EQ(scoredPart(88.125, 0.5, Json::object(), "r")["score"], 88.1);
  const auto none = scoredPart(std::nullopt, 0.2, Json::object(), "no evidence");
  EXPECT_EQ(none["score"], nullptr);
  EXPECT_EQ(none["reason"], "no evidence");
}

TEST(ScoreParts, IncidentsDeductTenForTheWorstAndThreeForTheRest) {
  std::vector<std::string> why;
  const std::vector<Json> incidents{{{"severity", "critical"}, {"title", "a"}},
                                    {{"severity", "high"}, {"title", "b"}},
                                    {{"severity", "medium"}, {"title", "c"}}};
  EXPECT_EQ(incidentScore(incidents, "check", &why), 77.0);
  ASSERT_EQ(why.size(), 3u);
  EXPECT_EQ(why[2], "−3 check: c");
  EXPECT_EQ(incidentScore(std::vector<Json>(12, incidents[0]), "check"), 0.0);
}

TEST(ScoreParts, IncidentCostsCanBeChosen) {
  std::vector<std::string> why;
  const std::vector<Json> incidents{{{"severity", "critical"}, {"title", "a"}},
                                    {{"severity", "medium"}, {"title", "b"}}};
  EXPECT_EQ(incidentScore(incidents, "anomaly", &why, {25, 10}), 65.0);
  EXPECT_EQ(why[0], "−25 anomaly: a");
}

TEST(ScoreParts, FreshnessIsFullWithinTheAllowanceAndZeroAtThreeTimesIt) {
  EXPECT_EQ(freshnessScore(0, 24), 100.0);
  EXPECT_EQ(freshnessScore(24, 24), 100.0);
  EXPECT_EQ(freshnessScore(48, 24), 50.0);
  EXPECT_EQ(freshnessScore(72, 24), 0.0);
  EXPECT_EQ(freshnessScore(500, 24), 0.0);
  EXPECT_EQ(freshnessScore(0, 0), 100.0);
  EXPECT_EQ(freshnessScore(0.5, 0), 0.0);
}

TEST(ScoreParts, TheMeanIsRenormalisedOverThePartsWithAScore) {
  Json parts{{"a", scoredPart(80, 0.25, Json::object(), "")},
             {"b", scoredPart(100, 0.5, Json::object(), "")},
             {"c", scoredPart(std::nullopt, 0.25, Json::object(), "")},
             {"d", scoredPart(0, 0, Json::object(), "")}};
  const auto w = weighedScore(parts);
  ASSERT_TRUE(w);
  EXPECT_NEAR(w->score, 280.0 / 3, 1e-9);
  EXPECT_EQ(w->weights, 0.75);
  EXPECT_FALSE(weighedScore(Json{{"c", scoredPart(std::nullopt, 1, Json::object(), "")}}));
}

}  // namespace
}  // namespace clxs::observability
