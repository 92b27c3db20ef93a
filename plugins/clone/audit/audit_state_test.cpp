#include "plugins/clone/audit/audit_state.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

TEST(AuditState, TablesAreCreatedOnceAndTargetsAreRememberedPerHostCatalogAndSchema) {
  clxs::testing::SqliteTestStore store;
  ensureAuditState(store);
  ensureAuditState(store);  // a restart
  EXPECT_TRUE(targets(store).empty());
  saveTarget(store, {"audit", "logs", "wh-1", "local"}, "2026-11-27T10:00:00.000Z");
  saveTarget(store, {"audit", "logs", "wh-2", "local"}, "2026-11-27T11:00:00.000Z");
  saveTarget(store, {"a`b", "lo gs", "", "https://x"}, "2026-11-27T12:00:00.000Z");
  const auto all = targets(store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].catalog, "audit");
  EXPECT_EQ(all[0].warehouseId, "wh-2");  // re-initialising replaces
  EXPECT_EQ(all[1].catalog, "a`b");
  EXPECT_EQ(all[1].schema, "lo gs");
  EXPECT_EQ(all[1].workspaceHost, "https://x");
}

TEST(AuditState, TheReadMarkerOnlyMovesForward) {
  clxs::testing::SqliteTestStore store;
  ensureAuditState(store);
  EXPECT_EQ(readMarker(store), "");
  advanceReadMarker(store, "2026-11-27T10:00:00.000Z");
  EXPECT_EQ(readMarker(store), "2026-11-27T10:00:00.000Z");
  advanceReadMarker(store, "2026-11-27T09:00:00.000Z");
  EXPECT_EQ(readMarker(store), "2026-11-27T10:00:00.000Z");
  advanceReadMarker(store, "");
  EXPECT_EQ(readMarker(store), "2026-11-27T10:00:00.000Z");
  advanceReadMarker(store, "2026-11-27T11:00:00.000Z");
  EXPECT_EQ(readMarker(store), "2026-11-27T11:00:00.000Z");
}

}  // namespace
}  // namespace clxs::clone::audit
