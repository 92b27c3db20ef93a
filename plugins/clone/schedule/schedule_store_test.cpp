#include "plugins/clone/schedule/schedule_store.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/clone_store.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::schedule {
namespace {

class ScheduleStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(ScheduleStore::migrations()); }

  static ScheduleRecord record(const std::string& id) {
    ScheduleRecord r;
    r.id = id;
    r.name = "n'ame `x`; --";
    r.jobType = "clone";
    r.cron = "* * * * *";
    r.sourceCatalog = "src";
    r.destinationCatalog = "dst";
    r.cloneType = "DEEP";
    r.jobBody = Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}};
    r.createdAt = "2027-01-15T08:00:00.000Z";
    r.updatedAt = r.createdAt;
    r.armedAt = 100;
    return r;
  }

  testing::SqliteTestStore sqlite_;
  ScheduleStore store_{sqlite_};
};

// The clone plugin has one migration sequence: a version another part uses would be skipped.
TEST_F(ScheduleStoreTest, MigrationVersionsStayInTheScheduleRange) {
  for (const auto& m : ScheduleStore::migrations()) {
    EXPECT_GE(m.version, 200);
    EXPECT_LT(m.version, 300);
  }
  for (const auto& m : CloneStore::migrations()) EXPECT_LT(m.version, 100);
}

TEST_F(ScheduleStoreTest, RoundTrip) {
  auto r = record("a");
  r.templateKey = "dev-refresh";
  store_.insert(r);
  const auto got = store_.get("a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, r.name);
  EXPECT_EQ(got->templateKey, "dev-refresh");
  EXPECT_EQ(got->schemaName, "");
  EXPECT_EQ(got->jobBody, r.jobBody);
  EXPECT_EQ(got->status, "active");
  EXPECT_EQ(got->armedAt, 100);
  EXPECT_FALSE(got->lastFiredSlot);
  EXPECT_EQ(got->runCount, 0);
  EXPECT_FALSE(store_.get("b"));
}

TEST_F(ScheduleStoreTest, ListIsOldestFirst) {
  auto a = record("a");
  auto b = record("b");
  b.createdAt = "2027-01-15T07:00:00.000Z";
  store_.insert(a);
  store_.insert(b);
  const auto all = store_.list();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].id, "b");
  EXPECT_EQ(all[1].id, "a");
}

TEST_F(ScheduleStoreTest, AFiringRecordsItsSlotAndCounts) {
  store_.insert(record("a"));
  store_.recordFiring("a", 160);
  store_.recordFiring("a", 220);
  const auto got = store_.get("a");
  EXPECT_EQ(got->lastFiredSlot, 220);
  EXPECT_EQ(got->runCount, 2);
  EXPECT_NO_THROW(store_.recordFiring("missing", 300));
}

TEST_F(ScheduleStoreTest, StatusChangesNeedAKnownSchedule) {
  store_.insert(record("a"));
  EXPECT_TRUE(store_.setStatus("a", "paused", 100, "t"));
  EXPECT_EQ(store_.get("a")->status, "paused");
  EXPECT_FALSE(store_.setStatus("missing", "paused", 100, "t"));
}

TEST_F(ScheduleStoreTest, RecordRunAndRemove) {
  store_.insert(record("a"));
  store_.recordRun("a", "t1", "", "boom");
  EXPECT_EQ(store_.get("a")->lastError, "boom");
  EXPECT_EQ(store_.get("a")->lastJobId, "");
  store_.recordRun("a", "t2", "job-1", "");
  EXPECT_EQ(store_.get("a")->lastError, "");
  EXPECT_EQ(store_.get("a")->lastJobId, "job-1");
  EXPECT_EQ(store_.get("a")->lastRunAt, "t2");
  EXPECT_TRUE(store_.remove("a"));
  EXPECT_FALSE(store_.remove("a"));
}

TEST_F(ScheduleStoreTest, Audit) {
  store_.audit("t1", "a", "create", "request r1", "ok", Json{{"name", "x"}});
  store_.audit("t2", "a", "pause", "request r2", "ok", nullptr);
  store_.audit("t3", "b", "create", "request r3", "ok", nullptr);
  const auto rows = store_.auditOf("a");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["action"], "create");
  EXPECT_EQ(rows[0]["detail"]["name"], "x");
  EXPECT_EQ(rows[1]["action"], "pause");
  EXPECT_TRUE(rows[1]["detail"].is_null());
}

}  // namespace
}  // namespace clxs::clone::schedule
