#include "plugins/analysis/catalog_monitor.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/analysis/table_comparison.hpp"

namespace clxs::analysis {
namespace {

class CatalogMonitorTest : public ::testing::Test {
 protected:
  // src.s.{orders, people} and dst.s.orders; each test adds its own dst.s.people.
  void SetUp() override {
    put("src", "orders",
        {testing::makeColumn("id"), testing::makeColumn("amount", "DECIMAL(10,2)")}, 5);
    put("dst", "orders",
        {testing::makeColumn("id"), testing::makeColumn("amount", "DECIMAL(10,2)")}, 5);
    put("src", "people", {testing::makeColumn("id"), testing::makeColumn("name", "STRING")}, 3);
    ws.onSql([this](std::string_view statement) {
      const auto it = counts.find(std::string(statement));
      if (it == counts.end()) {
        throw WorkspaceError(WorkspaceErrorClass::NotFound, "no such table");
      }
      ResultSet r;
      r.columns = {{"row_count", "BIGINT"}};
      r.rows = {{it->second}};
      return r;
    });
  }

  void put(const std::string& catalog, const std::string& name, std::vector<ColumnInfo> columns,
           std::int64_t rows) {
    TableInfo t;
    t.catalog = catalog;
    t.schema = "s";
    t.name = name;
    t.tableType = "MANAGED";
    t.columns = std::move(columns);
    ws.addTable(std::move(t));
    counts[rowCountSql(catalog, "s", name)] = rows;
  }

  Json check(bool drift, bool counts) {
    MonitorOptions o;
    o.checkDrift = drift;
    o.checkCounts = counts;
    return monitorCatalogs(ws, "src", "dst", o, at, CallOptions{});
  }

  clxs::testing::MemoryWorkspace ws;
  std::map<std::string, std::int64_t> counts;
  std::chrono::system_clock::time_point at =
      std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
};

TEST_F(CatalogMonitorTest, IdenticalCatalogsAreInSync) {
  put("dst", "people", {testing::makeColumn("id"), testing::makeColumn("name", "STRING")}, 3);
  const Json r = check(true, true);
  EXPECT_EQ(r["status"], "in_sync") << r.dump(2);
  EXPECT_EQ(r["in_sync"], true);
  EXPECT_EQ(r["checked_at"], "2027-01-15T08:00:00.000Z");
  EXPECT_EQ(r["issues"], Json::array());
  EXPECT_EQ(r["drift"]["tables_checked"], 2);
  EXPECT_EQ(r["count_mismatches"], Json::array());
  EXPECT_EQ(r["checks"], (Json{{"drift", true}, {"counts", true}}));
  EXPECT_EQ(r["diff"]["missing_in_dest"], 0);
}

TEST_F(CatalogMonitorTest, ReportsMissingTablesDriftAndCountMismatches) {
  put("src", "gone", {testing::makeColumn("id")}, 1);
  put("dst", "people",
      {testing::makeColumn("id"), testing::makeColumn("name", "STRING"),
       testing::makeColumn("extra")},
      4);
  const Json r = check(true, true);
  EXPECT_EQ(r["status"], "drift_detected") << r.dump(2);
  EXPECT_EQ(r["in_sync"], false);
  EXPECT_EQ(r["missing_tables"], Json::array({"s.gone"}));
  EXPECT_EQ(r["extra_tables"], Json::array());
  EXPECT_EQ(r["diff"]["missing_in_dest"], 1);
  ASSERT_EQ(r["drift"]["tables_with_drift"], 1);
  EXPECT_EQ(r["drift"]["tables"][0], (Json{{"table_fqn", "s.people"},
                                           {"added_columns", {"extra"}},
                                           {"removed_columns", Json::array()},
                                           {"modified_columns", Json::array()},
                                           {"order_changed", false}}));
  EXPECT_EQ(r["count_mismatches"],
            Json::array({Json{
                {"schema", "s"}, {"table", "people"}, {"source_count", 3}, {"dest_count", 4}}}));
  EXPECT_EQ(r["count_errors"], Json::array());  // the missing table is not counted again
  EXPECT_EQ(r["issues"].size(), 3U);
}

TEST_F(CatalogMonitorTest, SkippedChecksAreNullAndAnUncountableTableIsIncomplete) {
  put("dst", "people",
      {testing::makeColumn("id"), testing::makeColumn("name", "STRING"),
       testing::makeColumn("extra")},
      3);
  Json r = check(false, false);
  EXPECT_TRUE(r["drift"].is_null());
  EXPECT_TRUE(r["count_mismatches"].is_null());
  EXPECT_TRUE(r["count_errors"].is_null());
  EXPECT_EQ(r["status"], "in_sync") << "the drift was not looked for";

  counts.erase(rowCountSql("dst", "s", "orders"));
  r = check(false, true);
  EXPECT_EQ(r["status"], "incomplete") << r.dump(2);
  EXPECT_EQ(r["in_sync"], false);
  ASSERT_EQ(r["count_errors"].size(), 1U);
  EXPECT_EQ(r["count_errors"][0]["table"], "orders");
  EXPECT_NE(r["count_errors"][0]["error"].get<std::string>().find("Destination"),
            std::string::npos);
}

}  // namespace
}  // namespace clxs::analysis
