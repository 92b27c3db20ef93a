#include "plugins/observability/trust_score.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"

namespace clxs::observability {
namespace {

const auto kTrustNow = *parseIsoUtc("2026-12-07T12:00:00Z");

HistoryEntry trustCommit(std::int64_t version, const std::string& at, const std::string& op) {
  return {version, at, "me", op, Json::object(), Json::object()};
}

CheckEvidence trustCheck(const std::string& id, const std::string& criticality, std::int64_t failed,
                         std::int64_t input) {
  return {"c.s.t",     id,     id,    "dqx", criticality,
          failed == 0, failed, input, "run", "2026-12-07T11:00:00Z"};
}

// dq 80 (a warning check failing 20 of 100 rows), freshness 100 (written an hour ago),
// anomaly 75 (one critical), schema_stability 95 (one column added), pii null (tags unread),
// lineage 50 (an owner, no description; upstream and certification unknown).
TrustEvidence trustSample() {
  TrustEvidence e;
  e.checks = {trustCheck("a", "warn", 20, 100)};
  e.history = {trustCommit(2, "2026-12-07T11:30:00Z", "ADD COLUMNS"),
               trustCommit(1, "2026-12-07T11:00:00Z", "WRITE"),
               trustCommit(0, "2026-12-01T00:00:00Z", "CREATE TABLE")};
  e.anomalies = {{{"severity", "critical"}, {"title", "row_count dropped"}}};
  e.tagsError = "no tags here";
  e.owner = "me";
  e.lineageNote = "no lineage service";
  return e;
}

TEST(TrustScore, AResolvedAnomalysPenaltyHalvesWithEachDaySinceItsResolution) {
  auto e = trustSample();
  // Critical (25), resolved exactly two days before kTrustNow: 25 / 4.
  e.anomalies = {{{"severity", "critical"},
                  {"title", "row_count dropped"},
                  {"status", "resolved"},
                  {"resolved_at", isoUtc(kTrustNow - std::chrono::hours(48))}}};
  const auto s = trustScoreOf(e, TrustWeights{}, kTrustNow);
  EXPECT_EQ(s["dimensions"]["anomaly"]["score"], 93.8);
  EXPECT_EQ(s["dimensions"]["anomaly"]["evidence"]["resolved_recently"], 1);
  EXPECT_NE(s["reasons"].dump().find("resolved 2.0 days ago"), std::string::npos) << s["reasons"];
  e.anomalies[0]["resolved_at"] = isoUtc(kTrustNow);
  EXPECT_EQ(trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["anomaly"]["score"], 75.0)
      << "resolved this instant: the full penalty";
}

int statusOfWeights(const Json& body) {
  try {
    mergedTrustWeights(TrustWeights{}, body);
  } catch (const HttpError& e) {
    return e.status();
  }
  return 200;
}

TEST(TrustScore, TheScoreIsTheWeightedMeanOverTheDimensionsWithEvidence) {
  const auto s = trustScoreOf(trustSample(), TrustWeights{}, kTrustNow);
  const auto& dims = s["dimensions"];
  EXPECT_EQ(dims["dq"]["score"], 80.0);
  EXPECT_EQ(dims["freshness"]["score"], 100.0);
  EXPECT_EQ(dims["anomaly"]["score"], 75.0);
  EXPECT_EQ(dims["schema_stability"]["score"], 95.0);
  EXPECT_EQ(dims["pii"]["score"], nullptr);
  EXPECT_NE(dims["pii"]["reason"].get<std::string>().find("no tags here"), std::string::npos);
  EXPECT_EQ(dims["lineage"]["score"], 50.0);
  // (80·0.30 + 100·0.25 + 75·0.15 + 95·0.10 + 50·0.10) / 0.90 = 83.06
  EXPECT_EQ(s["score"], 83.1);
  EXPECT_EQ(s["confidence"], 0.9);
  EXPECT_EQ(s["grade"], "B");
  EXPECT_EQ(s["computed_at"], "2026-12-07T12:00:00.000Z");
  EXPECT_EQ(s["config_hash"], trustConfigHash(TrustWeights{}));
}

TEST(TrustScore, OtherWeightsGiveTheExactScoreTheyImply) {
  const auto w =
      mergedTrustWeights(TrustWeights{}, {{"dq", 0.5}, {"freshness", 0.1}, {"anomaly", 0.1}});
  EXPECT_EQ(w.schemaStability, 0.10) << "a partial body keeps the other weights";
  const auto s = trustScoreOf(trustSample(), w, kTrustNow);
  // (80·0.5 + 100·0.1 + 75·0.1 + 95·0.1 + 50·0.1) / 0.9 = 80
  EXPECT_EQ(s["score"], 80.0);
  EXPECT_EQ(s["dimensions"]["dq"]["weight"], 0.5);
  EXPECT_NE(s["config_hash"], trustConfigHash(TrustWeights{}));
  // Weighing only what has no evidence leaves no score.
  const auto none = trustScoreOf(trustSample(),
                                 mergedTrustWeights(TrustWeights{}, {{"dq", 0},
                                                                     {"freshness", 0},
                                                                     {"anomaly", 0},
                                                                     {"schema_stability", 0},
                                                                     {"lineage", 0},
                                                                     {"pii", 1}}),
                                 kTrustNow);
  EXPECT_EQ(none["score"], nullptr);
  EXPECT_EQ(none["grade"], nullptr);
  EXPECT_EQ(none["confidence"], 0.0);
}

TEST(TrustScore, ReasonsAreTheDeductionsLargestFirst) {
  const auto s = trustScoreOf(trustSample(), TrustWeights{}, kTrustNow);
  ASSERT_EQ(s["reasons"].size(), 4u) << s["reasons"].dump();
  // dq 0.3/0.9·20 = 6.7, lineage 0.1/0.9·50 = 5.6, anomaly 0.15/0.9·25 = 4.2, schema 0.6.
  EXPECT_EQ(s["reasons"][0].get<std::string>().rfind("dq −6.7 points: 1 of 1 checks fail (a)", 0),
            0u)
      << s["reasons"][0];
  EXPECT_EQ(s["reasons"][1].get<std::string>().rfind("lineage −5.6 points: missing description", 0),
            0u)
      << s["reasons"][1];
  EXPECT_NE(s["reasons"][2].get<std::string>().find("row_count dropped"), std::string::npos);
  EXPECT_EQ(s["reasons"][3].get<std::string>().rfind("schema_stability −0.6", 0), 0u);
}

TEST(TrustScore, AFailingErrorLevelCheckCapsDqAtFifty) {
  auto e = trustSample();
  e.checks = {trustCheck("a", "error", 1, 100), trustCheck("b", "warn", 0, 100)};
  const auto s = trustScoreOf(e, TrustWeights{}, kTrustNow);
  EXPECT_EQ(s["dimensions"]["dq"]["score"], 50.0);
  EXPECT_EQ(s["dimensions"]["dq"]["evidence"]["error_level_failing"], true);
  e.checks = {trustCheck("a", "warn", 1, 100), trustCheck("b", "warn", 0, 100)};
  EXPECT_EQ(trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["dq"]["score"], 99.5)
      << "row-weighted: 199 of 200 rows pass";
  e.checks.clear();
  const auto none = trustScoreOf(e, TrustWeights{}, kTrustNow);
  EXPECT_EQ(none["dimensions"]["dq"]["score"], nullptr);
  EXPECT_EQ(none["confidence"], 0.6);
}

TEST(TrustScore, GradeBoundaries) {
  EXPECT_EQ(trustGrade(100), "A");
  EXPECT_EQ(trustGrade(90), "A");
  EXPECT_EQ(trustGrade(89.99), "B");
  EXPECT_EQ(trustGrade(75), "B");
  EXPECT_EQ(trustGrade(74.9), "C");
  EXPECT_EQ(trustGrade(60), "C");
  EXPECT_EQ(trustGrade(59.9), "D");
  EXPECT_EQ(trustGrade(40), "D");
  EXPECT_EQ(trustGrade(39.9), "F");
  EXPECT_EQ(trustGrade(0), "F");
}

TEST(TrustScore, FreshnessUsesTheLongerOfTheAllowanceAndTheCadence) {
  auto e = trustSample();
  e.history = {trustCommit(3, "2026-12-03T08:00:00Z", "WRITE"),
               trustCommit(2, "2026-12-01T08:00:00Z", "WRITE"),
               trustCommit(1, "2026-11-29T08:00:00Z", "WRITE")};
  auto fresh = trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["freshness"];
  EXPECT_EQ(fresh["score"], 100.0) << "100 h since, written every 48 h: within 144 h";
  EXPECT_EQ(fresh["evidence"]["allowance_from"], "cadence");
  e.history = {trustCommit(1, "2026-12-05T12:00:00Z", "WRITE")};
  fresh = trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["freshness"];
  EXPECT_EQ(fresh["score"], 50.0) << "48 h since against 24 h: half way to 72 h";
  EXPECT_EQ(fresh["evidence"]["allowance_from"], "max_stale_hours");
  e.history.clear();
  EXPECT_EQ(trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["freshness"]["score"],
            nullptr);
}

TEST(TrustScore, PersonalDataIsScoredFromColumnTags) {
  auto e = trustSample();
  e.tags = std::vector<TagInfo>{{"email", "pii", "true"},
                                {"email", "masked", ""},
                                {"phone", "class.phone_number", ""},
                                {"", "certified", ""}};
  auto s = trustScoreOf(e, TrustWeights{}, kTrustNow);
  EXPECT_EQ(s["dimensions"]["pii"]["score"], 50.0);
  EXPECT_EQ(s["dimensions"]["pii"]["evidence"]["protected_columns"], Json::array({"email"}));
  EXPECT_EQ(s["dimensions"]["lineage"]["evidence"]["certification"], true);
  e.tags = std::vector<TagInfo>{};
  s = trustScoreOf(e, TrustWeights{}, kTrustNow);
  EXPECT_EQ(s["dimensions"]["pii"]["score"], nullptr);
  EXPECT_NE(s["dimensions"]["pii"]["reason"].get<std::string>().find("unknown"), std::string::npos);
}

TEST(TrustScore, LineageCountsTheKnownFlags) {
  auto e = trustSample();
  e.comment = "orders";
  e.hasUpstream = true;
  e.tags = std::vector<TagInfo>{{"", "certification", "gold"}};
  EXPECT_EQ(trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["lineage"]["score"], 100.0);
  e.hasUpstream.reset();
  const auto unknown = trustScoreOf(e, TrustWeights{}, kTrustNow)["dimensions"]["lineage"];
  EXPECT_EQ(unknown["score"], 100.0) << "an unknown flag is left out, not counted as missing";
  EXPECT_EQ(unknown["evidence"]["unknown"], Json::array({"upstream"}));
  EXPECT_NE(unknown["reason"].get<std::string>().find("no lineage service"), std::string::npos);
}

TEST(TrustScore, WeightsAreValidatedAsAWhole) {
  EXPECT_EQ(statusOfWeights(Json::object()), 200);
  EXPECT_EQ(statusOfWeights({{"dq", 0.4}}), 422) << "sums to 1.1";
  EXPECT_EQ(statusOfWeights({{"dq", 0.2}, {"freshness", 0.35}}), 200);
  EXPECT_EQ(statusOfWeights({{"dq", -0.1}, {"freshness", 0.65}}), 422);
  EXPECT_EQ(statusOfWeights({{"dq", "0.3"}}), 422);
  EXPECT_EQ(statusOfWeights({{"quality", 0.3}}), 422);
  EXPECT_EQ(statusOfWeights(Json::array()), 422);
  EXPECT_EQ(statusOfWeights({{"dq", 0.3 + 1e-7}}), 200) << "within 1e-6";
  try {
    mergedTrustWeights(TrustWeights{}, {{"dq", 0.4}});
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_NE(std::string(e.what()).find("sum to 1.100000"), std::string::npos) << e.what();
  }
  EXPECT_EQ(trustWeightsJson(TrustWeights{}), (Json{{"dq", 0.30},
                                                    {"freshness", 0.25},
                                                    {"anomaly", 0.15},
                                                    {"schema_stability", 0.10},
                                                    {"pii", 0.10},
                                                    {"lineage", 0.10}}));
}

}  // namespace
}  // namespace clxs::observability
