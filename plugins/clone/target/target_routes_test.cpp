#include "plugins/clone/target/target_routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::clone::target {
namespace {

using clxs::testing::MemoryWorkspace;

constexpr const char* kToken = "dapi-very-secret-token-42";

class TargetRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerTargetRoutes(
        routes,
        [this](const Credentials& c) -> std::shared_ptr<Workspace> {
          opened.push_back(c);
          if (openFailure) throw WorkspaceError(openFailure->first, openFailure->second);
          return ws;
        },
        clock);
    ws->addTable(clxs::testing::makeTable("zeta", "s", "t"));
    ws->addTable(clxs::testing::makeTable("alpha", "s", "t"));
    ws->addTable(clxs::testing::makeTable("main", "s", "t"));
    ws->setWarehouses({{"abc123", "Serverless Starter", "Small", "RUNNING", "SERVERLESS"},
                       {"def456", "Pro Warehouse", "Medium", "STOPPED", "PRO"}});
    ws->setMetastoreSummary(
        Json{{"metastore_id", "m-1"}, {"global_metastore_id", "azure:eastus:m-1"}});
  }

  static Json body(Json extra = Json::object()) {
    Json b{{"host", "https://adb-target.azuredatabricks.net"},
           {"auth_method", "pat"},
           {"token", kToken},
           {"warehouse_id", "abc123"}};
    for (auto& [k, v] : extra.items()) b[k] = v;
    return b;
  }

  Response post(const std::string& path, Json b) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(b);
    return routes.call("POST " + path, std::move(p));
  }

  clxs::testing::CaptureRoutes routes;
  clxs::testing::ManualClock clock;
  std::shared_ptr<MemoryWorkspace> ws = std::make_shared<MemoryWorkspace>("eng@example.com");
  std::vector<Credentials> opened;
  std::optional<std::pair<WorkspaceErrorClass, std::string>> openFailure;
};

TEST_F(TargetRoutesTest, RegistersTheFourRoutesWithTheirModels) {
  for (const char* p : {"validate", "warehouses", "catalogs", "whoami"}) {
    const std::string key = std::string("POST /api/target/") + p;
    ASSERT_TRUE(routes.has(key)) << key;
    ASSERT_TRUE(routes.spec(key).body.has_value()) << key;
  }
  EXPECT_EQ(routes.spec("POST /api/target/validate").body->name(), "TargetWorkspace");
  EXPECT_EQ(routes.spec("POST /api/target/whoami").body->name(), "TargetWorkspaceConnect");
}

TEST_F(TargetRoutesTest, ValidateReportsUserCatalogsSharingIdAndWarehouse) {
  const auto r = post("/api/target/validate", body());
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const auto& b = r.body();
  EXPECT_EQ(b["ok"], true);
  EXPECT_EQ(b["host"], "https://adb-target.azuredatabricks.net");
  EXPECT_EQ(b["user"], "eng@example.com");
  EXPECT_EQ(b["catalog_count"], 3);
  EXPECT_EQ(b["metastore_sharing_id"], "azure:eastus:m-1");
  EXPECT_TRUE(b["sharing_error"].is_null());
  EXPECT_EQ(b["warehouse_state"], "RUNNING");
  EXPECT_EQ(b["warehouse_name"], "Serverless Starter");
  EXPECT_EQ(b["warehouse_start_triggered"], false);
  EXPECT_TRUE(ws->startedWarehouses().empty());
  EXPECT_EQ(b.dump().find(kToken), std::string::npos) << "the token is never echoed";

  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].source, CredentialSource::Headers);
  EXPECT_EQ(opened[0].host, "https://adb-target.azuredatabricks.net");
  EXPECT_EQ(opened[0].token, kToken);
  EXPECT_EQ(opened[0].authMethod, "pat");
}

TEST_F(TargetRoutesTest, ValidateStartsAStoppedWarehouseWithoutWaiting) {
  const auto r = post("/api/target/validate", body({{"warehouse_id", "def456"}}));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["warehouse_state"], "STOPPED");
  EXPECT_EQ(r.body()["warehouse_name"], "Pro Warehouse");
  EXPECT_EQ(r.body()["warehouse_start_triggered"], true);
  EXPECT_EQ(ws->startedWarehouses(), std::vector<std::string>{"def456"});
}

TEST_F(TargetRoutesTest, ValidateRejectsAnInvisibleWarehouseWith400) {
  const auto r = post("/api/target/validate", body({{"warehouse_id", "nope"}}));
  EXPECT_EQ(r.status(), 400);
  EXPECT_EQ(r.body()["detail"], "warehouse nope is not visible in the target workspace");
}

TEST_F(TargetRoutesTest, AMetastoreThatCannotBeReadIsASharingErrorNotAFailure) {
  ws->fail("metastoreSummary", WorkspaceErrorClass::PermissionDenied,
           std::string("no metastore admin for ") + kToken);
  const auto r = post("/api/target/validate", body());
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_TRUE(r.body()["metastore_sharing_id"].is_null());
  const auto err = r.body()["sharing_error"].get<std::string>();
  EXPECT_NE(err.find("no metastore admin"), std::string::npos);
  EXPECT_EQ(err.find(kToken), std::string::npos);
}

TEST_F(TargetRoutesTest, AuthFailuresAndUnreachableWorkspacesAre401WithoutTheSecret) {
  for (auto c : {WorkspaceErrorClass::Unauthenticated, WorkspaceErrorClass::PermissionDenied,
                 WorkspaceErrorClass::Remote, WorkspaceErrorClass::Timeout}) {
    openFailure = {{c, std::string("Invalid access token ") + kToken}};
    for (const char* p : {"validate", "warehouses", "catalogs", "whoami"}) {
      const auto r = post(std::string("/api/target/") + p, body());
      EXPECT_EQ(r.status(), 401) << p;
      const auto detail = r.body()["detail"].get<std::string>();
      EXPECT_NE(detail.find("Invalid access token ****"), std::string::npos) << detail;
      EXPECT_NE(detail.find("https://adb-target.azuredatabricks.net"), std::string::npos);
      EXPECT_EQ(detail.find(kToken), std::string::npos) << detail;
    }
  }
  openFailure = {{WorkspaceErrorClass::Unavailable, "Databricks is not available in this build"}};
  EXPECT_EQ(post("/api/target/whoami", body()).status(), 501);
}

TEST_F(TargetRoutesTest, BadBodiesAre400Or422BeforeAnyConnection) {
  Json noToken = body();
  noToken.erase("token");
  auto r = post("/api/target/validate", noToken);
  EXPECT_EQ(r.status(), 400);
  EXPECT_EQ(r.body()["detail"], "token is required when auth_method is \"pat\"");

  r = post("/api/target/catalogs", body({{"host", "http://adb-1.azuredatabricks.net"}}));
  EXPECT_EQ(r.status(), 422);
  Json noWarehouse = body();
  noWarehouse.erase("warehouse_id");
  EXPECT_EQ(post("/api/target/validate", noWarehouse).status(), 422);
  EXPECT_EQ(post("/api/target/whoami", noWarehouse).status(), 200) << "connect needs none";
  ASSERT_EQ(opened.size(), 1u) << "only the valid whoami connected";
}

TEST_F(TargetRoutesTest, WarehousesCatalogsAndWhoami) {
  auto r = post("/api/target/warehouses", body());
  ASSERT_EQ(r.status(), 200);
  ASSERT_EQ(r.body().size(), 2u);
  EXPECT_EQ(r.body()[1], (Json{{"id", "def456"},
                               {"name", "Pro Warehouse"},
                               {"size", "Medium"},
                               {"type", "PRO"},
                               {"state", "STOPPED"}}));

  r = post("/api/target/catalogs", body());
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json{"alpha", "main", "zeta"}));

  r = post("/api/target/whoami",
           Json{{"host", "https://h.net/"}, {"auth_method", "profile"}, {"profile", "staging"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json{{"user", "eng@example.com"}, {"host", "https://h.net"}}));
  EXPECT_EQ(opened.back().source, CredentialSource::Profile);
  EXPECT_EQ(opened.back().profile, "staging");
  EXPECT_TRUE(opened.back().host.empty());

  r = post("/api/target/whoami", Json{{"host", "https://h.net"},
                                      {"auth_method", "service_principal"},
                                      {"client_id", "cid"},
                                      {"client_secret", "csecret"}});
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(opened.back().authMethod, "databricks-oauth-sp");
  EXPECT_EQ(opened.back().clientSecret, "csecret");
}

}  // namespace
}  // namespace clxs::clone::target
