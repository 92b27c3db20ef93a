#include "plugins/platform/warehouse_routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::platform {
namespace {

using clxs::testing::MemoryWorkspace;

class WarehouseRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerWarehouseRoutes(routes, clock);
    ws->setWarehouses({{"w-run", "Running one", "Small", "RUNNING", "PRO"},
                       {"w-stop", "Stopped one", "Small", "STOPPED", "PRO"}});
  }

  Response post(const std::string& action, Json body) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(body);
    p.credentials = Credentials{};
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) -> std::shared_ptr<Workspace> { return w; };
    return routes.call("POST /api/warehouse/" + action, std::move(p));
  }

  clxs::testing::CaptureRoutes routes;
  clxs::testing::ManualClock clock;
  std::shared_ptr<MemoryWorkspace> ws = std::make_shared<MemoryWorkspace>("u");
};

TEST_F(WarehouseRoutesTest, RoutesDeclareARequiredWarehouseId) {
  for (const char* key : {"POST /api/warehouse/start", "POST /api/warehouse/stop"}) {
    ASSERT_TRUE(routes.has(key)) << key;
    const auto& spec = routes.spec(key);
    EXPECT_TRUE(spec.mutates);
    ASSERT_TRUE(spec.body.has_value());
    ASSERT_EQ(spec.body->fields().size(), 1u);
    EXPECT_EQ(spec.body->fields()[0].first, "warehouse_id");
    EXPECT_TRUE(spec.body->fields()[0].second.isRequired());
    EXPECT_EQ(spec.body->fields()[0].second.minimumLength(), 1u);
  }
}

TEST_F(WarehouseRoutesTest, StartAndStopReportTheStateRightAfterTheCall) {
  auto r = post("start", {{"warehouse_id", "w-stop"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json{{"warehouse_id", "w-stop"},
                            {"state", "STARTING"},
                            {"name", "Stopped one"},
                            {"message", "Warehouse w-stop is starting"}}));
  EXPECT_EQ(ws->startedWarehouses(), std::vector<std::string>{"w-stop"});

  r = post("stop", {{"warehouse_id", "w-run"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["state"], "STOPPING");
  EXPECT_EQ(r.body()["message"], "Warehouse w-run is stopping");
  EXPECT_EQ(ws->stoppedWarehouses(), std::vector<std::string>{"w-run"});
}

TEST_F(WarehouseRoutesTest, UnknownWarehouseIs404AndBlankIdIs422) {
  auto r = post("start", {{"warehouse_id", "nope"}});
  EXPECT_EQ(r.status(), 404);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("nope"), std::string::npos);
  EXPECT_EQ(post("stop", {{"warehouse_id", "nope"}}).status(), 404);

  r = post("stop", {{"warehouse_id", "  "}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "warehouse_id"}));
  EXPECT_EQ(ws->stoppedWarehouses(), std::vector<std::string>{"nope"}) << "blank never sent";
}

// A workspace that provides no service at all: asking for warehouses answers 501.
class BareWorkspace final : public Workspace {
 public:
  std::string kind() const override { return "bare"; }
  std::string host() const override { return "bare"; }
};

TEST_F(WarehouseRoutesTest, AWorkspaceWithoutWarehouseControlIs501) {
  RequestParts p;
  p.method = Method::Post;
  p.body = Json{{"warehouse_id", "x"}};
  p.credentials = Credentials{};
  p.workspaceResolver = [](const Credentials&) -> std::shared_ptr<Workspace> {
    return std::make_shared<BareWorkspace>();
  };
  EXPECT_EQ(routes.call("POST /api/warehouse/start", std::move(p)).status(), 501);
}

}  // namespace
}  // namespace clxs::platform
