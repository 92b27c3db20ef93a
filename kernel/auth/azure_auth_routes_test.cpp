#include "kernel/auth/azure_auth_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "clxs/error.hpp"
#include "clxs/workspace.hpp"
#include "kernel/auth/test_fakes.hpp"
#include "kernel/http/validating_routes.hpp"

namespace clxs::kernel {
namespace {

using clxs::Json;
using clxs::RequestParts;
using clxs::Response;
using testing::FakeClock;
using testing::FakeLauncher;
using testing::MapEnvironment;

// Azure as a table of listings and tokens; `failure` makes every call throw.
class FakeAzure final : public AzureApi {
 public:
  std::string accessToken(const std::string& resource) override {
    if (failure) throw *failure;
    tokenResources.push_back(resource);
    return "aad-token-for-databricks-0001";
  }
  Json armList(const std::string& pathAndQuery) override {
    if (failure) throw *failure;
    listed.push_back(pathAndQuery);
    auto it = listings.find(pathAndQuery);
    return it == listings.end() ? Json::array() : it->second;
  }

  std::map<std::string, Json> listings;
  std::optional<clxs::HttpError> failure;
  std::vector<std::string> tokenResources;
  std::vector<std::string> listed;
};

class AzureAuthRoutesTest : public ::testing::Test {
 protected:
  AzureAuthRoutesTest() {
    auth = std::make_unique<AuthService>(clock, nullptr, std::make_unique<MapEnvironment>());
    registerAzureAuthRoutes(routes, *auth, launcher, azure);
  }

  Response call(const std::string& key, Json body = nullptr, Json query = Json::object()) {
    RequestParts parts;
    parts.body = std::move(body);
    parts.query = std::move(query);
    Response r = routes.call(key, std::move(parts));
    EXPECT_EQ(r.body().dump().find("aad-token-for-databricks-0001"), std::string::npos)
        << r.body().dump();
    return r;
  }

  FakeClock clock;
  std::unique_ptr<AuthService> auth;
  std::shared_ptr<FakeLauncher> launcher = std::make_shared<FakeLauncher>();
  std::shared_ptr<FakeAzure> azure = std::make_shared<FakeAzure>();
  testing::ValidatingRoutes routes;
};

TEST_F(AzureAuthRoutesTest, RegistersTheRoutes) {
  for (const char* key : {"POST /api/auth/azure-login", "GET /api/auth/azure/tenants",
                          "GET /api/auth/azure/subscriptions", "GET /api/auth/azure/workspaces",
                          "POST /api/auth/azure/connect"}) {
    ASSERT_TRUE(routes.has(key)) << key;
  }
  const auto& ws = routes.spec("GET /api/auth/azure/workspaces");
  ASSERT_EQ(ws.query.size(), 1u);
  EXPECT_EQ(ws.query[0].first, "subscription_id");
  EXPECT_TRUE(ws.query[0].second.isRequired());
  ASSERT_TRUE(routes.spec("POST /api/auth/azure/connect").body.has_value());
}

TEST_F(AzureAuthRoutesTest, AzureLoginWithoutAzIs501) {
  const Response r = call("POST /api/auth/azure-login");
  EXPECT_EQ(r.status(), 501);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("Azure CLI (az)"), std::string::npos);
  EXPECT_TRUE(launcher->started.empty());
}

TEST_F(AzureAuthRoutesTest, AzureLoginAnswersTheDeviceCodeMessage) {
  launcher->programs["az"] = "/usr/bin/az";
  launcher->firstLine = "To sign in, use a web browser to open https://microsoft.com/devicelogin";
  const Response r = call("POST /api/auth/azure-login");
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json{{"status", "started"}, {"message", launcher->firstLine}}));
  ASSERT_EQ(launcher->started.size(), 1u);
  EXPECT_EQ(launcher->started[0],
            (std::vector<std::string>{"/usr/bin/az", "login", "--use-device-code"}));
}

TEST_F(AzureAuthRoutesTest, AzureLoginWithoutOutputStillAnswers) {
  launcher->programs["az"] = "/usr/bin/az";
  const Response r = call("POST /api/auth/azure-login");
  EXPECT_EQ(r.status(), 200);
  EXPECT_NE(r.body()["message"].get<std::string>().find("no device code"), std::string::npos);
}

TEST_F(AzureAuthRoutesTest, Tenants) {
  azure->listings["/tenants?api-version=2020-01-01"] = Json::array(
      {Json{{"tenantId", "t1"}, {"displayName", "Contoso"}, {"defaultDomain", "contoso.com"}},
       Json{{"tenantId", "t2"}}});
  const Response r = call("GET /api/auth/azure/tenants");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(
      r.body(),
      (Json::array(
          {Json{
               {"tenant_id", "t1"}, {"display_name", "Contoso"}, {"default_domain", "contoso.com"}},
           Json{{"tenant_id", "t2"}, {"display_name", ""}, {"default_domain", ""}}})));
}

TEST_F(AzureAuthRoutesTest, SubscriptionsFilteredByTenant) {
  azure->listings["/subscriptions?api-version=2020-01-01"] =
      Json::array({Json{{"subscriptionId", "s1"},
                        {"displayName", "Prod"},
                        {"state", "Enabled"},
                        {"tenantId", "t1"}},
                   Json{{"subscriptionId", "s2"},
                        {"displayName", "Dev"},
                        {"state", "Enabled"},
                        {"tenantId", "t2"}}});
  EXPECT_EQ(call("GET /api/auth/azure/subscriptions").body().size(), 2u);
  const Response r = call("GET /api/auth/azure/subscriptions", nullptr, Json{{"tenant_id", "t2"}});
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json::array({Json{{"subscription_id", "s2"},
                                         {"display_name", "Dev"},
                                         {"state", "Enabled"},
                                         {"tenant_id", "t2"}}})));
}

TEST_F(AzureAuthRoutesTest, WorkspacesOfASubscription) {
  const std::string sub = "0a1b2c3d-0000-1111-2222-333344445555";
  const std::string id = "/subscriptions/" + sub +
                         "/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/ws1";
  azure->listings["/subscriptions/" + sub +
                  "/providers/Microsoft.Databricks/workspaces?api-version=2018-04-01"] =
      Json::array({Json{{"name", "ws1"},
                        {"id", id},
                        {"location", "westeurope"},
                        {"properties", {{"workspaceUrl", "adb-1.2.azuredatabricks.net"}}}}});
  const Response r =
      call("GET /api/auth/azure/workspaces", nullptr, Json{{"subscription_id", sub}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), (Json::array({Json{{"name", "ws1"},
                                         {"host", "https://adb-1.2.azuredatabricks.net"},
                                         {"location", "westeurope"},
                                         {"resource_group", "rg-data"},
                                         {"id", id}}})));
}

TEST_F(AzureAuthRoutesTest, WorkspacesNeedAValidSubscriptionId) {
  Response r = call("GET /api/auth/azure/workspaces");
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"query", "subscription_id"})));
  r = call("GET /api/auth/azure/workspaces", nullptr, Json{{"subscription_id", "../tenants?x="}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_TRUE(azure->listed.empty()) << "nothing reached Azure";
}

TEST_F(AzureAuthRoutesTest, AzureFailuresKeepTheirStatus) {
  azure->failure = clxs::notImplemented("no az and no ARM_* variables");
  Response r = call("GET /api/auth/azure/tenants");
  EXPECT_EQ(r.status(), 501);
  EXPECT_EQ(r.body()["detail"], "no az and no ARM_* variables");
  r = call("POST /api/auth/azure/connect", Json{{"host", "https://adb-1.azuredatabricks.net"}});
  EXPECT_EQ(r.status(), 501);
  EXPECT_EQ(auth->sessions().size(), 0u);
}

TEST_F(AzureAuthRoutesTest, ConnectOpensAServerWideSession) {
  auth->setWhoAmI([](const clxs::Credentials& c) {
    EXPECT_EQ(c.token, "aad-token-for-databricks-0001");
    EXPECT_EQ(c.authMethod, "azure-cli");
    return std::string("alice@contoso.com");
  });
  const Response r =
      call("POST /api/auth/azure/connect", Json{{"host", "adb-1.2.azuredatabricks.net/"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(azure->tokenResources, (std::vector<std::string>{kAzureDatabricksResource}));
  const std::string id = r.body()["session_id"];
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "alice@contoso.com"},
                            {"host", "https://adb-1.2.azuredatabricks.net"},
                            {"auth_method", "azure-cli"},
                            {"session_id", id}}));
  EXPECT_EQ(auth->resolver().selectedSession(), id);
  EXPECT_EQ(auth->resolve({}).authMethod, "azure-cli");
}

TEST_F(AzureAuthRoutesTest, ConnectRejectedByTheWorkspaceIs401) {
  auth->setWhoAmI([](const clxs::Credentials&) -> std::string {
    throw clxs::WorkspaceError(clxs::WorkspaceErrorClass::Unauthenticated, "User not authorized");
  });
  const Response r = call("POST /api/auth/azure/connect", Json{{"host", "https://adb-1.net"}});
  EXPECT_EQ(r.status(), 401);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("User not authorized"), std::string::npos);
}

TEST_F(AzureAuthRoutesTest, ConnectValidatesTheHost) {
  Response r = call("POST /api/auth/azure/connect", Json::object());
  EXPECT_EQ(r.status(), 422);
  r = call("POST /api/auth/azure/connect", Json{{"host", "http://adb-1.azuredatabricks.net"}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "host"})));
  EXPECT_TRUE(azure->tokenResources.empty());
}

}  // namespace
}  // namespace clxs::kernel
