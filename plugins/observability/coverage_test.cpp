#include "plugins/observability/coverage.hpp"

#include <gtest/gtest.h>

namespace clxs::observability {
namespace {

TableInfo coverageTableInfo(const std::string& schema, const std::string& name) {
  TableInfo t;
  t.catalog = "shop";
  t.schema = schema;
  t.name = name;
  t.columns = {
      {"id", "BIGINT", true, ""}, {"Amount", "DOUBLE", true, ""}, {"ts", "TIMESTAMP", true, ""}};
  return t;
}

services::DefinedCheck definedCheck(const std::string& kind, std::vector<std::string> columns,
                                    bool enabled = true, bool freshness = false) {
  return {"id", kind, "n", "f", "error", std::move(columns), enabled, freshness};
}

TEST(Coverage, ATablesChecksRulesAndMonitorAreItsCoverage) {
  const std::vector<services::DefinedCheck> checks{
      definedCheck("dqx_check", {"id"}), definedCheck("dq_rule", {"AMOUNT"}),
      definedCheck("dqx_check", {"ts"}, false), definedCheck("dqx_check", {"id + 1"}),
      definedCheck("dq_rule", {"ts"}, true, true)};
  MonitorConfig monitor;
  monitor.tableFqn = "shop.sales.orders";
  const auto c = tableCoverageOf(coverageTableInfo("sales", "orders"), &checks, &monitor);
  EXPECT_EQ(c["table_fqn"], "shop.sales.orders");
  EXPECT_EQ(c["has_dq_rule"], true);
  EXPECT_EQ(c["has_dqx_check"], true);
  EXPECT_EQ(c["has_monitor"], true);
  EXPECT_EQ(c["has_freshness_monitor"], true);
  EXPECT_EQ(c["has_sla"], false);
  EXPECT_EQ(c["has_contract"], false);
  EXPECT_EQ(c["check_count"], 4);
  EXPECT_EQ(c["disabled_checks"], 1);
  EXPECT_EQ(c["columns_covered"], 3) << c.dump();
  EXPECT_EQ(c["columns_total"], 3);
  EXPECT_EQ(c["covered_columns"], (Json{"Amount", "id", "ts"}));
  EXPECT_EQ(c["covered"], true);

  monitor.enabled = false;
  const std::vector<services::DefinedCheck> none;
  const auto bare = tableCoverageOf(coverageTableInfo("sales", "orders"), &none, &monitor);
  EXPECT_EQ(bare["covered"], false);
  EXPECT_EQ(bare["has_monitor"], false) << "a disabled monitor guards nothing";
  EXPECT_EQ(bare["has_freshness_monitor"], false);
  monitor.enabled = true;
  monitor.metrics = {"row_count"};
  EXPECT_EQ(tableCoverageOf(coverageTableInfo("sales", "orders"), &none,
                            &monitor)["has_freshness_monitor"],
            false);
  monitor.metrics = {"row_count", "freshness"};
  EXPECT_EQ(tableCoverageOf(coverageTableInfo("sales", "orders"), &none,
                            &monitor)["has_freshness_monitor"],
            true)
      << "its freshness metric opens freshness incidents";
  EXPECT_EQ(bare["checks_known"], true);
  EXPECT_EQ(tableCoverageOf(coverageTableInfo("sales", "orders"), nullptr, nullptr)["checks_known"],
            false);
}

TEST(Coverage, TheSummaryCountsBySchemaAndFamily) {
  const std::vector<services::DefinedCheck> checks{definedCheck("dqx_check", {"id"})};
  const std::vector<services::DefinedCheck> none;
  const std::vector<Json> tables{
      tableCoverageOf(coverageTableInfo("sales", "orders"), &checks, nullptr),
      tableCoverageOf(coverageTableInfo("sales", "items"), &none, nullptr),
      tableCoverageOf(coverageTableInfo("hr", "people"), &none, nullptr)};
  const auto s = coverageSummaryOf(tables);
  EXPECT_EQ(s["total_tables"], 3);
  EXPECT_EQ(s["covered_tables"], 1);
  EXPECT_EQ(s["coverage_pct"], 33.3);
  EXPECT_EQ(s["columns_total"], 9);
  EXPECT_EQ(s["columns_covered"], 1);
  EXPECT_EQ(s["column_coverage_pct"], 11.1);
  ASSERT_EQ(s["by_schema"].size(), 2u);
  EXPECT_EQ(s["by_schema"][0]["schema"], "hr");
  EXPECT_EQ(s["by_schema"][0]["coverage_pct"], 0.0);
  EXPECT_EQ(s["by_schema"][1]["coverage_pct"], 50.0);
  EXPECT_EQ(s["by_family"]["dqx_check"]["tables"], 1);
  EXPECT_EQ(s["by_family"]["dq_rule"]["pct"], 0.0);
  EXPECT_EQ(coverageSummaryOf({})["coverage_pct"], nullptr);
}

TEST(Coverage, GapsAreRankedByWhatAProblemWouldCost) {
  GapSignals busy;
  busy.reads = 1000;
  busy.downstream = 5;
  busy.certified = true;
  busy.personalData = true;
  busy.rows = 1'000'000'000;
  EXPECT_DOUBLE_EQ(gapPriority(busy), 100);
  GapSignals unknown;
  unknown.readsNote = "reads unknown: no history";
  EXPECT_EQ(gapPriority(unknown), 0);
  GapSignals linked;
  linked.downstream = 2;
  linked.reads = 0;
  EXPECT_DOUBLE_EQ(gapPriority(linked), 12);

  const std::vector<services::DefinedCheck> none;
  const std::vector<services::DefinedCheck> checks{definedCheck("dqx_check", {"id"})};
  const std::vector<Json> tables{
      gapOf(tableCoverageOf(coverageTableInfo("a", "quiet"), &none, nullptr), unknown),
      gapOf(tableCoverageOf(coverageTableInfo("a", "linked"), &none, nullptr), linked),
      tableCoverageOf(coverageTableInfo("a", "checked"), &checks, nullptr),
      gapOf(tableCoverageOf(coverageTableInfo("a", "busy"), &none, nullptr), busy),
      gapOf(tableCoverageOf(coverageTableInfo("a", "also_quiet"), &none, nullptr), unknown)};
  const auto gaps = rankedGaps(tables);
  ASSERT_EQ(gaps.size(), 4u) << "the covered table is no gap";
  EXPECT_EQ(gaps[0]["table_fqn"], "shop.a.busy");
  EXPECT_EQ(gaps[1]["table_fqn"], "shop.a.linked");
  EXPECT_EQ(gaps[2]["table_fqn"], "shop.a.also_quiet") << "ties by name";
  EXPECT_EQ(gaps[3]["table_fqn"], "shop.a.quiet");
  EXPECT_EQ(gaps[1]["priority"], 12.0);
  const auto& why = gaps[0]["reasons"];
  EXPECT_EQ(why[0], "no DQ rule, DQX check or monitor guards it");
  EXPECT_EQ(why[1], "read by 1000 statements in 30 days");
  EXPECT_EQ(why[2], "5 tables downstream");
  EXPECT_EQ(gaps[3]["reasons"].back(), "reads unknown: no history");
  EXPECT_EQ(gaps[3]["signals"]["reads_30d"], nullptr);
}

}  // namespace
}  // namespace clxs::observability
