#include "plugins/clone/convert/convert_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::convert {
namespace {

ConvertOutcome outcome(const std::string& fqn, ConvertStatus status) {
  ConvertOutcome o;
  o.fqn = fqn;
  o.sourceFormat = "PARQUET";
  o.status = status;
  o.startedAt = "2026-05-02T10:00:00.000Z";
  o.completedAt = "2026-05-02T10:00:12.480Z";
  o.durationMs = 12480;
  if (status == ConvertStatus::Converted) o.statement = "CONVERT TO DELTA `x`";
  if (status == ConvertStatus::Failed) o.error = "USE CATALOG required";
  if (status == ConvertStatus::Skipped) o.reason = "Already a Delta table";
  return o;
}

BatchInfo batch(const std::string& id, bool dryRun = false) {
  BatchInfo b;
  b.operationId = id;
  b.userName = "viral";
  b.host = "local";
  b.dryRun = dryRun;
  return b;
}

std::vector<std::string> fqns(const std::vector<Json>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r["fqn"].get<std::string>());
  return out;
}

class ConvertStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(ConvertStore::migrations());
    store_.record(batch("op-1"),
                  {outcome("edp.bronze.a", ConvertStatus::Converted),
                   outcome("edp.bronze.b", ConvertStatus::Failed)},
                  "2026-05-02T10:00:13.000Z");
    store_.record(batch("op-2", true),
                  {outcome("edp.silver.c", ConvertStatus::Converted),
                   outcome("edp.bronze.a", ConvertStatus::Skipped)},
                  "2026-05-02T11:00:00.000Z");
  }

  std::vector<Json> history(HistoryFilter f = {}) { return store_.history(f); }

  clxs::testing::SqliteTestStore sqlite_;
  ConvertStore store_{sqlite_};
};

TEST_F(ConvertStoreTest, RowsComeNewestFirstInTheSpecShape) {
  const auto rows = history();
  EXPECT_EQ(fqns(rows), (std::vector<std::string>{"edp.bronze.a", "edp.silver.c", "edp.bronze.b",
                                                  "edp.bronze.a"}));
  EXPECT_EQ(rows[3], (Json{{"operation_id", "op-1"},
                           {"fqn", "edp.bronze.a"},
                           {"source_format", "PARQUET"},
                           {"status", "converted"},
                           {"started_at", "2026-05-02T10:00:00.000Z"},
                           {"completed_at", "2026-05-02T10:00:12.480Z"},
                           {"duration_ms", 12480},
                           {"user_name", "viral"},
                           {"host", "local"},
                           {"dry_run", false},
                           {"trigger", "manual"},
                           {"error_message", nullptr},
                           {"recorded_at", "2026-05-02T10:00:13.000Z"},
                           {"reason", nullptr},
                           {"sql", "CONVERT TO DELTA `x`"}}));
  EXPECT_EQ(rows[2]["error_message"], "USE CATALOG required");
  EXPECT_EQ(rows[0]["dry_run"], true);
  EXPECT_EQ(rows[0]["reason"], "Already a Delta table");
}

TEST_F(ConvertStoreTest, FiltersCombineAndLimitApplies) {
  HistoryFilter f;
  f.status = "converted";
  EXPECT_EQ(fqns(history(f)), (std::vector<std::string>{"edp.silver.c", "edp.bronze.a"}));
  f.dryRun = false;
  EXPECT_EQ(fqns(history(f)), (std::vector<std::string>{"edp.bronze.a"}));

  HistoryFilter like;
  like.fqnLike = "edp.bronze.%";
  EXPECT_EQ(history(like).size(), 3u);
  like.fqnLike = "EDP.SILVER.%";  // ASCII case is ignored, as Unity Catalog names are
  EXPECT_EQ(history(like).size(), 1u);
  like.fqnLike = "edp\\_bronze%";  // an escaped underscore matches only itself
  EXPECT_TRUE(history(like).empty());

  HistoryFilter op;
  op.operationId = "op-1";
  EXPECT_EQ(fqns(history(op)), (std::vector<std::string>{"edp.bronze.b", "edp.bronze.a"}));
  op.dryRun = true;
  EXPECT_TRUE(history(op).empty());

  HistoryFilter limited;
  limited.limit = 1;
  EXPECT_EQ(history(limited).size(), 1u);
}

TEST_F(ConvertStoreTest, OneRowPerOperationAndTable) {
  EXPECT_ANY_THROW(store_.record(batch("op-1"), {outcome("edp.bronze.a", ConvertStatus::Failed)},
                                 "2026-05-02T12:00:00.000Z"));
}

TEST(ConvertStoreMigrationTest, UsesTheConvertVersionRangeAndPrefix) {
  const auto m = ConvertStore::migrations();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_GE(m[0].version, 100);
  EXPECT_LT(m[0].version, 200);
  EXPECT_NE(m[0].sql.find("CREATE TABLE clone_convert_operations"), std::string::npos);
  clxs::testing::SqliteTestStore fresh;
  fresh.migrate(m);
  EXPECT_TRUE(ConvertStore(fresh).history({}).empty());
}

}  // namespace
}  // namespace clxs::clone::convert
