#include "plugins/generate/demo_job.hpp"

#include <gtest/gtest.h>

#include "plugins/generate/test_support.hpp"

namespace clxs::generate {
namespace {

using testing::RecordingJob;
using testing::RecordingWorkspace;

DemoRequest demoJobRequest() {
  DemoRequest r;
  r.catalog = "demo";
  r.industries = {"insurance"};
  r.scaleFactor = 0.0001;
  r.batchSize = 1000;
  r.destCatalog = "demo_clone";
  return r;
}

TEST(DemoJob, SucceedsWithTheSpecsResultAndAsksForTheClone) {
  RecordingWorkspace ws;
  RecordingJob job;
  std::vector<events::DemoDataGenerated> published;
  const JobOutcome out =
      runDemoJob(ws, demoJobRequest(), job, {},
                 [&](const events::DemoDataGenerated& e) { published.push_back(e); });
  EXPECT_EQ(out.end, JobEnd::Completed) << out.error;
  const Json& r = out.result;
  for (const char* key : {"catalog", "industries", "scale_factor", "schemas_created",
                          "tables_created", "views_created", "udfs_created", "volumes_created",
                          "files_written", "total_rows", "errors", "elapsed_seconds"}) {
    EXPECT_TRUE(r.contains(key)) << key;
  }
  EXPECT_EQ(r["catalog"], "demo");
  EXPECT_EQ(r["industries"], Json::array({"insurance"}));
  EXPECT_EQ(r["dest_catalog"], "demo_clone");
  EXPECT_TRUE(r["errors"].empty());
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(events::DemoDataGenerated::schema().toJson(published[0]),
            (Json{{"job_id", "job-1"}, {"catalog", "demo"}, {"dest_catalog", "demo_clone"}}));
}

TEST(DemoJob, AnExistingCatalogFailsWithoutDropExisting) {
  RecordingWorkspace ws;
  ws.addCatalog({"Demo", "", "x"});
  RecordingJob job;
  const JobOutcome out = runDemoJob(ws, demoJobRequest(), job, {}, nullptr);
  EXPECT_EQ(out.end, JobEnd::Failed);
  EXPECT_EQ(out.error, "Catalog 'demo' already exists; set drop_existing to true to replace it");
  EXPECT_TRUE(ws.statements().empty());

  DemoRequest replace = demoJobRequest();
  replace.dropExisting = true;
  const JobOutcome again = runDemoJob(ws, replace, job, {}, nullptr);
  EXPECT_EQ(again.end, JobEnd::Completed);
  EXPECT_EQ(ws.statements().front(), "DROP CATALOG IF EXISTS `demo` CASCADE");
}

TEST(DemoJob, ErrorsEndTheJobWithErrorsAndSkipTheClone) {
  RecordingWorkspace ws;
  ws.failWhen = [](const std::string& s) -> std::string {
    return s.find("CREATE OR REPLACE VIEW `demo`.`gold`") == 0 ? "gold failed" : "";
  };
  RecordingJob job;
  bool published = false;
  const JobOutcome out = runDemoJob(ws, demoJobRequest(), job, {},
                                    [&](const events::DemoDataGenerated&) { published = true; });
  EXPECT_EQ(out.end, JobEnd::CompletedWithErrors);
  EXPECT_FALSE(out.result["errors"].empty());
  EXPECT_FALSE(published);
}

TEST(DemoJob, AFatalFailureFailsTheJobWithItsResult) {
  RecordingWorkspace ws;
  ws.failWhen = [](const std::string& s) -> std::string {
    return s.rfind("CREATE SCHEMA", 0) == 0 ? "denied" : "";
  };
  RecordingJob job;
  const JobOutcome out = runDemoJob(ws, demoJobRequest(), job, {}, nullptr);
  EXPECT_EQ(out.end, JobEnd::Failed);
  EXPECT_EQ(out.error, "Phase 'schemas' failed: denied");
  EXPECT_EQ(out.result["schemas_created"], 0);
}

}  // namespace
}  // namespace clxs::generate
