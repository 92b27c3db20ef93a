#include "clxs/delta_history.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs {
namespace {

HistoryEntry commit(std::int64_t version, const std::string& at, const std::string& operation) {
  return {version, at, "me", operation, Json::object(), Json::object()};
}

TEST(DeltaHistory, OnlyCommitsThatChangeRowsAreDataCommits) {
  for (const char* op : {"WRITE", "MERGE", "UPDATE", "DELETE", "STREAMING UPDATE",
                         "CREATE TABLE AS SELECT", "COPY INTO", "TRUNCATE", "CLONE", "restore"})
    EXPECT_TRUE(isDataOperation(op)) << op;
  for (const char* op : {"CREATE TABLE", "SET TBLPROPERTIES", "CHANGE COLUMN", "OPTIMIZE",
                         "VACUUM START", "VACUUM END", "REORG", "ADD COLUMNS", "SET TAGS", ""})
    EXPECT_FALSE(isDataOperation(op)) << op;
}

TEST(DeltaHistory, TheNewestDataCommitSkipsMetadataCommitsAndUnreadableTimes) {
  const std::vector<HistoryEntry> history{
      commit(4, "2026-12-07T11:00:00Z", "SET TBLPROPERTIES"), commit(3, "not a time", "WRITE"),
      commit(2, "2026-12-06T10:00:00Z", "MERGE"), commit(1, "2026-12-05T10:00:00Z", "WRITE")};
  const auto* newest = newestDataCommit(history);
  ASSERT_NE(newest, nullptr);
  EXPECT_EQ(newest->version, 2);
  EXPECT_EQ(newestDataCommit({commit(0, "2026-12-05T10:00:00Z", "CREATE TABLE")}), nullptr);
  EXPECT_EQ(newestDataCommit({}), nullptr);
}

TEST(DeltaHistory, AddingOrAlteringIsAdditiveRemovingOrReplacingBreaks) {
  EXPECT_EQ(schemaChangeKind("ADD COLUMNS"), SchemaChangeKind::Additive);
  EXPECT_EQ(schemaChangeKind("change column"), SchemaChangeKind::Additive);
  EXPECT_EQ(schemaChangeKind("DROP COLUMNS"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("RENAME COLUMN"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("CREATE OR REPLACE TABLE"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("WRITE"), SchemaChangeKind::None);
  EXPECT_EQ(schemaChangeKind("SET TBLPROPERTIES"), SchemaChangeKind::None);
}

TEST(DeltaHistory, OnlyTheWindowCountsSchemaChanges) {
  const auto now = *parseIsoUtc("2026-12-31T00:00:00Z");
  const std::vector<HistoryEntry> history{commit(5, "2026-12-30T00:00:00Z", "DROP COLUMNS"),
                                          commit(4, "2026-12-29T00:00:00Z", "ADD COLUMNS"),
                                          commit(3, "2026-12-28T00:00:00Z", "WRITE"),
                                          commit(2, "not a time", "RENAME COLUMN"),
                                          commit(1, "2026-10-01T00:00:00Z", "REPLACE COLUMNS")};
  const auto c = schemaChangesOf(history, now, 30);
  EXPECT_EQ(c.breaking, 1);
  EXPECT_EQ(c.additive, 1);
  EXPECT_EQ(c.total(), 2);
  EXPECT_EQ(c.commitsInWindow, 3);
}

TEST(DeltaHistory, CreatingTheTableIsNoSchemaChange) {
  const auto now = *parseIsoUtc("2026-12-31T00:00:00Z");
  const auto c =
      schemaChangesOf({commit(0, "2026-12-30T00:00:00Z", "CREATE OR REPLACE TABLE")}, now, 30);
  EXPECT_EQ(c.total(), 0);
  EXPECT_EQ(c.commitsInWindow, 1);
}

}  // namespace
}  // namespace clxs
