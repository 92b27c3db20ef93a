#include "plugins/clone/audit/notifications.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/audit/audit_state.hpp"
#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using testing::writeRun;

class NotificationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(CloneStore::migrations());
    ensureAuditState(sqlite_);
  }
  void run(const std::string& id, const std::string& status, int hour, Json summary = nullptr) {
    FakeRun r{id, status};
    r.finished = at(hour);
    r.tables = 2;
    if (status == "completed_with_errors") r.failed = 1;
    r.summary = std::move(summary);
    writeRun(store_, r);
  }

  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
};

TEST_F(NotificationsTest, OneItemPerRunNewestFirstTypedByOutcome) {
  run("ok", "completed", 9);
  run("partial", "completed_with_errors", 10);
  run("bad", "failed", 11, Json{{"error", "permission denied"}});
  run("stop", "cancelled", 12, Json{{"rollback_id", "rb-stop"}});
  const auto n = notifications(sqlite_, 50, std::nullopt, false);
  ASSERT_EQ(n["items"].size(), 4u);
  const auto& items = n["items"];
  EXPECT_EQ(items[0]["job_id"], "stop");
  EXPECT_EQ(items[0]["type"], "info");
  EXPECT_EQ(items[0]["message"], "Clone cancelled: src -> dst");
  EXPECT_EQ(items[1]["type"], "error");
  EXPECT_EQ(items[1]["message"], "Clone failed: src -> dst: permission denied");
  EXPECT_EQ(items[2]["type"], "warning");
  EXPECT_EQ(items[2]["message"], "Clone completed with errors: src -> dst (1 table failed)");
  EXPECT_EQ(items[3]["type"], "success");
  EXPECT_EQ(items[3]["message"], "Clone completed: src -> dst");
  EXPECT_EQ(items[3]["timestamp"], at(9));
  EXPECT_EQ(items[3]["status"], "completed");
  // Never marked: everything is unread.
  EXPECT_EQ(n["unread_count"], 4);
  EXPECT_TRUE(n["unread_since"].is_null());
  EXPECT_EQ(items[0]["read"], false);
}

TEST_F(NotificationsTest, MarkReadMovesTheMarkerToTheNewestRunAndLaterRunsAreUnread) {
  run("a", "completed", 9);
  run("b", "completed", 10);
  // Limited to one item, yet every unread run is counted and marked.
  auto n = notifications(sqlite_, 1, std::nullopt, true);
  EXPECT_EQ(n["unread_count"], 2);
  EXPECT_EQ(n["items"].size(), 1u);
  n = notifications(sqlite_, 50, std::nullopt, false);
  EXPECT_EQ(n["unread_count"], 0);
  EXPECT_EQ(n["unread_since"], at(10));
  EXPECT_EQ(n["items"][0]["read"], true);

  run("c", "failed", 11, Json{{"error", "x"}});
  n = notifications(sqlite_, 50, std::nullopt, false);
  EXPECT_EQ(n["unread_count"], 1);
  EXPECT_EQ(n["items"][0]["job_id"], "c");
  EXPECT_EQ(n["items"][0]["read"], false);
  EXPECT_EQ(n["items"][1]["read"], true);
}

TEST_F(NotificationsTest, SinceOverridesTheStoredMarker) {
  run("a", "completed", 9);
  run("b", "completed", 10);
  run("c", "completed", 11);
  advanceReadMarker(sqlite_, at(11));
  const auto n = notifications(sqlite_, 50, at(9), false);
  EXPECT_EQ(n["unread_count"], 2);
  EXPECT_EQ(n["unread_since"], at(9));
  EXPECT_EQ(readMarker(sqlite_), at(11));
}

TEST_F(NotificationsTest, OtherOperationsAreNamedInTheMessage) {
  FakeRun r{"s"};
  r.operation = "incremental_sync";
  writeRun(store_, r);
  EXPECT_EQ(notifications(sqlite_, 5, std::nullopt, false)["items"][0]["message"],
            "Incremental sync completed: src -> dst");
}

TEST(NormaliseUtc, AcceptsUtcFormsAndRejectsTheRest) {
  EXPECT_EQ(normaliseUtc("2025-01-15T10:45:00Z"), "2025-01-15T10:45:00.000Z");
  EXPECT_EQ(normaliseUtc("2025-01-15T10:45:00.5Z"), "2025-01-15T10:45:00.500Z");
  EXPECT_EQ(normaliseUtc("2025-01-15T10:45:00.123456"), "2025-01-15T10:45:00.123Z");
  EXPECT_EQ(normaliseUtc("2025-01-15 10:45"), "2025-01-15T10:45:00.000Z");
  EXPECT_EQ(normaliseUtc("2025-01-15"), "2025-01-15T00:00:00.000Z");
  EXPECT_EQ(normaliseUtc("2025-01-15T10:45:00+00:00"), "2025-01-15T10:45:00.000Z");
  EXPECT_FALSE(normaliseUtc("2025-01-15T10:45:00+02:00").has_value());
  EXPECT_FALSE(normaliseUtc("2025-13-01").has_value());
  EXPECT_FALSE(normaliseUtc("2025-01-15T25:00:00Z").has_value());
  EXPECT_FALSE(normaliseUtc("yesterday").has_value());
  EXPECT_FALSE(normaliseUtc("").has_value());
}

}  // namespace
}  // namespace clxs::clone::audit
