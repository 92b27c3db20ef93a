#include "plugins/clone/snapshot_store.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/clone_store.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone {
namespace {

class SnapshotStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(CloneStore::migrations()); }
  static Snapshot snapshot(const std::string& id, const std::string& catalog,
                           const std::string& at) {
    Snapshot s;
    s.snapshotId = id;
    s.name = "n-" + id;
    s.sourceCatalog = catalog;
    s.capturedAt = at;
    s.createdBy = "me";
    s.tables = {{"a", "t1", 4, 100}, {"b", "t2", 0, std::nullopt}};
    s.totalBytes = 100;
    return s;
  }
  clxs::testing::SqliteTestStore sqlite_;
  SnapshotStore store_{sqlite_};
};

TEST_F(SnapshotStoreTest, SavesListsNewestFirstAndDeletes) {
  store_.save(snapshot("1", "Prod", "2026-11-27T00:00:00Z"));
  store_.save(snapshot("2", "dev", "2026-11-27T01:00:00Z"));
  const auto all = store_.list("");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].snapshotId, "2");
  EXPECT_EQ(summaryJson(all[1])["table_count"], 2);
  EXPECT_FALSE(summaryJson(all[1]).contains("tables"));
  const auto prod = store_.list("prod");
  ASSERT_EQ(prod.size(), 1u);
  EXPECT_EQ(prod[0].sourceCatalog, "Prod");

  const auto one = store_.get("1");
  ASSERT_TRUE(one);
  const auto detail = detailJson(*one);
  ASSERT_EQ(detail["tables"].size(), 2u);
  EXPECT_EQ(detail["tables"][0],
            (Json{{"schema", "a"}, {"table", "t1"}, {"version", 4}, {"size_bytes", 100}}));
  EXPECT_TRUE(detail["tables"][1]["size_bytes"].is_null());
  EXPECT_EQ(detail["total_bytes"], 100);

  EXPECT_TRUE(store_.remove("1"));
  EXPECT_FALSE(store_.remove("1"));
  EXPECT_FALSE(store_.get("1"));
}

}  // namespace
}  // namespace clxs::clone
