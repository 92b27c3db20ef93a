#include "plugins/observability/category_health.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

const auto kHealthNow = *parseIsoUtc("2026-12-03T12:00:00Z");

Json healthIncident(const std::string& source, const std::string& table, const std::string& opened,
                    const std::string& resolved = "", const std::string& ref = "x") {
  Json i{{"source", source},   {"source_ref", ref},
         {"table_fqn", table}, {"opened_at", opened},
         {"severity", "high"}, {"status", resolved.empty() ? "open" : "resolved"}};
  if (!resolved.empty()) i["resolved_at"] = resolved;
  return i;
}

Json category(const Json& health, const std::string& name) {
  for (const auto& c : health["categories"]) {
    if (c["category"] == name) return c;
  }
  return {};
}

TEST(CategoryHealthTest, CategoriesOfIncidents) {
  EXPECT_EQ(categoryOf(healthIncident("freshness", "c.s.t", "")), "freshness");
  EXPECT_EQ(categoryOf(healthIncident("anomaly", "c.s.t", "", "", "*:row_count")), "volume");
  EXPECT_EQ(categoryOf(healthIncident("anomaly", "c.s.t", "", "", "a:null_pct")), "anomaly");
  EXPECT_EQ(categoryOf(healthIncident("contract", "c.s.t", "")), "sla");
  EXPECT_EQ(categoryOf(healthIncident("dqx", "c.s.t", "")), "dq");
  EXPECT_FALSE(categoryOf(healthIncident("recon", "c.s.t", "")).has_value());
}

TEST(CategoryHealthTest, ScoresTheShareOfObservedTablesWithoutAnOpenIncident) {
  ObservedTables observed;
  for (const char* t : {"c.s.a", "c.s.b", "c.s.c", "c.s.d"})
    observe(observed, "anomaly", t, "2026-12-01T00:00:00Z");
  const std::vector<Json> incidents{
      healthIncident("anomaly", "c.s.a", "2026-12-02T00:00:00Z", "", "id:null_pct"),
      healthIncident("dqx", "c.s.a", "2026-12-02T00:00:00Z", "2026-12-02T06:00:00Z")};
  const auto h = categoryHealthAt(observed, incidents, kHealthNow);
  EXPECT_EQ(category(h, "anomaly")["score"], 75.0);
  EXPECT_EQ(category(h, "anomaly")["failing_tables"], 1);
  EXPECT_EQ(category(h, "dq")["score"], 100.0) << "resolved, and observed from its opening";
  EXPECT_TRUE(category(h, "freshness")["score"].is_null());
  EXPECT_NE(category(h, "sla")["reason"].get<std::string>().find("no evidence"), std::string::npos);
  // (0.20 × 75 + 0.15 × 100) / 0.35
  EXPECT_EQ(h["health_score"], 86);
  EXPECT_EQ(h["status"], "warning");
}

TEST(CategoryHealthTest, NoEvidenceIsUnknownNotHealthy) {
  const auto h = categoryHealthAt({}, {}, kHealthNow);
  EXPECT_TRUE(h["health_score"].is_null());
  EXPECT_EQ(h["status"], "unknown");
}

TEST(CategoryHealthTest, DailyPointsRecomputeThePast) {
  ObservedTables observed;
  observe(observed, "freshness", "c.s.a", "2026-11-25T00:00:00Z");
  observe(observed, "freshness", "c.s.b", "2026-11-25T00:00:00Z");
  const std::vector<Json> incidents{
      healthIncident("freshness", "c.s.a", "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z")};
  const auto points = dailyHealth(observed, incidents, kHealthNow, 4);
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0]["date"], "2026-11-30");
  EXPECT_EQ(points[0]["health_score"], 100);
  EXPECT_EQ(points[1]["date"], "2026-12-01");
  EXPECT_EQ(points[1]["categories"]["freshness"], 50.0);
  EXPECT_EQ(points[2]["health_score"], 100) << "resolved on the 2nd";
  EXPECT_EQ(points[3]["date"], "2026-12-03");
}

}  // namespace
}  // namespace clxs::observability
