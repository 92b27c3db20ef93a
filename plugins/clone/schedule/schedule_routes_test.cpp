#include "plugins/clone/schedule/schedule_routes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"
#include "tests/support/test_scheduler.hpp"

namespace clxs::clone::schedule {
namespace {

class ScheduleRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(ScheduleStore::migrations());
    service_ = std::make_shared<ScheduleService>(
        sqlite_, clock_, log_, *kernel_.scheduler,
        [] {
          return allTemplates(Json::parse(R"({"mine": {"config": {"clone_type": "SHALLOW"}},
                                               "broken": {"config": {"max_workers": 0}}})"));
        },
        [](const std::string&, const Json&) { return std::string("job"); });
    registerScheduleRoutes(routes_, service_);
  }

  Response call(const std::string& key, Json body = nullptr,
                std::map<std::string, std::string> params = {}) {
    RequestParts parts;
    parts.body = std::move(body);
    parts.pathParams = std::move(params);
    parts.requestId = "req-1";
    return routes_.call(key, std::move(parts));
  }

  static Json schedule(const std::string& jobType = "clone") {
    return Json{{"name", "nightly"},
                {"source_catalog", "prod"},
                {"destination_catalog", "prod_copy"},
                {"cron", "0 2 * * *"},
                {"job_type", jobType}};
  }

  testing::SqliteTestStore sqlite_;
  testing::ManualClock clock_;
  clxs::testing::RecordingLogger log_;
  clxs::testing::TempDir kernelDir_;
  clxs::testing::TestScheduler kernel_{kernelDir_, clock_, log_};
  std::shared_ptr<ScheduleService> service_;
  testing::CaptureRoutes routes_;
};

TEST_F(ScheduleRoutesTest, AllRoutesAreDocumented) {
  for (const char* key :
       {"GET /api/templates", "GET /api/schedules", "POST /api/schedules",
        "POST /api/schedules/{schedule_id}/pause", "POST /api/schedules/{schedule_id}/resume",
        "DELETE /api/schedules/{schedule_id}", "GET /api/schedule", "POST /api/schedule"}) {
    ASSERT_TRUE(routes_.has(key)) << key;
    const auto& spec = routes_.spec(key);
    EXPECT_FALSE(spec.summary.empty()) << key;
    EXPECT_FALSE(spec.description.empty()) << key;
    EXPECT_EQ(spec.mutates, spec.method != Method::Get) << key;
  }
  EXPECT_TRUE(routes_.spec("POST /api/schedules").body.has_value());
  EXPECT_TRUE(routes_.spec("POST /api/schedule").body.has_value());
  EXPECT_EQ(routes_.spec("DELETE /api/schedules/{schedule_id}").pathParams.size(), 1U);
}

TEST_F(ScheduleRoutesTest, TemplatesListBuiltInsAndConfigured) {
  const auto r = call("GET /api/templates");
  ASSERT_EQ(r.status(), 200);
  std::set<std::string> names;
  for (const auto& t : r.body()) names.insert(t["name"]);
  EXPECT_EQ(names.size(), 15U);
  EXPECT_TRUE(names.count("dev-refresh"));
  EXPECT_TRUE(names.count("mine"));
  for (const auto& t : r.body()) {
    if (t["name"] == "broken") {
      EXPECT_EQ(t["available"], false);
      EXPECT_NE(t["error"].get<std::string>().find("max_workers"), std::string::npos);
    }
  }
}

TEST_F(ScheduleRoutesTest, CreatePauseResumeDelete) {
  auto r = call("POST /api/schedules", schedule());
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const std::string id = r.body()["id"];
  EXPECT_EQ(r.body()["next_run"], "2027-01-16T02:00:00.000Z");

  r = call("POST /api/schedules/{schedule_id}/pause", nullptr, {{"schedule_id", id}});
  EXPECT_EQ(r.status(), 200);
  EXPECT_TRUE(r.body()["next_run"].is_null());
  r = call("POST /api/schedules/{schedule_id}/resume", nullptr, {{"schedule_id", id}});
  EXPECT_EQ(r.body()["status"], "active");
  EXPECT_EQ(call("GET /api/schedules").body().size(), 1U);

  r = call("DELETE /api/schedules/{schedule_id}", nullptr, {{"schedule_id", id}});
  EXPECT_EQ(r.body(), (Json{{"deleted", true}, {"schedule_id", id}}));
  r = call("DELETE /api/schedules/{schedule_id}", nullptr, {{"schedule_id", id}});
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["deleted"], false);
  EXPECT_TRUE(call("GET /api/schedules").body().empty());
  EXPECT_EQ(service_->history(id)[0]["actor"], "request req-1");
}

TEST_F(ScheduleRoutesTest, BadInput) {
  Json bad = schedule();
  bad["cron"] = "61 * * * *";
  auto r = call("POST /api/schedules", bad);
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "cron"}));
  EXPECT_NE(r.body()["detail"][0]["msg"].get<std::string>().find("minute"), std::string::npos);

  r = call("POST /api/schedules", schedule("teleport"));
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "job_type"}));

  Json broken = schedule();
  broken["template"] = "broken";
  EXPECT_EQ(call("POST /api/schedules", broken).status(), 422);

  for (const char* action : {"pause", "resume"}) {
    r = call(std::string("POST /api/schedules/{schedule_id}/") + action, nullptr,
             {{"schedule_id", "missing"}});
    EXPECT_EQ(r.status(), 404) << action;
    EXPECT_NE(r.body()["detail"].get<std::string>().find("missing"), std::string::npos);
  }
}

TEST_F(ScheduleRoutesTest, TheSingularRoutesAreCloneSchedules) {
  call("POST /api/schedules", schedule("sync"));
  Json body = schedule();
  body.erase("job_type");
  body["template"] = "mine";
  auto r = call("POST /api/schedule", body);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["job_type"], "clone");
  EXPECT_EQ(r.body()["clone_type"], "SHALLOW");
  const auto listed = call("GET /api/schedule").body();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["id"], r.body()["id"]);
  EXPECT_EQ(call("GET /api/schedules").body().size(), 2U);
  EXPECT_EQ(call("POST /api/schedule", schedule("sync")).status(), 422);
}

}  // namespace
}  // namespace clxs::clone::schedule
