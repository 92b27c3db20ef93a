#include "plugins/governance/sla_measure.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"
#include "clxs/testing/memory_workspace.hpp"

namespace clxs::governance {
namespace {

HistoryEntry slaCommit(std::int64_t version, const std::string& at, const std::string& op) {
  return {version, at, "me", op, Json::object(), Json::object()};
}

TableInfo slaOrders() {
  TableInfo t;
  t.catalog = std::string("shop");
  t.schema = std::string("sales");
  t.name = std::string("orders");
  t.columns = {{std::string("id"), std::string("BIGINT"), true, std::string()},
               {std::string("it's 100%"), std::string("STRING"), true, std::string()}};
  return t;
}

SlaRule slaRuleOf(const std::string& metric, double threshold) {
  SlaRule r;
  r.slaId = "r1";
  r.tableFqn = "shop.sales.orders";
  r.metric = metric;
  r.threshold = threshold;
  return r;
}

const auto kSlaNow = *parseIsoUtc("2026-12-07T12:00:00Z");

TEST(GovernanceSlaMeasure, FreshnessIgnoresAMetadataOnlyAlter) {
  clxs::testing::MemoryWorkspace ws;
  SlaTableFacts facts;
  facts.table = slaOrders();
  facts.history = {slaCommit(3, "2026-12-07T11:30:00Z", "SET TBLPROPERTIES"),
                   slaCommit(2, "2026-12-07T11:00:00Z", "CHANGE COLUMN"),
                   slaCommit(1, "2026-12-07T06:00:00Z", "WRITE"),
                   slaCommit(0, "2026-12-07T05:00:00Z", "CREATE TABLE")};
  auto m = measureSla(ws, slaRuleOf("freshness", 4), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "failed");
  EXPECT_DOUBLE_EQ(*m.value, 6.0) << "6 h since the WRITE, not 0.5 h since the ALTER";
  EXPECT_EQ(m.details["last_data_version"], 1);
  EXPECT_NE(m.reason.find("6 h ago"), std::string::npos) << m.reason;
  m = measureSla(ws, slaRuleOf("freshness", 8), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "passed");

  facts.history = {slaCommit(0, "2026-12-07T05:00:00Z", "CREATE TABLE")};
  m = measureSla(ws, slaRuleOf("freshness", 8), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "unknown");
  EXPECT_FALSE(m.value);
  EXPECT_NE(m.reason.find("no commit that changed data"), std::string::npos);
}

TEST(GovernanceSlaMeasure, SchemaStabilityCountsColumnChangesInTheWindow) {
  clxs::testing::MemoryWorkspace ws;
  SlaTableFacts facts;
  facts.table = slaOrders();
  facts.history = {slaCommit(4, "2026-12-07T10:00:00Z", "ADD COLUMNS"),
                   slaCommit(3, "2026-12-06T10:00:00Z", "WRITE"),
                   slaCommit(2, "2026-12-05T10:00:00Z", "DROP COLUMNS"),
                   slaCommit(1, "2026-11-01T10:00:00Z", "RENAME COLUMN"),
                   slaCommit(0, "2026-11-01T09:00:00Z", "CREATE TABLE")};
  auto rule = slaRuleOf("schema_stability", 1);
  rule.windowDays = 7;
  auto m = measureSla(ws, rule, facts, kSlaNow, {});
  EXPECT_EQ(m.status, "failed");
  EXPECT_DOUBLE_EQ(*m.value, 2.0) << "the RENAME is outside the 7 days";
  ASSERT_EQ(m.details["changes"].size(), 2U);
  EXPECT_EQ(m.details["changes"][0]["operation"], "ADD COLUMNS");
  EXPECT_EQ(m.details["changes"][1]["breaking"], true);
  rule.threshold = 2;
  EXPECT_EQ(measureSla(ws, rule, facts, kSlaNow, {}).status, "passed");
}

TEST(GovernanceSlaMeasure, RowCountComesFromStatisticsWithoutAQuery) {
  clxs::testing::MemoryWorkspace ws;
  SlaTableFacts facts;
  facts.table = slaOrders();
  facts.table->rowCount = 40;
  auto m = measureSla(ws, slaRuleOf("row_count", 50), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "failed");
  EXPECT_DOUBLE_EQ(*m.value, 40.0);
  EXPECT_EQ(m.details["source"], "delta_statistics");
  EXPECT_TRUE(ws.statements().empty());
  EXPECT_EQ(measureSla(ws, slaRuleOf("row_count", 40), facts, kSlaNow, {}).status, "passed");
}

TEST(GovernanceSlaMeasure, CompletenessIsTheRealNullRateOfTheColumns) {
  clxs::testing::MemoryWorkspace ws;
  ResultSet r;
  r.columns = {{"n", "BIGINT"}, {"a", "BIGINT"}, {"b", "BIGINT"}};
  r.rows = {{Json(8), Json(0), Json(2)}};
  ws.onSql(
      "SELECT count(*), count_if(`id` IS NULL), count_if(`it's 100%` IS NULL) FROM "
      "`shop`.`sales`.`orders`",
      r);
  SlaTableFacts facts;
  facts.table = slaOrders();
  auto m = measureSla(ws, slaRuleOf("completeness", 90), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "failed");
  EXPECT_DOUBLE_EQ(*m.value, 87.5) << "(0 % + 25 %) / 2 NULL";
  EXPECT_EQ(m.details["columns"][1]["column"], "it's 100%");
  EXPECT_DOUBLE_EQ(m.details["columns"][1]["null_pct"].get<double>(), 25.0);
  EXPECT_EQ(ws.statements().size(), 1U) << "one aggregate query";

  auto rule = slaRuleOf("completeness", 80);
  rule.columns = {"gone"};
  m = measureSla(ws, rule, facts, kSlaNow, {});
  EXPECT_EQ(m.status, "unknown");
  EXPECT_NE(m.reason.find("gone"), std::string::npos);
}

TEST(GovernanceSlaMeasure, AMissingTableFailsAnUnreadableOneIsUnknown) {
  clxs::testing::MemoryWorkspace ws;
  SlaTableFacts facts;
  facts.missing = true;
  facts.error = "the table shop.sales.orders does not exist";
  auto m = measureSla(ws, slaRuleOf("row_count", 1), facts, kSlaNow, {});
  EXPECT_EQ(m.status, "failed");
  EXPECT_EQ(m.reason, facts.error);
  facts.missing = false;
  EXPECT_EQ(measureSla(ws, slaRuleOf("row_count", 1), facts, kSlaNow, {}).status, "unknown");
}

}  // namespace
}  // namespace clxs::governance
