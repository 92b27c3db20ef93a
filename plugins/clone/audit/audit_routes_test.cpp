#include "plugins/clone/audit/audit_routes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/clone/audit/audit_state.hpp"
#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using ::testing::HasSubstr;
using testing::writeRun;

class StubConfig final : public ConfigView {
 public:
  Json effective(const std::string& = {}) const override { return config; }
  Json config = Json::object();
};

class AuditRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(CloneStore::migrations());
    registerAuditRoutes(routes_, sqlite_, clock_, config_);
    ws_->onSql([](std::string_view) { return ResultSet{}; });
  }

  RequestParts get(Json query = Json::object()) {
    RequestParts p;
    p.query = std::move(query);
    return p;
  }
  RequestParts post(Json body) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(body);
    p.credentials = Credentials{};
    p.credentials->warehouseId = "wh-header";
    auto ws = ws_;
    p.workspaceResolver = [ws](const Credentials&) -> std::shared_ptr<Workspace> { return ws; };
    return p;
  }

  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
  clxs::testing::ManualClock clock_;
  StubConfig config_;
  clxs::testing::CaptureRoutes routes_;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>();
};

TEST_F(AuditRoutesTest, RegistersTheSevenRoutesWithClampedLimits) {
  for (const char* key :
       {"GET /api/audit", "GET /api/audit/{job_id}/logs", "GET /api/notifications",
        "GET /api/catalog-health", "GET /api/monitor/metrics", "POST /api/audit/init",
        "POST /api/audit/describe"}) {
    EXPECT_TRUE(routes_.has(key)) << key;
    EXPECT_FALSE(routes_.spec(key).description.empty()) << key;
  }
  const auto& limit = routes_.spec("GET /api/audit").query[0];
  EXPECT_EQ(limit.first, "limit");
  EXPECT_TRUE(limit.second.clamps());
  EXPECT_EQ(limit.second.maximum(), 1000);
  EXPECT_TRUE(routes_.spec("POST /api/audit/init").mutates);
  EXPECT_TRUE(routes_.spec("POST /api/audit/init").body.has_value());
}

TEST_F(AuditRoutesTest, TheTrailFiltersAndTheLogsOfAnUnknownJobAre404) {
  writeRun(store_, FakeRun{"a"});
  FakeRun b{"b", "failed"};
  b.finished = at(11);
  b.summary = {{"error", "boom"}};
  writeRun(store_, b);
  auto r = routes_.call("GET /api/audit", get({{"limit", 10}}));
  ASSERT_EQ(r.status(), 200);
  ASSERT_EQ(r.body().size(), 2u);
  EXPECT_EQ(r.body()[0]["job_id"], "b");
  EXPECT_EQ(r.body()[0]["error_message"], "boom");
  r = routes_.call("GET /api/audit", get({{"limit", 10}, {"status", "completed"}}));
  ASSERT_EQ(r.body().size(), 1u);
  EXPECT_EQ(r.body()[0]["job_id"], "a");

  RequestParts logs;
  logs.pathParams["job_id"] = "a";
  r = routes_.call("GET /api/audit/{job_id}/logs", std::move(logs));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["log_lines"], Json::array({"started", "done"}));
  RequestParts unknown;
  unknown.pathParams["job_id"] = "nope";
  r = routes_.call("GET /api/audit/{job_id}/logs", std::move(unknown));
  EXPECT_EQ(r.status(), 404);
  EXPECT_THAT(r.body()["detail"].get<std::string>(), HasSubstr("'nope'"));
}

TEST_F(AuditRoutesTest, NotificationsRejectABadSinceAndMarkRead) {
  writeRun(store_, FakeRun{"a"});
  auto r = routes_.call("GET /api/notifications", get({{"since", "last tuesday"}}));
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"query", "since"}));
  r = routes_.call("GET /api/notifications", get({{"limit", 5}, {"mark_read", true}}));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["unread_count"], 1);
  r = routes_.call("GET /api/notifications", get({{"limit", 5}}));
  EXPECT_EQ(r.body()["unread_count"], 0);
  r = routes_.call("GET /api/notifications", get({{"since", "2026-11-27"}}));
  EXPECT_EQ(r.body()["unread_count"], 1);
}

TEST_F(AuditRoutesTest, HealthAndMetricsAnswerFromTheStore) {
  writeRun(store_, FakeRun{"a"});
  auto r = routes_.call("GET /api/catalog-health", get({{"window", 5}}));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["catalogs"][0]["catalog"], "dst");
  EXPECT_EQ(r.body()["catalogs"][0]["score"], 100);
  r = routes_.call("GET /api/monitor/metrics", get({{"limit", 5}}));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["total_operations"], 1);
}

TEST_F(AuditRoutesTest, InitTakesNamesFromTheBodyElseTheConfigAndTheWarehouseFromTheHeader) {
  config_.config = {{"audit_trail", {{"catalog", "cfg_audit"}, {"schema", "cfg_logs"}}}};
  auto r = routes_.call("POST /api/audit/init", post(Json::object()));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["catalog"], "cfg_audit");
  EXPECT_EQ(r.body()["schema"], "cfg_logs");
  auto saved = targets(sqlite_);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].warehouseId, "wh-header");
  EXPECT_EQ(saved[0].workspaceHost, ws_->host());
  EXPECT_EQ(saved[0].catalog, "cfg_audit");

  r = routes_.call("POST /api/audit/init",
                   post({{"catalog", "mine"}, {"schema", "s"}, {"warehouse_id", "wh-body"}}));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["tables_created"][0], "mine.s.run_logs");
  saved = targets(sqlite_);
  ASSERT_EQ(saved.size(), 2u);
  EXPECT_EQ(saved[1].warehouseId, "wh-body");

  config_.config = Json::object();
  r = routes_.call("POST /api/audit/init", post(Json::object()));
  EXPECT_EQ(r.body()["catalog"], "clone_audit");
  EXPECT_EQ(r.body()["schema"], "logs");
}

TEST_F(AuditRoutesTest, DescribeBeforeInitIs404) {
  const auto r = routes_.call("POST /api/audit/describe", post({{"catalog", "nothing_here"}}));
  EXPECT_EQ(r.status(), 404);
  EXPECT_THAT(r.body()["detail"].get<std::string>(), HasSubstr("`nothing_here`.`logs`"));
}

}  // namespace
}  // namespace clxs::clone::audit
