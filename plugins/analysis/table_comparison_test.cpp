#include "plugins/analysis/table_comparison.hpp"

#include <gtest/gtest.h>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::analysis {
namespace {

TableInfo salesTable(const std::string& catalog, const std::string& name,
                     std::vector<ColumnInfo> columns = {{"id", "BIGINT", false, ""},
                                                        {"name", "STRING", true, ""}}) {
  TableInfo t;
  t.catalog = catalog;
  t.schema = "sales";
  t.name = name;
  t.tableType = "MANAGED";
  t.columns = std::move(columns);
  return t;
}

ResultSet countResult(Json n) {
  ResultSet r;
  r.columns = {{"row_count", "BIGINT"}};
  r.rows = {{std::move(n)}};
  return r;
}

ResultSet checksumResult(Json n, Json hi, Json lo) {
  ResultSet r;
  r.columns = {{"row_count", "BIGINT"}, {"hash_hi", "DECIMAL(38,0)"}, {"hash_lo", "DECIMAL(38,0)"}};
  r.rows = {{std::move(n), std::move(hi), std::move(lo)}};
  return r;
}

// A workspace whose every statement fails with `c`.
std::unique_ptr<testing::MemoryWorkspace> failingWorkspace(WorkspaceErrorClass c) {
  auto ws = std::make_unique<testing::MemoryWorkspace>("me");
  ws->onSql([c](std::string_view) -> ResultSet { throw WorkspaceError(c, "statement failed"); });
  return ws;
}

TEST(RowCountSql, QuotesEveryPart) {
  EXPECT_EQ(rowCountSql("a`b", "c;d", "e'f"),
            "SELECT COUNT(*) AS row_count FROM `a``b`.`c;d`.`e'f`");
}

TEST(ChecksumSql, EncodesNullsLengthsAndBinaryAndSumsTwoSlices) {
  const auto sql = checksumSql(
      "c", "s", "t",
      {{"id", "BIGINT", false, ""}, {"we`ird", "STRING", true, ""}, {"blob", "binary", true, ""}});
  EXPECT_NE(sql.find("FROM `c`.`s`.`t`"), std::string::npos) << sql;
  EXPECT_NE(sql.find("CASE WHEN `id` IS NULL THEN 'N' ELSE concat('V', CAST(length(CAST(`id` AS "
                     "STRING)) AS STRING), ':', CAST(`id` AS STRING)) END"),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find("CASE WHEN `we``ird` IS NULL"), std::string::npos) << sql;
  EXPECT_NE(sql.find("hex(`blob`)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("md5(concat("), std::string::npos) << sql;
  EXPECT_NE(sql.find("substring(h, 1, 1)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("substring(h, 16, 1)"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("substring(h, 17, 1)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("* 268435456L"), std::string::npos) << sql;
  EXPECT_NE(sql.find("SUM(CAST(hi AS DECIMAL(38,0))) AS hash_hi"), std::string::npos) << sql;
  EXPECT_NE(sql.find("SUM(CAST(lo AS DECIMAL(38,0))) AS hash_lo"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("conv("), std::string::npos) << sql;
}

TEST(DescribeColumnDifference, EmptyWhenNamesTypesAndOrderAgree) {
  EXPECT_EQ(describeColumnDifference({{"a", "DECIMAL(10, 2)", true, ""}},
                                     {{"a", "decimal(10,2)", false, "other comment"}}),
            "");
}

TEST(DescribeColumnDifference, NamesMissingExtraRetypedAndReorderedColumns) {
  const std::vector<ColumnInfo> src{{"a", "INT", true, ""}, {"b", "STRING", true, ""}};
  EXPECT_EQ(describeColumnDifference(src, {{"a", "INT", true, ""}}),
            "Destination lacks columns b.");
  EXPECT_EQ(describeColumnDifference(
                src, {{"a", "INT", true, ""}, {"b", "STRING", true, ""}, {"c", "INT", true, ""}}),
            "Destination has extra columns c.");
  EXPECT_EQ(describeColumnDifference(src, {{"a", "BIGINT", true, ""}, {"b", "STRING", true, ""}}),
            "Column a is INT in the source but BIGINT in the destination.");
  EXPECT_EQ(describeColumnDifference(src, {{"b", "STRING", true, ""}, {"a", "INT", true, ""}}),
            "Columns are in a different order.");
}

class CompareTablesTest : public ::testing::Test {
 protected:
  TablePair pair(bool withDestination = true) {
    TablePair p;
    p.source = salesTable("src", "orders");
    if (withDestination) p.destination = salesTable("dst", "orders");
    p.destinationCatalog = "dst";
    return p;
  }
  TableComparison compare(const TablePair& p, bool checksum) {
    return compareTables(ws, ws, p, ComparisonOptions{checksum}, CallOptions{});
  }
  std::string checksumOf(const std::string& catalog) {
    const auto t = salesTable(catalog, "orders");
    return checksumSql(catalog, "sales", "orders", t.columns);
  }

  testing::MemoryWorkspace ws{"me"};
};

TEST_F(CompareTablesTest, EqualCountsMatchWithoutChecksum) {
  ws.onSql(rowCountSql("src", "sales", "orders"), countResult(5));
  ws.onSql(rowCountSql("dst", "sales", "orders"), countResult("5"));  // warehouses send text
  const auto r = compare(pair(), false);
  EXPECT_TRUE(r.match);
  EXPECT_EQ(r.sourceCount, 5);
  EXPECT_EQ(r.destCount, 5);
  EXPECT_FALSE(r.checksumMatch.has_value());
  EXPECT_TRUE(r.error.empty());
  const Json j = r.toJson();
  EXPECT_EQ(j, (Json{{"schema", "sales"},
                     {"table", "orders"},
                     {"source_count", 5},
                     {"dest_count", 5},
                     {"match", true},
                     {"checksum_match", nullptr},
                     {"error", nullptr}}));
}

TEST_F(CompareTablesTest, DifferentCountsMismatchAndLeaveTheChecksumOpen) {
  ws.onSql(checksumOf("src"), checksumResult(5, "10", "20"));
  ws.onSql(checksumOf("dst"), checksumResult(4, "10", "20"));
  const auto r = compare(pair(), true);
  EXPECT_FALSE(r.match);
  EXPECT_FALSE(r.checksumMatch.has_value());
  EXPECT_EQ(r.columnsMatch, true);
  EXPECT_TRUE(r.error.empty());
}

TEST_F(CompareTablesTest, EqualChecksumsMatch) {
  ws.onSql(checksumOf("src"), checksumResult(5, "123456789012", 42));
  ws.onSql(checksumOf("dst"), checksumResult("5", "123456789012", "42"));
  const auto r = compare(pair(), true);
  EXPECT_TRUE(r.match);
  EXPECT_EQ(r.checksumMatch, true);
  const Json j = r.toJson();
  EXPECT_EQ(j["columns_match"], true);
  EXPECT_TRUE(j["column_difference"].is_null());
}

TEST_F(CompareTablesTest, SameCountDifferentChecksumIsAMismatchNotAnError) {
  ws.onSql(checksumOf("src"), checksumResult(5, "100", "200"));
  ws.onSql(checksumOf("dst"), checksumResult(5, "100", "201"));
  const auto r = compare(pair(), true);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.checksumMatch, false);
  EXPECT_TRUE(r.error.empty());
}

TEST_F(CompareTablesTest, DifferentColumnsFailTheChecksumWithoutRunningIt) {
  TablePair p = pair();
  p.destination->columns.pop_back();
  ws.onSql(rowCountSql("src", "sales", "orders"), countResult(5));
  ws.onSql(rowCountSql("dst", "sales", "orders"), countResult(5));
  const auto r = compare(p, true);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.checksumMatch, false);
  EXPECT_EQ(r.columnsMatch, false);
  EXPECT_EQ(r.columnDifference, "Destination lacks columns name.");
  EXPECT_EQ(r.sourceCount, 5);
}

TEST_F(CompareTablesTest, AMissingDestinationIsAnErrorNamingIt) {
  ws.onSql(rowCountSql("src", "sales", "orders"), countResult(5));
  TablePair p = pair(false);
  p.missingReason = "schema `dst`.`sales` does not exist";
  const auto r = compare(p, true);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.sourceCount, 5);
  EXPECT_FALSE(r.destCount.has_value());
  EXPECT_EQ(r.error,
            "Table `dst`.`sales`.`orders` does not exist in the destination (schema "
            "`dst`.`sales` does not exist).");
}

TEST_F(CompareTablesTest, AFailingStatementIsAnErrorForThatTableOnly) {
  ws.onSql(rowCountSql("src", "sales", "orders"), countResult(5));
  const auto r = compare(pair(), false);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.sourceCount, 5);
  EXPECT_EQ(r.error.rfind("Destination: ", 0), 0U) << r.error;
}

TEST(CompareTables, DeadlinesAndCancellationAreNotSwallowed) {
  for (auto c : {WorkspaceErrorClass::Timeout, WorkspaceErrorClass::Cancelled}) {
    auto failing = failingWorkspace(c);
    auto& ws = *failing;
    TablePair p;
    p.source = salesTable("src", "t");
    p.destination = salesTable("dst", "t");
    EXPECT_THROW(compareTables(ws, ws, p, ComparisonOptions{}, CallOptions{}), WorkspaceError);
  }
  auto deniedWs = failingWorkspace(WorkspaceErrorClass::PermissionDenied);
  auto& denied = *deniedWs;
  TablePair p;
  p.source = salesTable("src", "t");
  p.destination = salesTable("dst", "t");
  const auto r = compareTables(denied, denied, p, ComparisonOptions{}, CallOptions{});
  EXPECT_EQ(r.error, "Source: statement failed");
}

}  // namespace
}  // namespace clxs::analysis
