#include "plugins/governance/certification_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

Certification certStoredPending(const std::string& id) {
  Certification c;
  c.certId = id;
  c.tableFqn = "shop.sales.orders";
  c.status = "pending";
  c.certifier = "lead@example.com";
  c.notes = "it's ready";
  c.requestedBy = "ana@example.com";
  c.requestedAt = c.updatedAt = "2026-12-01T10:00:00.000Z";
  return c;
}

TEST(GovernanceCertificationsStore, OnlyTheLifecycleTransitionsAreAllowed) {
  EXPECT_TRUE(certificationMayMove("pending", "certified"));
  EXPECT_TRUE(certificationMayMove("pending", "rejected"));
  EXPECT_TRUE(certificationMayMove("certified", "expired"));
  EXPECT_TRUE(certificationMayMove("certified", "revoked"));
  EXPECT_FALSE(certificationMayMove("pending", "expired"));
  EXPECT_FALSE(certificationMayMove("pending", "revoked"));
  EXPECT_FALSE(certificationMayMove("certified", "rejected"));
  for (const char* final : {"rejected", "expired", "revoked"}) {
    for (const char* to : {"pending", "certified", "rejected", "expired", "revoked"})
      EXPECT_FALSE(certificationMayMove(final, to)) << final << " → " << to;
  }
}

TEST(GovernanceCertificationsStore, TransitionsUpdateInPlaceAndKeepEveryStep) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(CertificationStore::migrations());
  CertificationStore store(sqlite);
  const auto pending = certStoredPending("c1");
  ASSERT_TRUE(
      store.insert(pending, {"pending", "create", "ana@example.com", "", pending.requestedAt}));
  EXPECT_EQ(store.openFor("SHOP.sales.ORDERS")->certId, "c1");
  auto twin = certStoredPending("c2");
  twin.tableFqn = "Shop.Sales.Orders";
  EXPECT_FALSE(store.insert(twin, {"pending", "create", "bob", "", twin.requestedAt}))
      << "one open certification per table";

  auto certified = pending;
  certified.reviewedBy = "lead@example.com";
  certified.certifiedAt = "2026-12-02T10:00:00.000Z";
  certified.expiresAt = "2026-12-03T00:00:00.000Z";
  ASSERT_TRUE(
      store.move(pending, certified,
                 {"certified", "approve", "lead@example.com", "ok", certified.certifiedAt}));
  // A second reviewer working from the pending row loses: the status moved meanwhile.
  EXPECT_FALSE(store.move(pending, certified, {"rejected", "reject", "bob", "", "2026-12-02"}));

  const auto read = store.find("c1");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, "certified");
  EXPECT_EQ(read->notes, "it's ready");
  EXPECT_EQ(store.list("", "").size(), 1U) << "updated in place, never re-inserted";
  EXPECT_EQ(store.list("shop.sales.orders", "certified").size(), 1U);
  EXPECT_TRUE(store.list("", "pending").empty());
  EXPECT_TRUE(store.dueToExpire("2026-12-02T23:59:59.999Z").empty());
  ASSERT_EQ(store.dueToExpire("2026-12-03T00:00:00.000Z").size(), 1U);

  const auto steps = store.history("c1");
  ASSERT_EQ(steps.size(), 2U);
  EXPECT_EQ(steps[0]["from_status"], nullptr);
  EXPECT_EQ(steps[0]["to_status"], "pending");
  EXPECT_EQ(steps[1]["from_status"], "pending");
  EXPECT_EQ(steps[1]["to_status"], "certified");
  EXPECT_EQ(steps[1]["actor"], "lead@example.com");
  EXPECT_EQ(steps[1]["action"], "approve");
}

}  // namespace
}  // namespace clxs::governance
