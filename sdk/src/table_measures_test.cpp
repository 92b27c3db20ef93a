#include "clxs/table_measures.hpp"

#include <gtest/gtest.h>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs {
namespace {

TableInfo measuredTable() {
  // Moved-in strings: GCC 12 -O3 warns (-Wrestrict, falsely) on assigning literals here.
  TableInfo t;
  t.catalog = std::string("c");
  t.schema = std::string("s");
  t.name = std::string("it's `odd`");
  return t;
}

TEST(TableMeasures, RowCountComesFromStatisticsWithoutAScan) {
  testing::MemoryWorkspace ws;
  auto t = measuredTable();
  t.rowCount = 42;
  const auto counted = rowCountOf(ws, t, {});
  EXPECT_EQ(counted.rows, 42);
  EXPECT_EQ(counted.source, "delta_statistics");
  EXPECT_TRUE(ws.statements().empty());
}

TEST(TableMeasures, RowCountWithoutStatisticsAsksTheEngine) {
  testing::MemoryWorkspace ws;
  ResultSet r;
  r.columns = {{"row_count", "BIGINT"}};
  r.rows = {{Json("7")}};
  ws.onSql("SELECT count(*) AS row_count FROM `c`.`s`.`it's ``odd```", r);
  const auto counted = rowCountOf(ws, measuredTable(), {});
  EXPECT_EQ(counted.rows, 7);
  EXPECT_EQ(counted.source, "count");
}

TEST(TableMeasures, NullCountsTakeOneQueryWithQuotedNames) {
  testing::MemoryWorkspace ws;
  ResultSet r;
  r.columns = {{"n", "BIGINT"}, {"a", "BIGINT"}, {"b", "BIGINT"}};
  r.rows = {{Json(10), Json(3), Json(0)}};
  ws.onSql(
      "SELECT count(*), count_if(`a%` IS NULL), count_if(`b``` IS NULL) FROM "
      "`c`.`s`.`it's ``odd```",
      r);
  const auto n = nullCountsOf(ws, measuredTable(), {"a%", "b`"}, {});
  EXPECT_EQ(n.rows, 10);
  ASSERT_EQ(n.columns.size(), 2U);
  EXPECT_EQ(n.columns[0].column, "a%");
  EXPECT_EQ(n.columns[0].nulls, 3);
  EXPECT_EQ(n.columns[1].nulls, 0);
  EXPECT_EQ(ws.statements().size(), 1U);
}

}  // namespace
}  // namespace clxs
