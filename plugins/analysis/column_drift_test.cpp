#include "plugins/analysis/column_drift.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::analysis {
namespace {

std::vector<std::string> movedNames(const ColumnDrift& d) {
  std::vector<std::string> out;
  for (const auto& m : d.moved) out.push_back(m.column);
  return out;
}

TEST(NormalisedType, IgnoresCaseAndSpaces) {
  EXPECT_EQ(normalisedType("decimal(10, 2)"), "DECIMAL(10,2)");
  EXPECT_EQ(normalisedType(" map<string, int> "), "MAP<STRING,INT>");
}

TEST(CompareColumns, IdenticalListsDoNotDrift) {
  const std::vector<ColumnInfo> a{testing::makeColumn("id", "BIGINT", false),
                                  testing::makeColumn("amount", "DECIMAL(10, 2)")};
  const ColumnDrift d = compareColumns(a, {testing::makeColumn("ID", "bigint", false),
                                           testing::makeColumn("amount", "decimal(10,2)")});
  EXPECT_FALSE(d.any()) << "names and types compare without regard to case";
  EXPECT_EQ(d.sourceColumns, 2U);
  EXPECT_EQ(d.destColumns, 2U);
}

TEST(CompareColumns, ReportsMissingExtraRetypedAndNullabilityChanges) {
  const ColumnDrift d =
      compareColumns({testing::makeColumn("id", "BIGINT", false),
                      testing::makeColumn("name", "STRING"), testing::makeColumn("legacy")},
                     {testing::makeColumn("id", "INT", true), testing::makeColumn("name", "STRING"),
                      testing::makeColumn("added", "DATE")});
  ASSERT_EQ(d.missing.size(), 1U);
  EXPECT_EQ(d.missing[0].name, "legacy");
  EXPECT_EQ(d.missing[0].type, "INT");
  EXPECT_EQ(d.missing[0].position, 2U);
  ASSERT_EQ(d.extra.size(), 1U);
  EXPECT_EQ(d.extra[0].name, "added");
  EXPECT_EQ(d.extra[0].type, "DATE");
  EXPECT_EQ(d.extra[0].position, 2U);
  ASSERT_EQ(d.typeChanges.size(), 1U);
  EXPECT_EQ(d.typeChanges[0].column, "id");
  EXPECT_EQ(d.typeChanges[0].sourceType, "BIGINT");
  EXPECT_EQ(d.typeChanges[0].destType, "INT");
  ASSERT_EQ(d.nullabilityChanges.size(), 1U);
  EXPECT_FALSE(d.nullabilityChanges[0].sourceNullable);
  EXPECT_TRUE(d.nullabilityChanges[0].destNullable);
  EXPECT_TRUE(d.moved.empty());
  EXPECT_TRUE(d.anyBesidesOrder());
}

TEST(CompareColumns, ColumnsShiftedByAnAddedOrDroppedColumnHaveNotMoved) {
  const std::vector<ColumnInfo> src{testing::makeColumn("a"), testing::makeColumn("b"),
                                    testing::makeColumn("c")};
  EXPECT_TRUE(compareColumns(src, {testing::makeColumn("x"), testing::makeColumn("a"),
                                   testing::makeColumn("b"), testing::makeColumn("c")})
                  .moved.empty());
  EXPECT_TRUE(
      compareColumns(src, {testing::makeColumn("b"), testing::makeColumn("c")}).moved.empty());
}

TEST(CompareColumns, AMoveNamesTheFewestColumns) {
  const std::vector<ColumnInfo> src{testing::makeColumn("a"), testing::makeColumn("b"),
                                    testing::makeColumn("c"), testing::makeColumn("d")};
  // a went to the end: only a moved, b c d keep their relative order.
  ColumnDrift d = compareColumns(src, {testing::makeColumn("b"), testing::makeColumn("c"),
                                       testing::makeColumn("d"), testing::makeColumn("a")});
  EXPECT_EQ(movedNames(d), std::vector<std::string>{"a"});
  ASSERT_EQ(d.moved.size(), 1U);
  EXPECT_EQ(d.moved[0].sourcePosition, 0U);
  EXPECT_EQ(d.moved[0].destPosition, 3U);
  EXPECT_FALSE(d.anyBesidesOrder());
  EXPECT_TRUE(d.any());
  // A full reversal keeps one column in place.
  d = compareColumns(src, {testing::makeColumn("d"), testing::makeColumn("c"),
                           testing::makeColumn("b"), testing::makeColumn("a")});
  EXPECT_EQ(d.moved.size(), 3U);
}

TEST(CompareColumns, EmptyListsAndWideTables) {
  EXPECT_FALSE(compareColumns({}, {}).any());
  EXPECT_EQ(compareColumns({}, {testing::makeColumn("a")}).extra.size(), 1U);
  std::vector<ColumnInfo> wide;
  std::vector<ColumnInfo> rotated;
  wide.reserve(5000);
  for (int i = 0; i < 5000; ++i) wide.push_back(testing::makeColumn("c" + std::to_string(i)));
  rotated.assign(wide.begin() + 1, wide.end());
  rotated.push_back(wide.front());
  const ColumnDrift d = compareColumns(wide, rotated);
  EXPECT_EQ(movedNames(d), std::vector<std::string>{"c0"});
}

TEST(TableSizes, FromTheListingElseTheStatisticsProperties) {
  TableInfo t;
  EXPECT_FALSE(tableSizeBytes(t).has_value());
  EXPECT_FALSE(tableRowCount(t).has_value());
  t.properties =
      Json{{"spark.sql.statistics.totalSize", "2048"}, {"spark.sql.statistics.numRows", "17"}};
  EXPECT_EQ(tableSizeBytes(t), 2048);
  EXPECT_EQ(tableRowCount(t), 17);
  t.sizeBytes = 99;
  EXPECT_EQ(tableSizeBytes(t), 99);
  t.properties = Json{{"spark.sql.statistics.numRows", "many"}};
  EXPECT_FALSE(tableRowCount(t).has_value());
}

TEST(DriftOfCommonTables, ComparesTablesInBothListingsOnly) {
  CatalogTables src;
  src.catalog = "src";
  src.schemas = {"s"};
  CatalogTables dst = src;
  dst.catalog = "dst";
  auto put = [](CatalogTables& c, const std::string& name, std::vector<ColumnInfo> columns,
                const std::string& type = "MANAGED", std::optional<std::int64_t> size = {}) {
    TableInfo t = testing::makeTable(c.catalog, "s", name, type);
    t.columns = std::move(columns);
    t.sizeBytes = size;
    c.tables.emplace(TableKey{"s", name}, std::move(t));
  };
  put(src, "same", {testing::makeColumn("a")}, "MANAGED", 100);
  put(dst, "same", {testing::makeColumn("a")}, "MANAGED", 150);
  put(src, "changed", {testing::makeColumn("a"), testing::makeColumn("b")});
  put(dst, "changed", {testing::makeColumn("a")});
  put(src, "only_src", {testing::makeColumn("a")});
  put(dst, "only_dst", {testing::makeColumn("a")});
  put(src, "view", {testing::makeColumn("a")}, "VIEW");
  put(dst, "view", {testing::makeColumn("b")}, "VIEW");
  put(src, "unreadable", {testing::makeColumn("a")});
  put(dst, "unreadable", {});

  const auto drifts = driftOfCommonTables(src, dst);
  ASSERT_EQ(drifts.size(), 3U);
  EXPECT_EQ(drifts[0].fqn(), "s.changed");
  EXPECT_EQ(drifts[0].columns.missing.size(), 1U);
  EXPECT_FALSE(drifts[0].sizeDelta().has_value());
  EXPECT_EQ(drifts[1].fqn(), "s.same");
  EXPECT_FALSE(drifts[1].columns.any());
  EXPECT_EQ(drifts[1].sizeDelta(), 50);
  EXPECT_EQ(drifts[2].fqn(), "s.unreadable");
  EXPECT_NE(drifts[2].error.find("destination lists no columns"), std::string::npos);
  EXPECT_FALSE(drifts[2].columns.any());
}

}  // namespace
}  // namespace clxs::analysis
