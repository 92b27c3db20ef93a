#include "plugins/analysis/drift_reports.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/analysis/catalog_diff.hpp"

namespace clxs::analysis {
namespace {

// src.s: orders (id BIGINT NOT NULL, name, legacy), people (a, b, c), same (x), gone (x),
// v (view); dst.s: orders (id INT, name, added), people (b, c, a), same (x), fresh (x),
// v (view).
class DriftReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    put("src", "orders",
        {testing::makeColumn("id", "BIGINT", false), testing::makeColumn("name", "STRING"),
         testing::makeColumn("legacy")},
        1000);
    put("dst", "orders",
        {testing::makeColumn("id", "INT"), testing::makeColumn("name", "STRING"),
         testing::makeColumn("added", "DATE")},
        800);
    put("src", "people",
        {testing::makeColumn("a"), testing::makeColumn("b"), testing::makeColumn("c")});
    put("dst", "people",
        {testing::makeColumn("b"), testing::makeColumn("c"), testing::makeColumn("a")});
    put("src", "same", {testing::makeColumn("x")}, 10);
    put("dst", "same", {testing::makeColumn("x")}, 10);
    put("src", "gone", {testing::makeColumn("x")});
    put("dst", "fresh", {testing::makeColumn("x")});
    put("src", "v", {testing::makeColumn("x")}, {}, "VIEW");
    put("dst", "v", {testing::makeColumn("y")}, {}, "VIEW");
    src = catalogTables(ws, "src", {}, 2, CallOptions{});
    dst = catalogTables(ws, "dst", {}, 2, CallOptions{});
    drifts = driftOfCommonTables(src, dst);
  }

  void put(const std::string& catalog, const std::string& name, std::vector<ColumnInfo> columns,
           std::optional<std::int64_t> size = {}, const std::string& type = "MANAGED") {
    TableInfo t = testing::makeTable(catalog, "s", name, type);
    t.columns = std::move(columns);
    t.sizeBytes = size;
    ws.addTable(std::move(t));
  }

  testing::MemoryWorkspace ws{"me"};
  CatalogTables src;
  CatalogTables dst;
  std::vector<TableDrift> drifts;
};

TEST_F(DriftReportsTest, CompareReportsEveryCommonTableWithTotals) {
  const Json r = compareReport(src, dst, drifts);
  ASSERT_EQ(r["tables"].size(), 3U) << r.dump(2);
  const Json& orders = r["tables"][0];
  EXPECT_EQ(orders["table_fqn"], "s.orders");
  EXPECT_EQ(orders["match"], false);
  EXPECT_EQ(orders["missing_columns"],
            Json::array({Json{
                {"column", "legacy"}, {"type", "INT"}, {"nullable", true}, {"position", 2}}}));
  EXPECT_EQ(orders["extra_columns"][0]["column"], "added");
  EXPECT_EQ(orders["type_changes"],
            Json::array({Json{{"column", "id"}, {"source_type", "BIGINT"}, {"dest_type", "INT"}}}));
  EXPECT_EQ(orders["nullability_changes"][0],
            (Json{{"column", "id"}, {"source_nullable", false}, {"dest_nullable", true}}));
  EXPECT_EQ(orders["moved_columns"], Json::array());
  EXPECT_TRUE(orders["error"].is_null());
  const Json& people = r["tables"][1];
  EXPECT_EQ(people["moved_columns"],
            Json::array({Json{{"column", "a"}, {"source_position", 0}, {"dest_position", 2}}}));
  EXPECT_EQ(r["tables"][2]["match"], true);
  EXPECT_EQ(r["missing_tables"], Json::array({"s.gone"}));
  EXPECT_EQ(r["extra_tables"], Json::array({"s.fresh"}));
  EXPECT_EQ(r["summary"], (Json{{"tables_compared", 3},
                                {"tables_matching", 1},
                                {"tables_with_differences", 2},
                                {"tables_with_errors", 0},
                                {"missing_columns", 1},
                                {"extra_columns", 1},
                                {"type_changes", 1},
                                {"nullability_changes", 1},
                                {"moved_columns", 1},
                                {"missing_tables", 1},
                                {"extra_tables", 1}}));
  EXPECT_EQ(r["in_sync"], false);
}

TEST_F(DriftReportsTest, SchemaDriftListsDriftedTablesAndFlatRows) {
  const Json r = schemaDriftReport(drifts);
  ASSERT_EQ(r["tables"].size(), 2U) << r.dump(2);
  const Json& orders = r["tables"][0];
  EXPECT_EQ(orders["added_columns"][0]["column"], "added");
  EXPECT_EQ(orders["removed_columns"][0]["column"], "legacy");
  EXPECT_EQ(orders["modified_columns"], Json::array({Json{{"column", "id"},
                                                          {"changes", {"type", "nullability"}},
                                                          {"source_type", "BIGINT"},
                                                          {"dest_type", "INT"},
                                                          {"source_nullable", false},
                                                          {"dest_nullable", true}}}));
  EXPECT_EQ(orders["order_changed"], false);
  EXPECT_EQ(r["tables"][1]["order_changed"], true);
  std::vector<std::string> kinds;
  for (const auto& d : r["drifts"]) {
    kinds.push_back(d["column"].get<std::string>() + ":" + d["change_type"].get<std::string>());
  }
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"added:ADDED", "legacy:REMOVED", "id:MODIFIED", "a:MOVED"}));
  EXPECT_EQ(r["drifts"][2]["old_type"], "BIGINT");
  EXPECT_EQ(r["drifts"][2]["new_type"], "INT");
  EXPECT_EQ(r["summary"], (Json{{"tables_checked", 3},
                                {"tables_with_drift", 2},
                                {"added_columns", 1},
                                {"removed_columns", 1},
                                {"modified_columns", 1},
                                {"moved_columns", 1},
                                {"total_drift_count", 4}}));
  EXPECT_EQ(r["errors"], Json::array());
  EXPECT_EQ(r["in_sync"], false);
  EXPECT_EQ(schemaDriftReport({})["in_sync"], true);
}

TEST_F(DriftReportsTest, DiffDetailCombinesObjectsDriftAndSizes) {
  const auto s = catalogObjects(ws, "src", {}, 2, CallOptions{});
  const auto d = catalogObjects(ws, "dst", {}, 2, CallOptions{});
  const Json r = diffDetailReport(diffObjects(s, d), drifts);
  EXPECT_EQ(r["tables"]["missing"], Json::array({"s.gone"})) << r.dump(2);
  EXPECT_EQ(r["tables"]["extra"], Json::array({"s.fresh"}));
  EXPECT_EQ(r["tables"]["matching"], Json::array({"s.orders", "s.people", "s.same"}));
  EXPECT_EQ(r["schemas"]["matching"], Json::array({"s"}));
  EXPECT_EQ(r["views"]["matching"], Json::array({"s.v"}));
  ASSERT_EQ(r["drift"].size(), 2U);
  const Json& orders = r["drift"][0];
  EXPECT_EQ(orders["table_fqn"], "s.orders");
  EXPECT_EQ(orders["source_columns"], 3);
  EXPECT_EQ(orders["added_columns"], Json::array({"added"}));
  EXPECT_EQ(orders["removed_columns"], Json::array({"legacy"}));
  EXPECT_EQ(orders["size_delta_bytes"], -200);
  EXPECT_EQ(orders["source_size_bytes"], 1000);
  EXPECT_TRUE(orders["row_delta"].is_null());
  EXPECT_TRUE(r["drift"][1]["size_delta_bytes"].is_null());
  EXPECT_EQ(r["drift"][1]["order_changed"], true);
  EXPECT_EQ(r["summary"], (Json{{"total_matching_tables", 3},
                                {"tables_with_drift", 2},
                                {"columns_added", 1},
                                {"columns_removed", 1},
                                {"type_changes", 1},
                                {"total_size_source_bytes", 1010},
                                {"total_size_dest_bytes", 810},
                                {"total_size_delta_bytes", -200}}));
  EXPECT_EQ(r["drift_errors"], Json::array());
  EXPECT_EQ(r["in_sync"], false);
  EXPECT_EQ(r["warnings"], Json::array());
}

TEST(DiffDetailReport, ASizeDifferenceAloneIsDriftButNotOutOfSync) {
  TableDrift t;
  t.schema = "s";
  t.table = "t";
  t.sourceSizeBytes = 1;
  t.destSizeBytes = 2;
  const Json r = diffDetailReport(Json{{"in_sync", true}}, {t});
  EXPECT_EQ(r["drift"].size(), 1U);
  EXPECT_EQ(r["in_sync"], true);
  t.error = "The destination lists no columns for this table, so its columns were not compared.";
  t.destSizeBytes = 1;
  const Json e = diffDetailReport(Json{{"in_sync", true}}, {t});
  EXPECT_EQ(e["drift"].size(), 0U);
  EXPECT_EQ(e["drift_errors"][0]["table_fqn"], "s.t");
  EXPECT_EQ(e["in_sync"], false);
}

}  // namespace
}  // namespace clxs::analysis
