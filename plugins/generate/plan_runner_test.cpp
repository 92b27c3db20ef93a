#include "plugins/generate/plan_runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "plugins/generate/industry_catalog.hpp"
#include "plugins/generate/medallion.hpp"
#include "plugins/generate/test_support.hpp"

namespace clxs::generate {
namespace {

using testing::RecordingJob;
using testing::RecordingWorkspace;

DemoRequest planRunnerRequest() {
  DemoRequest r;
  r.catalog = "demo";
  r.industries = {"retail"};
  r.scaleFactor = 0.0002;
  r.batchSize = 1000;
  r.maxWorkers = 4;
  return r;
}

TEST(PlanRunner, RunsEveryStepAndCountsWhatItCreated) {
  RecordingWorkspace ws;
  RecordingJob job;
  const Plan plan = buildPlan(planRunnerRequest());
  const RunStats stats = PlanRunner(ws, job, {}, 4).run(plan);
  EXPECT_TRUE(stats.errors.empty()) << stats.errors.dump();
  EXPECT_EQ(static_cast<std::int64_t>(ws.statements().size()),
            plan.totalSteps - 1);  // the manifest is a file, not a statement
  const auto* retail = findIndustry("retail");
  EXPECT_EQ(stats.schemas, 5);  // retail, bronze, silver, gold, data_catalog
  EXPECT_EQ(stats.tables, static_cast<std::int64_t>(retail->tables.size()) + 5);
  EXPECT_EQ(stats.functions, 20);
  EXPECT_EQ(stats.views, static_cast<std::int64_t>(20 + 5 + goldViews("demo", *retail).size() + 4));
  EXPECT_EQ(stats.volumes, 2);
  EXPECT_EQ(stats.files, 7);
  EXPECT_EQ(stats.rows, plan.plannedRows);
  const auto files = ws.files();
  EXPECT_EQ(files.count("/Volumes/demo/retail/sample_data/order_items.csv"), 1u);
  EXPECT_EQ(files.at("/Volumes/demo/retail/sample_data/order_items.csv"),
            "id,name\r\n1,\"a,b\"\r\n2,c\r\n");
  EXPECT_EQ(files.count("/Volumes/demo/retail/exports/manifest.json"), 1u);

  const auto reports = job.progressReports();
  ASSERT_EQ(static_cast<std::int64_t>(reports.size()), plan.totalSteps);
  const Json& last = reports.back();
  EXPECT_EQ(last["completed"], plan.totalSteps);
  EXPECT_EQ(last["total"], plan.totalSteps);
  EXPECT_EQ(last["tables_done"], plan.tablesTotal);
  EXPECT_EQ(last["tables_total"], plan.tablesTotal);
  EXPECT_TRUE(last["industry"].is_null()) << "the catalog-wide data_catalog phase is last";
  EXPECT_EQ(last["phase"], "data_catalog");
  EXPECT_EQ(last["rows_inserted"], plan.plannedRows);
  // The original's fields, which its web UI's progress panel reads.
  EXPECT_EQ(last["current_industry"], "data_catalog");
  EXPECT_EQ(last["industry_index"], 1);
  EXPECT_EQ(last["total_industries"], 1);
  EXPECT_EQ(last["current_phase"], "enrichment");
  const bool filesPhase = std::any_of(reports.begin(), reports.end(), [](const Json& r) {
    return r["phase"] == "files" && r["current_industry"] == "retail" &&
           r["current_phase"] == "files";
  });
  EXPECT_TRUE(filesPhase);
  const bool loading = std::any_of(reports.begin(), reports.end(), [](const Json& r) {
    return r["phase"] == "data" && r["current_phase"] == "tables";
  });
  EXPECT_TRUE(loading) << "loading data shows as the tables phase, as in the original";
}

TEST(PlanRunner, AFailedStepSkipsTheRestOfItsChainAndIsReported) {
  RecordingWorkspace ws;
  ws.failWhen = [](const std::string& s) -> std::string {
    return s.rfind("CREATE TABLE `demo`.`retail`.`stores`", 0) == 0 ? "boom" : "";
  };
  RecordingJob job;
  const Plan plan = buildPlan(planRunnerRequest());
  const RunStats stats = PlanRunner(ws, job, {}, 2).run(plan);
  EXPECT_TRUE(stats.fatal.empty());
  ASSERT_GE(stats.errors.size(), 1u);
  const Json& e = stats.errors[0];
  EXPECT_EQ(e["industry"], "retail");
  EXPECT_EQ(e["phase"], "tables");
  EXPECT_EQ(e["object"], "demo.retail.stores");
  EXPECT_EQ(e["step"], "create table retail.stores");
  EXPECT_EQ(e["error"], "boom");
  for (const auto& s : ws.statements()) {
    EXPECT_NE(s.rfind("ALTER TABLE `demo`.`retail`.`stores` ADD CONSTRAINT `stores_pk`", 0), 0u);
  }
  // Progress still reaches the total: skipped steps count as done.
  EXPECT_EQ(job.progressReports().back()["completed"], plan.totalSteps);
}

TEST(PlanRunner, AFatalPhaseStopsTheRun) {
  RecordingWorkspace ws;
  ws.failWhen = [](const std::string& s) -> std::string {
    return s.rfind("CREATE CATALOG", 0) == 0 ? "no permission" : "";
  };
  RecordingJob job;
  const RunStats stats = PlanRunner(ws, job, {}, 2).run(buildPlan(planRunnerRequest()));
  EXPECT_EQ(stats.fatal, "Phase 'catalog' failed: no permission");
  EXPECT_EQ(ws.statements().size(), 1u);
}

TEST(PlanRunner, CancellationStopsBetweenStatements) {
  RecordingWorkspace ws;
  RecordingJob job;
  job.onProgress = [&job](std::int64_t done) {
    if (done >= 5) job.cancellation().cancel();
  };
  EXPECT_THROW(PlanRunner(ws, job, {}, 1).run(buildPlan(planRunnerRequest())), JobCancelled);
  EXPECT_LE(ws.statements().size(), 6u);
}

TEST(PlanRunner, AWorkspaceWithoutFilesApiWarnsOnce) {
  RecordingWorkspace ws;
  ws.withoutFilesApi();
  RecordingJob job;
  const RunStats stats = PlanRunner(ws, job, {}, 3).run(buildPlan(planRunnerRequest()));
  EXPECT_TRUE(stats.errors.empty()) << stats.errors.dump();
  EXPECT_EQ(stats.files, 0);
  ASSERT_EQ(stats.warnings.size(), 1u);
  // Whichever file a worker writes first carries the warning.
  EXPECT_EQ(stats.warnings[0]["warning"].get<std::string>().rfind(
                "injected permanent failure of writeFile /Volumes/demo/retail/sample_data/", 0),
            0u)
      << stats.warnings.dump();
}

TEST(PlanRunner, InsertedRowsReadsTheEnginesCount) {
  ResultSet r;
  r.columns = {{"num_affected_rows", "BIGINT"}, {"num_inserted_rows", "BIGINT"}};
  r.rows = {{Json("7"), Json("6")}};
  EXPECT_EQ(insertedRows(r, 99), 6);
  r.columns[1].name = "other";
  EXPECT_EQ(insertedRows(r, 99), 7);
  EXPECT_EQ(insertedRows(ResultSet{}, 99), 99);
}

}  // namespace
}  // namespace clxs::generate
