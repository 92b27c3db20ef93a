#include "plugins/clone/audit/catalog_health.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using testing::writeRun;

AuditRun run(const std::string& status, std::int64_t ok = 0, std::int64_t skipped = 0) {
  AuditRun r;
  r.status = status;
  r.tablesSuccess = ok;
  r.tablesSkipped = skipped;
  r.durationSeconds = 10;
  r.finishedAt = at(10);
  r.jobId = status;
  return r;
}

TEST(CatalogHealthOf, ScoreCountsPartialRunsHalfAndIgnoresCancelledOnes) {
  // Nine successes and a failure: the spec's example.
  std::vector<AuditRun> runs(9, run("completed"));
  runs.push_back(run("failed"));
  auto h = catalogHealthOf("prod", runs);
  EXPECT_EQ(h["total"], 10);
  EXPECT_EQ(h["succeeded"], 9);
  EXPECT_EQ(h["failed"], 1);
  EXPECT_EQ(h["score"], 90);

  h = catalogHealthOf("prod", {run("completed"), run("completed_with_errors"), run("cancelled")});
  EXPECT_EQ(h["score"], 75);
  EXPECT_EQ(h["cancelled"], 1);
  EXPECT_EQ(h["completed_with_errors"], 1);
  EXPECT_TRUE(catalogHealthOf("prod", {run("cancelled")})["score"].is_null());
}

TEST(CatalogHealthOf, TrendComparesTheNewerHalfWithTheOlder) {
  // Newest first.
  EXPECT_EQ(catalogHealthOf(
                "c", {run("completed"), run("completed"), run("failed"), run("failed")})["trend"],
            "improving");
  EXPECT_EQ(catalogHealthOf("c", {run("failed"), run("completed"), run("completed"),
                                  run("completed")})["trend"],
            "declining");
  EXPECT_EQ(catalogHealthOf("c", {run("completed"), run("completed")})["trend"], "stable");
  EXPECT_EQ(catalogHealthOf("c", {run("completed"), run("cancelled")})["trend"],
            "insufficient_data");
}

TEST(CatalogHealthOf, SkippedTableRatioIsOverAllTablesConsidered) {
  const auto h = catalogHealthOf("c", {run("completed", 3, 1), run("completed", 4, 0)});
  EXPECT_EQ(h["tables_skipped"], 1);
  EXPECT_EQ(h["tables_considered"], 8);
  EXPECT_DOUBLE_EQ(h["skipped_table_ratio"].get<double>(), 0.125);
  EXPECT_TRUE(catalogHealthOf("c", {run("failed")})["skipped_table_ratio"].is_null());
}

TEST(CatalogHealth, OneEntryPerDestinationOverItsLastRuns) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(CloneStore::migrations());
  CloneStore store(sqlite);
  FakeRun a{"a", "failed"};
  a.destination = "Copy";
  a.finished = at(9);
  a.summary = {{"error", "x"}};
  writeRun(store, a);
  FakeRun b{"b"};
  b.destination = "copy";
  b.finished = at(10);
  b.tables = 2;
  writeRun(store, b);
  FakeRun c{"c"};
  c.destination = "another";
  c.finished = at(11);
  writeRun(store, c);

  auto h = catalogHealth(sqlite, 20);
  ASSERT_EQ(h["catalogs"].size(), 2u);
  EXPECT_EQ(h["catalogs"][0]["catalog"], "another");
  const auto& copy = h["catalogs"][1];
  EXPECT_EQ(copy["catalog"], "copy");  // the newest spelling
  EXPECT_EQ(copy["total"], 2);
  EXPECT_EQ(copy["score"], 50);
  EXPECT_EQ(copy["last_operation"], at(10));
  EXPECT_EQ(copy["last_status"], "completed");
  EXPECT_EQ(copy["last_job_id"], "b");
  EXPECT_EQ(copy["trend"], "improving");

  h = catalogHealth(sqlite, 1);  // only the last run counts
  EXPECT_EQ(h["catalogs"][1]["total"], 1);
  EXPECT_EQ(h["catalogs"][1]["score"], 100);
  EXPECT_EQ(h["window"], 1);
}

}  // namespace
}  // namespace clxs::clone::audit
