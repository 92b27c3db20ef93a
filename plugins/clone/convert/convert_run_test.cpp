#include "plugins/clone/convert/convert_run.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::clone::convert {
namespace {

using clxs::testing::MemoryWorkspace;

TableInfo formatTable(const std::string& name, const std::string& type, const std::string& format,
                      const std::string& catalog = "prod", const std::string& schema = "bronze") {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.tableType = type;
  t.format = format;
  return t;
}

// DESCRIBE TABLE's answer for columns (name, type) partitioned by `partitions`.
ResultSet describe(const std::vector<std::pair<std::string, std::string>>& columns,
                   const std::vector<std::pair<std::string, std::string>>& partitions) {
  ResultSet r;
  r.columns = {{"col_name", "STRING"}, {"data_type", "STRING"}, {"comment", "STRING"}};
  for (const auto& [n, t] : columns) r.rows.push_back({n, t, nullptr});
  if (partitions.empty()) return r;
  r.rows.push_back({"# Partition Information", "", ""});
  r.rows.push_back({"# col_name", "data_type", "comment"});
  for (const auto& [n, t] : partitions) r.rows.push_back({n, t, nullptr});
  return r;
}

ConvertTarget target(std::vector<std::string> parts) {
  ConvertTarget t;
  t.fqn = displayName(parts);
  t.parts = std::move(parts);
  return t;
}

ConvertRequest request(std::vector<ConvertTarget> targets, bool dryRun = false) {
  ConvertRequest r;
  r.targets = std::move(targets);
  r.confirmDestructive = !dryRun;
  r.dryRun = dryRun;
  return r;
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::vector<std::string> converts(const MemoryWorkspace& ws) {
  std::vector<std::string> out;
  for (const auto& s : ws.statements()) {
    if (startsWith(s, "CONVERT")) out.push_back(s);
  }
  return out;
}

TEST(ConvertDecisionTest, OnlyParquetAndIcebergTablesConvert) {
  EXPECT_TRUE(decide(formatTable("t", "EXTERNAL", "PARQUET")).convert);
  EXPECT_TRUE(decide(formatTable("t", "MANAGED", "iceberg")).convert);
  for (const auto& t :
       {formatTable("t", "MANAGED", "DELTA"), formatTable("t", "VIEW", ""),
        formatTable("t", "VIEW", "DELTA"), formatTable("t", "MATERIALIZED_VIEW", "DELTA"),
        formatTable("t", "STREAMING_TABLE", "DELTA"),
        formatTable("t", "STREAMING_TABLE", "PARQUET"), formatTable("t", "EXTERNAL", "CSV"),
        formatTable("t", "EXTERNAL", "")}) {
    const auto d = decide(t);
    EXPECT_FALSE(d.convert) << t.tableType << " " << t.format;
    EXPECT_FALSE(d.skipReason.empty());
  }
  EXPECT_EQ(decide(formatTable("t", "MANAGED", "DELTA")).skipReason, "Already a Delta table");
}

TEST(ConvertStatementTest, PartitionColumnsComeFromTheDescribeSection) {
  const auto parts = partitionColumns(
      describe({{"id", "int"}, {"p", "string"}, {"d", "date"}}, {{"p", "string"}, {"d", "date"}}));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "p");
  EXPECT_EQ(parts[1].type, "date");
  EXPECT_TRUE(partitionColumns(describe({{"id", "int"}}, {})).empty());
  // Sections after the partition list (Databricks prints a blank row, then details).
  auto withDetail = describe({{"id", "int"}, {"p", "string"}}, {{"p", "string"}});
  withDetail.rows.push_back({"", "", ""});
  withDetail.rows.push_back({"# Detailed Table Information", "", ""});
  withDetail.rows.push_back({"Catalog", "prod", ""});
  EXPECT_EQ(partitionColumns(withDetail).size(), 1u);
}

TEST(ConvertStatementTest, QuotesEveryNameAndStatesParquetPartitions) {
  EXPECT_EQ(convertStatement({"prod", "bronze", "events"}, "PARQUET", {}),
            "CONVERT TO DELTA `prod`.`bronze`.`events`");
  EXPECT_EQ(convertStatement({"c", "s", "we`ird; t"}, "PARQUET",
                             {{"p`q", "string"}, {"amount", "decimal(10,2)"}}),
            "CONVERT TO DELTA `c`.`s`.`we``ird; t` PARTITIONED BY (`p``q` STRING, `amount` "
            "DECIMAL(10,2))");
  // Iceberg tables carry their partitioning; Databricks refuses the clause for them.
  EXPECT_EQ(convertStatement({"c", "s", "t"}, "ICEBERG", {{"p", "string"}}),
            "CONVERT TO DELTA `c`.`s`.`t`");
  EXPECT_THROW((void)convertStatement({"c", "s", "t"}, "PARQUET", {{"p", "string); DROP x"}}),
               HttpError);
}

class ConvertRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.addTable(formatTable("events", "EXTERNAL", "PARQUET"));
    ws.addTable(formatTable("flat", "MANAGED", "PARQUET"));
    ws.addTable(formatTable("ice", "MANAGED", "ICEBERG"));
    ws.addTable(formatTable("users", "MANAGED", "DELTA"));
    ws.addTable(formatTable("v_users", "VIEW", ""));
    ws.addTable(formatTable("live", "STREAMING_TABLE", "DELTA"));
    ws.addTable(formatTable("raw_csv", "EXTERNAL", "CSV"));
    ws.onSql([](std::string_view sql) -> ResultSet {
      if (sql == "DESCRIBE TABLE `prod`.`bronze`.`events`") {
        return describe({{"id", "int"}, {"p", "string"}}, {{"p", "string"}});
      }
      if (startsWith(std::string(sql), "DESCRIBE")) return describe({{"id", "int"}}, {});
      if (sql == "CONVERT TO DELTA `prod`.`bronze`.`flat`") {
        throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "MODIFY required");
      }
      return {};
    });
  }

  std::vector<ConvertOutcome> run(const ConvertRequest& r) {
    ConvertRun runner(ws, clock, {});
    return runner.run(r);
  }

  MemoryWorkspace ws;
  clxs::testing::ManualClock clock;
};

TEST_F(ConvertRunTest, ConvertsParquetWithItsPartitionsAndIceberg) {
  const auto out =
      run(request({target({"prod", "bronze", "events"}), target({"prod", "bronze", "ICE"})}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].status, ConvertStatus::Converted);
  EXPECT_EQ(out[0].sourceFormat, "PARQUET");
  EXPECT_EQ(out[0].statement,
            "CONVERT TO DELTA `prod`.`bronze`.`events` PARTITIONED BY (`p` STRING)");
  EXPECT_TRUE(out[0].error.empty());
  EXPECT_FALSE(out[0].startedAt.empty());
  EXPECT_FALSE(out[0].completedAt.empty());
  // Table names match whatever their case; the statement uses the caller's spelling.
  EXPECT_EQ(out[1].status, ConvertStatus::Converted);
  EXPECT_EQ(out[1].sourceFormat, "ICEBERG");
  EXPECT_EQ(out[1].catalog, "prod");
  EXPECT_EQ(converts(ws),
            (std::vector<std::string>{
                "CONVERT TO DELTA `prod`.`bronze`.`events` PARTITIONED BY (`p` STRING)",
                "CONVERT TO DELTA `prod`.`bronze`.`ICE`"}));
}

TEST_F(ConvertRunTest, SkipsWithoutRunningAnySql) {
  const auto out =
      run(request({target({"prod", "bronze", "users"}), target({"prod", "bronze", "v_users"}),
                   target({"prod", "bronze", "live"}), target({"prod", "bronze", "raw_csv"})}));
  for (const auto& o : out) {
    EXPECT_EQ(o.status, ConvertStatus::Skipped) << o.fqn;
    EXPECT_FALSE(o.reason.empty()) << o.fqn;
    EXPECT_TRUE(o.statement.empty()) << o.fqn;
  }
  EXPECT_EQ(out[0].sourceFormat, "DELTA");
  EXPECT_EQ(out[3].sourceFormat, "CSV");
  EXPECT_TRUE(ws.statements().empty());
  // One listing serves every target of the schema.
  EXPECT_EQ(ws.calls().size(), 1u);
}

TEST_F(ConvertRunTest, TheWorkspaceFormatDecidesNotTheDeclaredOne) {
  auto t = target({"prod", "bronze", "users"});
  t.declaredFormat = "PARQUET";
  const auto out = run(request({t}));
  EXPECT_EQ(out[0].status, ConvertStatus::Skipped);
  EXPECT_EQ(out[0].sourceFormat, "DELTA");
}

TEST_F(ConvertRunTest, FailuresStayWithTheirTarget) {
  auto missing = target({"prod", "bronze", "nope"});
  missing.declaredFormat = "PARQUET";
  const auto out =
      run(request({missing, target({"prod", "nowhere", "t"}), target({"prod", "bronze", "flat"}),
                   target({"prod", "bronze", "events"})}));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].status, ConvertStatus::Failed);
  EXPECT_EQ(out[0].sourceFormat, "PARQUET");
  EXPECT_NE(out[0].error.find("prod.bronze.nope does not exist"), std::string::npos);
  EXPECT_EQ(out[1].status, ConvertStatus::Failed);
  EXPECT_NE(out[1].error.find("prod.nowhere.t does not exist"), std::string::npos);
  EXPECT_EQ(out[2].status, ConvertStatus::Failed);
  EXPECT_EQ(out[2].error, "MODIFY required");
  EXPECT_EQ(out[2].statement, "CONVERT TO DELTA `prod`.`bronze`.`flat`");
  EXPECT_EQ(out[3].status, ConvertStatus::Converted);
}

TEST_F(ConvertRunTest, ADryRunReportsTheStatementsAndRunsNone) {
  const auto out = run(
      request({target({"prod", "bronze", "events"}), target({"prod", "bronze", "users"})}, true));
  EXPECT_EQ(out[0].status, ConvertStatus::Converted);
  EXPECT_EQ(out[0].statement,
            "CONVERT TO DELTA `prod`.`bronze`.`events` PARTITIONED BY (`p` STRING)");
  EXPECT_EQ(out[1].status, ConvertStatus::Skipped);
  EXPECT_TRUE(converts(ws).empty());
}

TEST_F(ConvertRunTest, DurationsComeFromTheClock) {
  ws.onSql([this](std::string_view) -> ResultSet {
    clock.advance(std::chrono::milliseconds(1500));
    return {};
  });
  const auto out = run(request({target({"prod", "bronze", "ice"})}));
  EXPECT_EQ(out[0].durationMs, 1500);
  EXPECT_NE(out[0].startedAt, out[0].completedAt);
}

TEST(ConvertSummaryTest, CountsEachStatusInTheSpecShape) {
  ConvertOutcome a;
  a.fqn = "c.s.a";
  a.sourceFormat = "PARQUET";
  a.status = ConvertStatus::Converted;
  a.statement = "CONVERT TO DELTA `c`.`s`.`a`";
  a.durationMs = 12;
  ConvertOutcome b;
  b.fqn = "c.s.b";
  b.status = ConvertStatus::Failed;
  b.error = "boom";
  ConvertOutcome c;
  c.fqn = "c.s.c";
  c.sourceFormat = "DELTA";
  c.status = ConvertStatus::Skipped;
  c.reason = "Already a Delta table";
  const auto j = summaryJson("op-1", false, {a, b, c});
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(j["converted"], 1);
  EXPECT_EQ(j["failed"], 1);
  EXPECT_EQ(j["skipped"], 1);
  EXPECT_EQ(j["operation_id"], "op-1");
  EXPECT_EQ(j["dry_run"], false);
  EXPECT_EQ(j["results"][0], (Json{{"fqn", "c.s.a"},
                                   {"source_format", "PARQUET"},
                                   {"status", "converted"},
                                   {"duration_ms", 12},
                                   {"error", nullptr},
                                   {"reason", nullptr},
                                   {"sql", "CONVERT TO DELTA `c`.`s`.`a`"}}));
  EXPECT_TRUE(j["results"][1]["source_format"].is_null());
  EXPECT_EQ(j["results"][1]["error"], "boom");
  EXPECT_EQ(j["results"][2]["reason"], "Already a Delta table");
}

}  // namespace
}  // namespace clxs::clone::convert
