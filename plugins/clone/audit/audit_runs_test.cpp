#include "plugins/clone/audit/audit_runs.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using testing::writeRun;

class AuditRunsTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(CloneStore::migrations()); }

  std::vector<std::string> ids(const RunFilter& f, std::optional<int> limit = std::nullopt) {
    std::vector<std::string> out;
    for (const auto& r : loadRuns(sqlite_, f, limit)) out.push_back(r.jobId);
    return out;
  }

  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
};

TEST_F(AuditRunsTest, RunsComeMostRecentlyFinishedFirstWithTheirMetrics) {
  FakeRun a{"a"};
  a.finished = at(9);
  a.tables = 3;
  a.skipped = 1;
  writeRun(store_, a);
  FakeRun b{"b"};
  b.finished = at(11);
  writeRun(store_, b);
  FakeRun c{"c"};
  c.finished = at(10);
  writeRun(store_, c);

  EXPECT_EQ(ids({}), (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_EQ(ids({}, 2), (std::vector<std::string>{"b", "c"}));
  const auto runs = loadRuns(sqlite_, {});
  const auto& runA = runs[2];
  EXPECT_EQ(runA.tablesSuccess, 3);
  EXPECT_EQ(runA.tablesSkipped, 1);
  EXPECT_EQ(runA.viewsSuccess, 1);
  EXPECT_EQ(runA.bytesCopied, 3000);
  EXPECT_DOUBLE_EQ(runA.durationSeconds, 60);
  EXPECT_EQ(runA.operation, "clone");
  EXPECT_EQ(runA.errorMessage, "");
  EXPECT_EQ(runIds(sqlite_), (std::vector<std::string>{"a", "c", "b"}));
}

TEST_F(AuditRunsTest, FiltersCombineAndCatalogNamesIgnoreCase) {
  FakeRun a{"a"};
  a.source = "Prod";
  a.destination = "copy1";
  writeRun(store_, a);
  FakeRun b{"b", "failed"};
  b.source = "prod";
  b.destination = "copy2";
  b.finished = at(12);
  b.summary = {{"error", "boom"}};
  writeRun(store_, b);
  FakeRun c{"c"};
  c.source = "other";
  c.operation = "sync";
  c.finished = at(13);
  writeRun(store_, c);

  RunFilter bySource;
  bySource.sourceCatalog = "PROD";
  EXPECT_EQ(ids(bySource), (std::vector<std::string>{"b", "a"}));
  RunFilter byDest;
  byDest.destinationCatalog = "COPY1";
  EXPECT_EQ(ids(byDest), (std::vector<std::string>{"a"}));
  RunFilter byStatus;
  byStatus.status = "failed";
  EXPECT_EQ(ids(byStatus), (std::vector<std::string>{"b"}));
  RunFilter byOperation;
  byOperation.operation = "sync";
  EXPECT_EQ(ids(byOperation), (std::vector<std::string>{"c"}));
  RunFilter after;
  after.finishedAfter = at(12);  // strictly after
  EXPECT_EQ(ids(after), (std::vector<std::string>{"c"}));
  EXPECT_EQ(countRuns(sqlite_, after), 1);
  EXPECT_EQ(countRuns(sqlite_, bySource), 2);
  EXPECT_EQ(countRuns(sqlite_, {}), 3);
  EXPECT_EQ(loadRuns(sqlite_, byStatus)[0].errorMessage, "boom");
}

TEST_F(AuditRunsTest, ADetailHoldsLogsResultMetricsAndWhetherTheDestinationExisted) {
  store_.openLog({"rb-a", "a", "src", "dst", at(10), "pending", ""});
  store_.registerRun("a", "rb-a", "");
  store_.record("rb-a", {ObjectKind::Catalog, {"dst"}, false, std::nullopt, nullptr});
  FakeRun a{"a"};
  a.tables = 2;
  a.lines = {"one", "two", "three"};
  writeRun(store_, a);
  writeRun(store_, FakeRun{"b"});
  // A run with a rollback log but no catalog entry found its destination in place.
  store_.openLog({"rb-c", "c", "src", "dst", at(10), "pending", ""});
  store_.registerRun("c", "rb-c", "");
  writeRun(store_, FakeRun{"c"});

  const auto d = loadRunDetail(sqlite_, "a");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->logLines, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(d->summary["tables"]["success"], 2);
  EXPECT_EQ(d->metrics["tables_success"], 2.0);
  ASSERT_TRUE(d->destinationExisted.has_value());
  EXPECT_FALSE(*d->destinationExisted);
  EXPECT_FALSE(loadRunDetail(sqlite_, "b")->destinationExisted.has_value());
  EXPECT_EQ(loadRunDetail(sqlite_, "c")->destinationExisted, true);
  EXPECT_FALSE(loadRunDetail(sqlite_, "nope").has_value());

  const auto record = runRecord(*d);
  EXPECT_EQ(record["job_id"], "a");
  EXPECT_EQ(record["log_lines"].size(), 3u);
  EXPECT_EQ(record["result"]["tables"]["success"], 2);
  EXPECT_EQ(record["destination_existed"], false);
  EXPECT_EQ(record["tables_cloned"], 2);
  EXPECT_TRUE(record["error_message"].is_null());
}

TEST_F(AuditRunsTest, TrailEntriesCarryTheSpecFields) {
  FakeRun a{"a", "completed_with_errors"};
  a.tables = 4;
  a.failed = 1;
  writeRun(store_, a);
  const auto e = trailEntry(loadRuns(sqlite_, {})[0]);
  for (const char* k : {"job_id", "source_catalog", "destination_catalog", "status", "completed_at",
                        "started_at", "operation", "duration_seconds"}) {
    EXPECT_TRUE(e.contains(k)) << k;
  }
  EXPECT_EQ(e["completed_at"], at(10, 1));
  EXPECT_EQ(e["tables_cloned"], 4);
  EXPECT_EQ(e["tables_failed"], 1);
  EXPECT_EQ(e["total_size_bytes"], 4000);
}

TEST(ErrorMessageOf, PrefersTheErrorThenAbortThenErrorsThenAFailedObject) {
  EXPECT_EQ(errorMessageOf(Json{{"error", "boom"}}), "boom");
  EXPECT_EQ(errorMessageOf(Json{{"aborted", "max_tables"}}), "Aborted: max_tables");
  EXPECT_EQ(errorMessageOf(Json{{"errors", {"x", "y", "z"}}}), "x (and 2 more)");
  EXPECT_EQ(errorMessageOf(Json{{"errors", Json::array()},
                                {"objects",
                                 {{{"name", "s.ok"}, {"status", "success"}},
                                  {{"name", "s.t"}, {"status", "failed"}, {"error", "denied"}}}}}),
            "s.t: denied");
  EXPECT_EQ(errorMessageOf(Json{{"tables", {{"failed", 0}}}}), "");
  EXPECT_EQ(errorMessageOf(nullptr), "");
}

}  // namespace
}  // namespace clxs::clone::audit
