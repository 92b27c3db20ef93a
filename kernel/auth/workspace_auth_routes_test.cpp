#include "kernel/auth/workspace_auth_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/testing/fault_injector.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "clxs/workspace.hpp"
#include "kernel/http/validating_routes.hpp"

namespace clxs::kernel {
namespace {

using clxs::Json;
using clxs::RequestParts;
using clxs::Response;
using clxs::WorkspaceError;
using clxs::WorkspaceErrorClass;

// Remembers the warehouse each SQL statement asked for.
class WarehouseSeen final : public clxs::CallInterceptor {
 public:
  void before(const clxs::WorkspaceCall& call) override {
    if (call.service == clxs::SqlService::kId) warehouse = call.options.warehouseId;
  }
  std::string warehouse;
};

// Schemas with one managed volume "files" each.
void addSchemasWithVolumes(clxs::testing::MemoryWorkspace& ws,
                           const std::map<std::string, std::vector<std::string>>& schemas) {
  for (const auto& [catalog, names] : schemas) {
    for (const auto& name : names) {
      ws.addSchema({catalog, name, "", "owner"});
      clxs::VolumeInfo v;
      v.catalog = catalog;
      v.schema = name;
      v.name = "files";
      v.volumeType = "MANAGED";
      ws.addVolume(v);
    }
  }
}

std::vector<std::string> callsOf(const clxs::testing::MemoryWorkspace& ws,
                                 const std::string& method) {
  std::vector<std::string> out;
  for (const auto& c : ws.calls()) {
    if (c.call.rfind(method + " ", 0) == 0) out.push_back(c.call.substr(method.size() + 1));
  }
  return out;
}

class WorkspaceAuthRoutesTest : public ::testing::Test {
 protected:
  WorkspaceAuthRoutesTest() { registerWorkspaceAuthRoutes(routes); }

  Response call(const std::string& key, Json body = nullptr) {
    RequestParts parts;
    parts.body = std::move(body);
    parts.credentials = clxs::Credentials{};
    parts.workspaceResolver = [ws = ws](const clxs::Credentials&) { return ws; };
    return routes.call(key, std::move(parts));
  }

  std::shared_ptr<clxs::testing::MemoryWorkspace> ws = [] {
    auto w = std::make_shared<clxs::testing::MemoryWorkspace>();
    w->setWarehouses({{"wh-1", "Starter Warehouse", "Small", "RUNNING", "PRO"}});
    w->onSql([](std::string_view) { return clxs::ResultSet{{{"1", "INT"}}, {{Json(1)}}}; });
    return w;
  }();
  testing::ValidatingRoutes routes;
};

TEST_F(WorkspaceAuthRoutesTest, Warehouses) {
  const Response r = call("GET /api/auth/warehouses");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json::array({Json{{"id", "wh-1"},
                                         {"name", "Starter Warehouse"},
                                         {"size", "Small"},
                                         {"state", "RUNNING"},
                                         {"type", "PRO"}}})));
}

TEST_F(WorkspaceAuthRoutesTest, WarehousesWithoutAWorkspaceKeepTheError) {
  RequestParts parts;
  parts.credentials = clxs::Credentials{};
  parts.workspaceResolver = [](const clxs::Credentials&) -> std::shared_ptr<clxs::Workspace> {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated, "Invalid access token");
  };
  const Response r = routes.call("GET /api/auth/warehouses", std::move(parts));
  EXPECT_EQ(r.status(), 401);
}

TEST_F(WorkspaceAuthRoutesTest, VolumesAcrossCatalogsSkippingInformationSchema) {
  addSchemasWithVolumes(*ws, {{"main", {"default", "information_schema"}}, {"sales", {"raw"}}});
  const Response r = call("GET /api/auth/volumes");
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json::array({Json{{"catalog", "main"},
                                         {"schema", "default"},
                                         {"name", "files"},
                                         {"full_name", "main.default.files"},
                                         {"volume_type", "MANAGED"}},
                                    Json{{"catalog", "sales"},
                                         {"schema", "raw"},
                                         {"name", "files"},
                                         {"full_name", "sales.raw.files"},
                                         {"volume_type", "MANAGED"}}})));
  EXPECT_EQ(callsOf(*ws, "volumes"), (std::vector<std::string>{"main default", "sales raw"}));
  EXPECT_TRUE(r.headers().empty());
}

TEST_F(WorkspaceAuthRoutesTest, ACatalogThatFailsIsSkippedWithAWarning) {
  addSchemasWithVolumes(*ws, {{"locked", {"x"}}, {"main", {"default"}}});
  clxs::testing::FaultInjector::install(
      *ws, {.permanentFailure = [](std::string_view call) { return call == "schemas locked"; }});
  const Response r = call("GET /api/auth/volumes");
  ASSERT_EQ(r.status(), 200);
  ASSERT_EQ(r.body().size(), 1u);
  EXPECT_EQ(r.body()[0]["full_name"], "main.default.files");
  ASSERT_EQ(r.headers().size(), 1u);
  EXPECT_EQ(r.headers()[0].first, "X-Clxs-Warning");
  EXPECT_EQ(r.headers()[0].second,
            "catalog 'locked' skipped: injected permanent failure of schemas locked");
}

TEST_F(WorkspaceAuthRoutesTest, TestWarehouseRunsSelectOneOnIt) {
  auto seen = std::make_shared<WarehouseSeen>();
  ws->intercept(seen);
  const Response r = call("POST /api/auth/test-warehouse", Json{{"warehouse_id", "wh-1"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json{{"status", "ok"},
                            {"message", "Warehouse is reachable"},
                            {"result", Json::array({Json{{"1", 1}}})}}));
  EXPECT_EQ(ws->statements(), (std::vector<std::string>{"SELECT 1"}));
  EXPECT_EQ(seen->warehouse, "wh-1");
}

TEST_F(WorkspaceAuthRoutesTest, TestWarehouseUnknownIs404) {
  const Response r = call("POST /api/auth/test-warehouse", Json{{"warehouse_id", "nope"}});
  EXPECT_EQ(r.status(), 404);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("'nope'"), std::string::npos);
  EXPECT_TRUE(ws->statements().empty());
}

TEST_F(WorkspaceAuthRoutesTest, TestWarehouseBadInputIs422) {
  for (const Json& body : {Json::object(), Json{{"warehouse_id", ""}}, Json{{"warehouse_id", 3}}}) {
    const Response r = call("POST /api/auth/test-warehouse", body);
    EXPECT_EQ(r.status(), 422) << body.dump();
    EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "warehouse_id"})));
  }
}

TEST_F(WorkspaceAuthRoutesTest, TestWarehouseFailureKeepsTheWorkspaceStatus) {
  ws->onSql([](std::string_view) -> clxs::ResultSet {
    throw WorkspaceError(WorkspaceErrorClass::PermissionDenied,
                         "User does not have CAN_USE on warehouse wh-1");
  });
  const Response r = call("POST /api/auth/test-warehouse", Json{{"warehouse_id", "wh-1"}});
  EXPECT_EQ(r.status(), 403);
  EXPECT_EQ(r.body()["detail"], "User does not have CAN_USE on warehouse wh-1");
}

TEST_F(WorkspaceAuthRoutesTest, ServingEndpointsKeepReadyOnes) {
  ws->setServingEndpoints(Json::array({
      Json{{"name", "databricks-meta-llama-3-1-405b"},
           {"state", {{"ready", "READY"}, {"config_update", "NOT_UPDATING"}}}},
      Json{{"name", "claude-sonnet-4"},
           {"state", {{"ready", "READY"}}},
           {"config",
            {{"served_entities",
              Json::array({{{"external_model", {{"provider", "anthropic"}}}}})}}}},
      Json{{"name", "my-model"},
           {"state", {{"ready", "READY"}}},
           {"config", {{"served_entities", Json::array({{{"name", "x"}}})}}}},
      Json{{"name", "gpt-pending"}, {"state", {{"ready", "NOT_READY"}}}},
      Json{{"name", "no-state"}},
  }));
  const Response r = call("GET /api/auth/serving-endpoints");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(),
            (Json{{"success", true},
                  {"endpoints", Json::array({Json{{"name", "databricks-meta-llama-3-1-405b"},
                                                  {"state", "READY"},
                                                  {"provider", "databricks"},
                                                  {"is_claude", false}},
                                             Json{{"name", "claude-sonnet-4"},
                                                  {"state", "READY"},
                                                  {"provider", "anthropic"},
                                                  {"is_claude", true}},
                                             Json{{"name", "my-model"},
                                                  {"state", "READY"},
                                                  {"provider", "databricks"},
                                                  {"is_claude", false}}})}}));
}

TEST_F(WorkspaceAuthRoutesTest, ServingEndpointsUnavailableAreLabelled) {
  const Response r = call("GET /api/auth/serving-endpoints");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json{{"success", true},
                            {"endpoints", Json::array()},
                            {"available", false},
                            {"reason", "The memory workspace has no Model Serving endpoints"}}));
}

TEST_F(WorkspaceAuthRoutesTest, GenieSpaces) {
  ws->setGenieSpaces(Json::array({Json{{"space_id", "01ef"},
                                       {"title", "Sales"},
                                       {"description", "Genie space over prod.sales"},
                                       {"warehouse_id", "wh-1"}},
                                  Json{{"space_id", "02ab"}, {"title", "Ops"}}}));
  const Response r = call("GET /api/auth/genie-spaces");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(
      r.body(),
      (Json{{"success", true},
            {"spaces",
             Json::array({Json{{"space_id", "01ef"},
                               {"title", "Sales"},
                               {"description", "Genie space over prod.sales"}},
                          Json{{"space_id", "02ab"}, {"title", "Ops"}, {"description", ""}}})}}));
}

TEST_F(WorkspaceAuthRoutesTest, GenieSpacesUnavailableAreLabelled) {
  const Response r = call("GET /api/auth/genie-spaces");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["spaces"], Json::array());
  EXPECT_EQ(r.body()["available"], false);
  EXPECT_EQ(r.body()["reason"], "The memory workspace has no Genie spaces");
}

}  // namespace
}  // namespace clxs::kernel
