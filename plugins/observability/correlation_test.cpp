#include "plugins/observability/correlation.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

using std::chrono::minutes;

std::chrono::system_clock::time_point at(int minute) {
  return *parseIsoUtc("2026-12-01T10:00:00Z") + minutes(minute);
}

CorrelationEvent event(const std::string& id, const std::string& table, int minute) {
  return {id, "anomaly", table, at(minute), "critical", id + " failed"};
}

// a → b → c, and d unrelated.
const LineageLinks kChain{{"c.s.a", {{"c.s.b", 1}, {"c.s.c", 2}}}, {"c.s.b", {{"c.s.c", 1}}}};

TEST(CorrelationTest, StaggeredFailuresAlongAChainNameTheUpstreamTable) {
  const auto groups = correlate({event("3", "c.s.c", 40), event("1", "c.s.a", 0),
                                 event("2", "c.s.b", 20), event("4", "c.s.d", 10)},
                                kChain, minutes(120));
  ASSERT_EQ(groups.size(), 1u);
  const auto& g = groups[0];
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_EQ(g.members[0].id, "1");
  EXPECT_EQ(g.rootTable, "c.s.a");
  EXPECT_EQ(g.rootEventId, "1");
  EXPECT_EQ(g.edges.size(), 3u);  // a→b, a→c, b→c
  // Two failing descendants, and a lead of 40 of 120 minutes.
  EXPECT_NEAR(g.score, 2 + 40.0 / 120, 1e-9);
  EXPECT_NE(g.reason.find("upstream of 2 other failing tables"), std::string::npos);
}

TEST(CorrelationTest, AnUpstreamAlarmThatFiresLastIsStillTheRoot) {
  const auto groups =
      correlate({event("c", "c.s.c", 0), event("b", "c.s.b", 5), event("a", "c.s.a", 30)}, kChain,
                minutes(60));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].rootTable, "c.s.a");
  EXPECT_NEAR(groups[0].score, 2.0, 1e-9);  // no lead: it started last
}

TEST(CorrelationTest, EventsFurtherApartThanTheWindowStaySeparate) {
  const auto groups =
      correlate({event("1", "c.s.a", 0), event("2", "c.s.b", 200)}, kChain, minutes(120));
  EXPECT_TRUE(groups.empty());  // two groups of one are not groups
}

TEST(CorrelationTest, UnlinkedTablesDoNotGroupButTheSameTableDoes) {
  const auto groups = correlate(
      {event("1", "c.s.x", 0), event("2", "c.s.y", 1), event("3", "c.s.x", 30)}, {}, minutes(60));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members.size(), 2u);
  EXPECT_EQ(groups[0].rootEventId, "1");
  EXPECT_TRUE(groups[0].edges.empty());
}

TEST(CorrelationTest, ACycleFallsBackToTheEarliestMemberAndSaysSo) {
  const LineageLinks cycle{{"c.s.a", {{"c.s.b", 1}}}, {"c.s.b", {{"c.s.a", 1}}}};
  const auto groups =
      correlate({event("b", "c.s.b", 0), event("a", "c.s.a", 5)}, cycle, minutes(60));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].rootTable, "c.s.b");
  EXPECT_NE(groups[0].reason.find("cycle"), std::string::npos);
}

}  // namespace
}  // namespace clxs::observability
