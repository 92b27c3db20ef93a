#include "plugins/clone/sync_state_store.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/clone_store.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone {
namespace {

TEST(SyncStateStore, RecordsArePerPairOfCatalogsAndCaseInsensitive) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(CloneStore::migrations());
  SyncStateStore store(sqlite);
  store.save("Src", "Dst", "Sales.Orders", {4, 2, "t1", "job-1"});
  store.save("src", "other", "sales.orders", {9, std::nullopt, "t2", ""});
  auto records = store.records("SRC", "dst");
  ASSERT_EQ(records.size(), 1u);
  const auto& r = records.at("sales.orders");
  EXPECT_EQ(r.sourceVersion, 4);
  EXPECT_EQ(r.destinationVersion, 2);
  EXPECT_EQ(r.jobId, "job-1");
  // Saving again replaces.
  store.save("src", "dst", "sales.orders", {5, 3, "t3", "job-2"});
  EXPECT_EQ(store.records("src", "dst").at("sales.orders").sourceVersion, 5);
  EXPECT_FALSE(store.records("src", "other").at("sales.orders").destinationVersion);
  store.forget("src", "dst", "SALES.orders");
  EXPECT_TRUE(store.records("src", "dst").empty());
}

}  // namespace
}  // namespace clxs::clone
