#include "plugins/governance/certification_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_scheduler.hpp"

namespace clxs::governance {
namespace {

// A store, a clock, a workspace with one table, and the service over them.
struct CertFixture {
  CertFixture() {
    sqlite.migrate(ChangeHistory::migrations());
    sqlite.migrate(CertificationStore::migrations());
    history = std::make_shared<ChangeHistory>(sqlite);
    deps.store = &sqlite;
    deps.history = history;
    deps.clock = &clock;
    TableInfo t;
    t.catalog = std::string("shop");
    t.schema = std::string("sales");
    t.name = std::string("orders");
    t.tableType = std::string("MANAGED");
    ws->addTable(t);
    // Tag statements are accepted and recorded.
    ws->onSql([](std::string_view) { return ResultSet{}; });
    service = std::make_shared<CertificationService>(deps, [this] { return ws; });
  }
  std::string inDays(int days) const {
    return isoUtc(clock.now() + std::chrono::days(days)).substr(0, 10);
  }
  clxs::testing::SqliteTestStore sqlite;
  clxs::testing::ManualClock clock;
  std::shared_ptr<ChangeHistory> history;
  GovernanceDeps deps;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws =
      std::make_shared<clxs::testing::MemoryWorkspace>("ana@example.com");
  std::shared_ptr<CertificationService> service;
};

int certStatusOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const HttpError& e) {
    return e.status();
  }
  return 200;
}

TEST(GovernanceCertificationsService, ApproveAndRejectKeepTheirHistoryAndWho) {
  CertFixture f;
  const auto c =
      f.service->create(*f.ws, {"shop.sales.orders", "lead", f.inDays(30), "n"}, "ana@example.com");
  EXPECT_EQ(c.status, "pending");
  EXPECT_EQ(c.requestedBy, "ana@example.com");
  // One open certification per table.
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.orders", "", "", ""}, "bob");
            }),
            409);
  const auto approved = f.service->review(*f.ws, c.certId, true, "looks right", "lead@example.com");
  EXPECT_EQ(approved.status, "certified");
  EXPECT_EQ(approved.reviewedBy, "lead@example.com");
  // Approving twice, or rejecting a certified one, is a conflict.
  EXPECT_EQ(certStatusOf([&] { f.service->review(*f.ws, c.certId, true, "", "x"); }), 409);
  EXPECT_EQ(certStatusOf([&] { f.service->review(*f.ws, c.certId, false, "", "x"); }), 409);
  EXPECT_EQ(certStatusOf([&] { f.service->review(*f.ws, "nope", true, "", "x"); }), 404);
  const auto revoked = f.service->revoke(*f.ws, c.certId, "data issue", "lead@example.com");
  EXPECT_EQ(revoked.status, "revoked");
  EXPECT_EQ(certStatusOf([&] { f.service->revoke(*f.ws, c.certId, "again", "x"); }), 409);

  // A new request after the revocation, rejected this time.
  const auto second =
      f.service->create(*f.ws, {"shop.sales.orders", "lead", "", ""}, "ana@example.com");
  const auto rejected = f.service->review(*f.ws, second.certId, false, "not yet", "lead");
  EXPECT_EQ(rejected.status, "rejected");
  EXPECT_EQ(rejected.endReason, "not yet");

  const auto steps = f.service->store().history(c.certId);
  ASSERT_EQ(steps.size(), 3U);
  EXPECT_EQ(steps[1]["action"], "approve");
  EXPECT_EQ(steps[2]["action"], "revoke");
  EXPECT_EQ(steps[2]["notes"], "data issue");
  EXPECT_EQ(f.service->store().list("shop.sales.orders", "").size(), 2U);

  // Every mutation is in the change history with who made it and the before/after.
  const auto changes = f.history->list({"certification", "", "", "", 100});
  ASSERT_EQ(changes.size(), 5U);
  EXPECT_EQ(changes[0]["action"], "reject");
  EXPECT_EQ(changes[0]["changed_by"], "lead");
  EXPECT_EQ(changes[0]["before"]["status"], "pending");
  EXPECT_EQ(changes[0]["after"]["status"], "rejected");
  EXPECT_EQ(changes[2]["action"], "revoke");
  EXPECT_EQ(changes[3]["action"], "approve");
  EXPECT_EQ(changes[3]["changed_by"], "lead@example.com");
  EXPECT_EQ(changes[4]["action"], "create");
  EXPECT_EQ(changes[4]["changed_by"], "ana@example.com");
  EXPECT_TRUE(changes[4]["before"].is_null());
}

TEST(GovernanceCertificationsService, BadInputIsRefusedWithItsReason) {
  CertFixture f;
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.orders", "", "2000-01-01", ""}, "a");
            }),
            422);
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.orders", "", "someday", ""}, "a");
            }),
            422);
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.orders", "", "", "", "deprecated"}, "a");
            }),
            422);
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.orders", "", "", "", "", "hourly"}, "a");
            }),
            422);
  EXPECT_EQ(certStatusOf([&] {
              f.service->create(*f.ws, {"shop.sales.nope", "", "", ""}, "a");
            }),
            404);
  EXPECT_EQ(certStatusOf([&] { f.service->create(*f.ws, {"orders", "", "", ""}, "a"); }), 400);
  EXPECT_TRUE(f.service->store().list("", "").empty());
}

TEST(GovernanceCertificationsService, ACertificationReadsExpiredAfterTheSchedulerTick) {
  CertFixture f;
  clxs::testing::TempDir dir;
  clxs::testing::RecordingLogger log;
  clxs::testing::TestScheduler scheduler(dir, f.clock, log, "governance");
  f.service->startExpiry(*scheduler.scheduler);
  CertificationRequest r{"shop.sales.orders", "lead", f.inDays(2), "", "certified"};
  r.mirrorTag = true;
  const auto c = f.service->create(*f.ws, r, "ana@example.com");
  EXPECT_EQ(c.status, "certified");

  f.clock.advance(std::chrono::hours(24));
  scheduler.runner.tick();
  EXPECT_EQ(f.service->store().find(c.certId)->status, "certified") << "not due yet";

  f.clock.advance(std::chrono::hours(24) + std::chrono::minutes(2));
  scheduler.runner.tick();
  const auto expired = f.service->store().find(c.certId);
  EXPECT_EQ(expired->status, "expired");
  EXPECT_EQ(expired->endReason, "expired at " + c.expiresAt);
  const auto steps = f.service->store().history(c.certId);
  ASSERT_EQ(steps.size(), 2U);
  EXPECT_EQ(steps[1]["action"], "expire");
  EXPECT_EQ(steps[1]["actor"], "scheduler");
  const auto changes = f.history->list({"certification", c.certId, "", "", 10});
  EXPECT_EQ(changes[0]["changed_by"], "scheduler");
  // The mirrored tag followed: certified at creation, expired by the scheduler.
  const auto statements = f.ws->statements();
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_EQ(statements[0],
            "ALTER TABLE `shop`.`sales`.`orders` SET TAGS ('certification' = 'certified')");
  EXPECT_EQ(statements[1],
            "ALTER TABLE `shop`.`sales`.`orders` SET TAGS ('certification' = 'expired')");
  // An expired certification is final and the table may be certified again.
  EXPECT_EQ(certStatusOf([&] { f.service->revoke(*f.ws, c.certId, "late", "x"); }), 409);
  EXPECT_EQ(f.service->create(*f.ws, {"shop.sales.orders", "", "", ""}, "ana").status, "pending");
}

TEST(GovernanceCertificationsService, AReviewFrequencySetsTheExpiryWhenCertified) {
  CertFixture f;
  CertificationRequest r{"shop.sales.orders", "lead", "", "", "pending", "quarterly"};
  const auto c = f.service->create(*f.ws, r, "ana");
  EXPECT_TRUE(c.expiresAt.empty());
  f.clock.advance(std::chrono::hours(5));
  const auto approved = f.service->review(*f.ws, c.certId, true, "", "lead");
  EXPECT_EQ(approved.expiresAt, isoUtc(f.clock.now() + std::chrono::days(91)));
}

}  // namespace
}  // namespace clxs::governance
