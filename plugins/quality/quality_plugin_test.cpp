// Loads the built quality plugin the way the plugin host does: it registers every route it
// serves and provides the quality gate, catalog and check runner.
#include <gtest/gtest.h>

#include <boost/dll/shared_library.hpp>

#include "clxs/plugin.hpp"
#include "clxs/sdk.hpp"
#include "clxs/services/check_runner.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/services/quality_gate.hpp"
#include "tests/support/inline_jobs.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/stand_in_host.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_scheduler.hpp"

namespace clxs::quality {
namespace {

TEST(QualityPlugin, StartRegistersEveryRouteAndProvidesTheGate) {
  boost::dll::shared_library lib(CLXS_QUALITY_PLUGIN);
  const auto* descriptor = lib.get_alias<const PluginDescriptor*()>("clxs_plugin_v1")();
  ASSERT_NE(descriptor, nullptr);
  EXPECT_STREQ(descriptor->info.name, "quality");
  EXPECT_STREQ(descriptor->info.provides, "quality.gate,quality.catalog,quality.checks");
  clxs::testing::InlineJobs jobs;
  clxs::testing::TempDir dir;
  clxs::testing::ManualClock clock;
  clxs::testing::RecordingLogger log;
  clxs::testing::TestScheduler scheduler(dir, clock, log, "quality");
  clxs::testing::StandInHost host{"quality"};
  host.useJobs(jobs);
  host.useScheduler(*scheduler.scheduler);
  host.useDataDir(dir.path() / "plugin");
  void* self = descriptor->create();
  char err[256] = {};
  ASSERT_EQ(descriptor->start(self, &host, err, sizeof err), 0) << err;
  for (const char* route : {"GET /api/governance/dqx/functions",
                            "POST /api/governance/dqx/checks",
                            "GET /api/governance/dqx/checks",
                            "PUT /api/governance/dqx/checks/{check_id}",
                            "DELETE /api/governance/dqx/checks/{check_id}",
                            "POST /api/governance/dqx/checks/{check_id}/toggle",
                            "POST /api/governance/dqx/checks/delete-bulk",
                            "GET /api/governance/dqx/checks/audit-log",
                            "POST /api/governance/dqx/run",
                            "GET /api/governance/dqx/results",
                            "POST /api/governance/dq/rules",
                            "GET /api/governance/dq/rules",
                            "PUT /api/governance/dq/rules/{rule_id}",
                            "DELETE /api/governance/dq/rules/{rule_id}",
                            "POST /api/governance/dq/run",
                            "GET /api/governance/dq/results",
                            "GET /api/governance/dq/history",
                            "GET /api/data-quality/suites",
                            "POST /api/data-quality/suites",
                            "GET /api/data-quality/suites/{suite_id}",
                            "DELETE /api/data-quality/suites/{suite_id}",
                            "POST /api/data-quality/suites/{suite_id}/run",
                            "POST /api/data-quality/gate/evaluate",
                            "GET /api/governance/dqx/checks/export",
                            "POST /api/governance/dqx/checks/import",
                            "POST /api/governance/dqx/checks/save-to-delta",
                            "POST /api/governance/dqx/profile-drift",
                            "POST /api/governance/dqx/profile-schema",
                            "POST /api/governance/dqx/profile-catalog",
                            "POST /api/governance/dq/cross-table-check",
                            "POST /api/profile",
                            "POST /api/profile-results",
                            "POST /api/nl-rules/from-natural-language",
                            "POST /api/nl-rules/batch-parse",
                            "POST /api/nl-rules/explain",
                            "POST /api/governance/dqx/profile-stream",
                            "POST /api/governance/dqx/clear-all"}) {
    EXPECT_TRUE(host.captured().has(route)) << route;
    EXPECT_FALSE(host.captured().spec(route).summary.empty()) << route;
  }
  EXPECT_EQ(host.captured().call("GET /api/governance/dqx/functions").status(), 200);
  EXPECT_TRUE(host.provided().availableErased(services::QualityGate::kServiceName));
  EXPECT_TRUE(host.provided().availableErased(services::QualityCatalog::kServiceName));
  EXPECT_TRUE(host.provided().availableErased(services::CheckRunner::kServiceName));
  ASSERT_EQ(descriptor->stop(self, err, sizeof err), 0) << err;
  clxs::testing::StandInHost again{"quality"};
  again.useJobs(jobs);
  again.useScheduler(*scheduler.scheduler);
  again.useDataDir(dir.path() / "plugin");
  ASSERT_EQ(descriptor->start(self, &again, err, sizeof err), 0) << err << " (start twice)";
  descriptor->destroy(self);
}

}  // namespace
}  // namespace clxs::quality
