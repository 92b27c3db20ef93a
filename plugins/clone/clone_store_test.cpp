#include "plugins/clone/clone_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone {
namespace {

class CloneStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(CloneStore::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
};

TEST_F(CloneStoreTest, AnEntryPerWriteInOrderAndALogListingOfWhatChanged) {
  store_.openLog({"rb-1", "job-1", "src", "dst", "2026-11-27T00:00:00.000Z", "pending", ""});
  store_.record("rb-1", {ObjectKind::Catalog, {"dst"}, false, std::nullopt, nullptr});
  store_.record("rb-1", {ObjectKind::Table, {"dst", "s", "t"}, true, 4, nullptr});
  store_.record("rb-1", {ObjectKind::View,
                         {"dst", "s", "v"},
                         true,
                         std::nullopt,
                         Json{{"sql", "CREATE OR REPLACE VIEW x AS SELECT 1"}}});
  const auto entries = store_.entries("rb-1");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].kind, ObjectKind::Catalog);
  EXPECT_FALSE(entries[0].existed);
  EXPECT_EQ(entries[1].name, (std::vector<std::string>{"dst", "s", "t"}));
  EXPECT_EQ(entries[1].preVersion, 4);
  EXPECT_EQ(entries[2].previous["sql"], "CREATE OR REPLACE VIEW x AS SELECT 1");

  const auto logs = store_.listLogs(10);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0]["rollback_id"], "rb-1");
  EXPECT_EQ(logs[0]["total_objects"], 3);
  EXPECT_EQ(logs[0]["table_versions"], (Json{{"dst.s.t", 4}}));
  EXPECT_EQ(logs[0]["created_objects"], (Json{{"catalogs", {"dst"}}}));
  EXPECT_EQ(logs[0]["restore_mode"], "version");
  EXPECT_EQ(logs[0]["status"], "pending");

  store_.markRolledBack("rb-1", "rolled_back", "2026-11-27T01:00:00.000Z", Json{{"failed", 0}});
  EXPECT_EQ(store_.log("rb-1")->status, "rolled_back");
  EXPECT_FALSE(store_.log("rb-unknown").has_value());
}

TEST_F(CloneStoreTest, AResumedRunInheritsWhatItsPredecessorFinishedAndItsLog) {
  store_.openLog({"rb-1", "job-1", "src", "dst", "2026-11-27T00:00:00.000Z", "pending", ""});
  store_.registerRun("job-1", "rb-1", "");
  store_.markObject("job-1", ObjectKind::Table, "s.a", "success");
  store_.markObject("job-1", ObjectKind::Table, "s.b", "failed", "boom");
  store_.registerRun("job-2", "rb-1", "job-1");
  store_.markObject("job-2", ObjectKind::Table, "s.c", "success");
  EXPECT_EQ(store_.doneObjects("job-2"),
            (std::set<std::string>{objectKey(ObjectKind::Table, "s.a"),
                                   objectKey(ObjectKind::Table, "s.c")}));
  // A third run resuming the second needs only the second's records.
  store_.registerRun("job-3", "rb-1", "job-2");
  EXPECT_EQ(store_.doneObjects("job-3").size(), 2u);
  ASSERT_TRUE(store_.logOfJob("job-3").has_value());
  EXPECT_EQ(store_.logOfJob("job-3")->rollbackId, "rb-1");
  EXPECT_FALSE(store_.logOfJob("job-unknown").has_value());
}

TEST_F(CloneStoreTest, AuditKeepsTheOperationItsLogLinesAndMetrics) {
  const Json op{{"job_id", "job-1"},
                {"operation", "clone"},
                {"source_catalog", "src"},
                {"destination_catalog", "dst"},
                {"clone_type", "DEEP"},
                {"status", "completed"},
                {"started_at", "a"},
                {"finished_at", "b"},
                {"duration_seconds", 1.5},
                {"user_name", "local"},
                {"summary", {{"tables", {{"success", 2}}}}}};
  store_.audit(op, {"line one", "line two"}, Json{{"tables_success", 2}, {"note", "text"}});
  const auto a = store_.auditOf("job-1");
  EXPECT_EQ(a["operation"]["status"], "completed");
  EXPECT_EQ(a["operation"]["summary"]["tables"]["success"], 2);
  EXPECT_EQ(a["logs"], Json::array({"line one", "line two"}));
  EXPECT_EQ(a["metrics"], (Json{{"tables_success", 2.0}}));  // only numbers are metrics
  EXPECT_TRUE(store_.auditOf("job-2").is_null());
}

}  // namespace
}  // namespace clxs::clone
