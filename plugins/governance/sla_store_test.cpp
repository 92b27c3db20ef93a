#include "plugins/governance/sla_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

SlaRule slaStoredRule(const std::string& id, const std::string& at) {
  SlaRule r;
  r.slaId = id;
  r.tableFqn = "shop.sales.orders";
  r.metric = "completeness";
  r.threshold = 90;
  r.columns = {"it's", "b`c"};
  r.createdBy = "ana";
  r.createdAt = at;
  return r;
}

SlaCheck slaStoredCheck(const std::string& id, const std::string& rule, const std::string& status,
                        const std::string& at) {
  SlaCheck c;
  c.checkId = id;
  c.slaId = rule;
  c.tableFqn = "shop.sales.orders";
  c.metric = "completeness";
  if (status != "unknown") c.value = 80;
  c.threshold = 90;
  c.status = status;
  c.severity = "medium";
  c.details = {{"row_count", 4}};
  c.checkedAt = at;
  c.checkedBy = "bob";
  return c;
}

TEST(GovernanceSlaStore, RulesRoundTripWithTheirColumns) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(SlaStore::migrations());
  SlaStore store(sqlite);
  store.insertRule(slaStoredRule("r1", "2026-12-01T00:00:00.000Z"));
  const auto read = store.findRule("r1");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->columns, (std::vector<std::string>{"it's", "b`c"}));
  EXPECT_DOUBLE_EQ(read->threshold, 90);
  EXPECT_TRUE(read->enabled);
  const auto json = slaRuleJson(*read);
  EXPECT_EQ(json["metric_type"], "completeness");
  EXPECT_EQ(json["threshold_value"], 90.0);
  EXPECT_TRUE(json["threshold_hours"].is_null());
  EXPECT_EQ(store.rules("SHOP.SALES.ORDERS").size(), 1U);
  EXPECT_TRUE(store.rules("shop.sales.other").empty());
  EXPECT_TRUE(store.deleteRule("r1"));
  EXPECT_FALSE(store.deleteRule("r1"));
}

TEST(GovernanceSlaStore, TheNewestCheckOfEachLiveRuleAndTheDailyCounts) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(SlaStore::migrations());
  SlaStore store(sqlite);
  store.insertRule(slaStoredRule("r1", "2026-12-01T00:00:00.000Z"));
  store.insertRule(slaStoredRule("r2", "2026-12-01T00:00:01.000Z"));
  store.insertRule(slaStoredRule("gone", "2026-12-01T00:00:02.000Z"));
  store.insertCheck(slaStoredCheck("a", "r1", "failed", "2026-12-02T10:00:00.000Z"));
  store.insertCheck(slaStoredCheck("b", "r1", "passed", "2026-12-03T10:00:00.000Z"));
  store.insertCheck(slaStoredCheck("c", "r2", "unknown", "2026-12-03T10:00:00.000Z"));
  store.insertCheck(slaStoredCheck("d", "gone", "failed", "2026-12-03T10:00:00.000Z"));
  store.deleteRule("gone");

  EXPECT_EQ(store.latestCheck("r1")->checkId, "b");
  const auto latest = store.latestChecks();
  ASSERT_EQ(latest.size(), 2U) << "the deleted rule's check is not current";
  EXPECT_EQ(latest[0].checkId, "b");
  EXPECT_EQ(latest[1].checkId, "c");
  EXPECT_FALSE(latest[1].value);
  EXPECT_TRUE(slaCheckJson(latest[1])["passed"].is_null());
  EXPECT_EQ(slaCheckJson(latest[0])["details"]["row_count"], 4);

  const auto days = store.dailyCounts("2026-12-02");
  ASSERT_EQ(days.size(), 2U);
  EXPECT_EQ(days[0]["date"], "2026-12-02");
  EXPECT_EQ(days[0]["failed"], 1);
  EXPECT_EQ(days[1]["total"], 2) << "unknown left out, the deleted rule's past kept";
  EXPECT_EQ(days[1]["passed"], 1);
  EXPECT_EQ(store.dailyCounts("2026-12-03").size(), 1U);
}

}  // namespace
}  // namespace clxs::governance
