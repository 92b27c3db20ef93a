#include "plugins/observability/health_score.hpp"

#include <gtest/gtest.h>

namespace clxs::observability {
namespace {

Json table(const std::string& fqn, const std::string& status) {
  return {{"table_fqn", fqn}, {"status", status}, {"hours_since_update", 30.0}};
}

Json incident(const std::string& source, const std::string& severity) {
  return {{"source", source}, {"severity", severity}, {"title", source + " " + severity}};
}

TEST(HealthScore, WeighsFreshnessAnomaliesAndChecksAndSaysWhy) {
  const auto h =
      healthOf({table("c.s.a", "fresh"), table("c.s.b", "stale"), table("c.s.c", "fresh"),
                table("c.s.d", "fresh"), table("c.s.e", "unknown")},
               {incident("anomaly", "critical"), incident("dqx", "medium")});
  // freshness 75 × 0.4 + anomalies 90 × 0.3 + checks 97 × 0.3 = 86.1
  EXPECT_EQ(h["health_score"], 86);
  EXPECT_EQ(h["status"], "warning");
  EXPECT_EQ(h["components"]["freshness"]["score"], 75.0);
  EXPECT_EQ(h["components"]["freshness"]["evidence"]["unknown"], 1);
  EXPECT_EQ(h["components"]["anomalies"]["score"], 90.0);
  EXPECT_EQ(h["components"]["checks"]["score"], 97.0);
  EXPECT_EQ(h["components"]["reconciliation"]["score"], nullptr);
  ASSERT_EQ(h["deductions"].size(), 3u);
  EXPECT_NE(h["deductions"][0].get<std::string>().find("c.s.b"), std::string::npos);
}

TEST(HealthScore, AFailingCheckMovesTheScore) {
  const std::vector<Json> tables{table("c.s.a", "fresh")};
  EXPECT_EQ(healthOf(tables, {})["health_score"], 100);
  EXPECT_EQ(healthOf(tables, {})["status"], "healthy");
  EXPECT_EQ(healthOf(tables, {incident("dqx", "high")})["health_score"], 97);
}

TEST(HealthScore, NoEvidenceIsUnknownNotHealthy) {
  auto h = healthOf({}, {});
  EXPECT_EQ(h["health_score"], nullptr);
  EXPECT_EQ(h["status"], "unknown");
  h = healthOf({table("c.s.a", "unknown")}, {});
  // Freshness has no evidence; incidents count only against known tables: 100 over 0.6.
  EXPECT_EQ(h["health_score"], 100);
  EXPECT_EQ(h["weights_used"], 0.6);
}

}  // namespace
}  // namespace clxs::observability
