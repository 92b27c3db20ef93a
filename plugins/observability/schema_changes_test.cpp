#include "plugins/observability/schema_changes.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

HistoryEntry commit(std::int64_t version, const std::string& at, const std::string& operation) {
  return {version, at, "me", operation, Json::object(), Json::object()};
}

TEST(SchemaChanges, AddingOrAlteringIsAdditiveRemovingOrReplacingBreaks) {
  EXPECT_EQ(schemaChangeKind("ADD COLUMNS"), SchemaChangeKind::Additive);
  EXPECT_EQ(schemaChangeKind("change column"), SchemaChangeKind::Additive);
  EXPECT_EQ(schemaChangeKind("DROP COLUMNS"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("RENAME COLUMN"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("CREATE OR REPLACE TABLE"), SchemaChangeKind::Breaking);
  EXPECT_EQ(schemaChangeKind("WRITE"), SchemaChangeKind::None);
  EXPECT_EQ(schemaChangeKind("SET TBLPROPERTIES"), SchemaChangeKind::None);
}

TEST(SchemaChanges, OnlyTheWindowCounts) {
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

TEST(SchemaChanges, CreatingTheTableIsNoChange) {
  const auto now = *parseIsoUtc("2026-12-31T00:00:00Z");
  const auto c =
      schemaChangesOf({commit(0, "2026-12-30T00:00:00Z", "CREATE OR REPLACE TABLE")}, now, 30);
  EXPECT_EQ(c.total(), 0);
  EXPECT_EQ(c.commitsInWindow, 1);
}

}  // namespace
}  // namespace clxs::observability
