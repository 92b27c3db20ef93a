#include "kernel/auth/auth_routes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/workspace.hpp"
#include "kernel/auth/test_fakes.hpp"
#include "kernel/http/validating_routes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using clxs::Json;
using clxs::RequestParts;
using clxs::Response;
using testing::FakeClock;
using testing::FakeConfig;
using testing::MapEnvironment;
using testing::TempDir;

// Every secret the tests put anywhere; none may appear in any response body.
const std::vector<std::string> kSecrets = {
    "dapi-dev-token-0000001", "sp-secret-value-123",    "dapi-env-token-000001",
    "env-client-secret-0001", "az-env-secret-00001",    "dapi-header-token-0001",
    "app-secret-value-00001", "dapi-login-token-00001", "sp-login-secret-00001",
};

constexpr const char* kCfg =
    "[DEFAULT]\n"
    "[dev]\n"
    "host = dev.cloud.databricks.com\n"
    "token = dapi-dev-token-0000001\n"
    "[sp]\n"
    "host = https://sp.cloud.databricks.com\n"
    "client_id = sp-client\n"
    "client_secret = sp-secret-value-123\n"
    "[u2m]\n"
    "host = https://u2m.cloud.databricks.com\n"
    "auth_type = databricks-cli\n"
    "[nohost]\n"
    "cluster_id = abc\n";

class AuthRoutesTest : public ::testing::Test {
 protected:
  AuthRoutesTest() {
    auto e = std::make_unique<MapEnvironment>();
    env = e.get();
    env->homeDir = home.path();
    env->user = "tester";
    auth = std::make_unique<AuthService>(clock, &config, std::move(e));
    registerAuthRoutes(routes, *auth, AuthTools{launcher, nullptr});
  }

  ~AuthRoutesTest() override {
    for (const auto& body : bodies) {
      for (const auto& secret : kSecrets) {
        EXPECT_EQ(body.find(secret), std::string::npos)
            << "secret '" << secret << "' leaked in " << body;
      }
    }
  }

  void writeCfg(const std::string& text = kCfg) {
    std::ofstream(home.path() / ".databrickscfg", std::ios::trunc) << text;
  }

  Response call(const std::string& key, std::map<std::string, std::string> headers = {},
                Json body = nullptr) {
    RequestParts parts;
    parts.headers = std::move(headers);
    parts.body = std::move(body);
    Response r = routes.call(key, std::move(parts));
    bodies.push_back(r.body().dump());
    return r;
  }

  void useWhoAmI(std::function<std::string(const clxs::Credentials&)> fn) {
    auth->setWhoAmI(std::move(fn));
  }

  TempDir home;
  MapEnvironment* env = nullptr;
  FakeClock clock;
  FakeConfig config;
  std::unique_ptr<AuthService> auth;
  std::shared_ptr<testing::FakeLauncher> launcher = std::make_shared<testing::FakeLauncher>();
  testing::ValidatingRoutes routes;
  std::vector<std::string> bodies;
};

const std::map<std::string, std::string> kHeaderCreds{
    {"x-databricks-host", "https://adb-1.azuredatabricks.net"},
    {"x-databricks-token", "dapi-header-token-0001"}};

TEST_F(AuthRoutesTest, RegistersTheRoutes) {
  clxs::testing::CaptureRoutes withDefaultTools;
  registerAuthRoutes(withDefaultTools, *auth);
  for (const char* key :
       {"GET /api/auth/status", "POST /api/auth/logout", "GET /api/auth/env-vars",
        "GET /api/auth/profiles", "POST /api/auth/use-profile", "GET /api/auth/auto-login",
        "POST /api/auth/login", "POST /api/auth/service-principal", "POST /api/auth/oauth-login",
        "POST /api/auth/azure-login", "GET /api/auth/azure/tenants",
        "GET /api/auth/azure/subscriptions", "GET /api/auth/azure/workspaces",
        "POST /api/auth/azure/connect", "GET /api/auth/warehouses", "GET /api/auth/volumes",
        "POST /api/auth/test-warehouse", "GET /api/auth/serving-endpoints",
        "GET /api/auth/genie-spaces"}) {
    ASSERT_TRUE(routes.has(key)) << key;
    ASSERT_TRUE(withDefaultTools.has(key)) << key;
    EXPECT_FALSE(routes.spec(key).summary.empty()) << key;
    EXPECT_FALSE(routes.spec(key).description.empty()) << key;
  }
  const auto& spec = routes.spec("POST /api/auth/use-profile");
  ASSERT_TRUE(spec.body.has_value());
  ASSERT_EQ(spec.body->fields().size(), 1u);
  EXPECT_EQ(spec.body->fields()[0].first, "profile_name");
  EXPECT_TRUE(spec.body->fields()[0].second.isRequired());
  EXPECT_TRUE(spec.mutates);
  EXPECT_FALSE(routes.spec("GET /api/auth/status").mutates);
}

TEST_F(AuthRoutesTest, StatusForTheLocalWorkspace) {
  const Response r = call("GET /api/auth/status");
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "tester"},
                            {"host", "local"},
                            {"auth_method", "local"},
                            {"session_id", nullptr}}));
}

TEST_F(AuthRoutesTest, StatusProbesRemoteCredentials) {
  int calls = 0;
  std::string seenToken;
  useWhoAmI([&](const clxs::Credentials& c) {
    ++calls;
    seenToken = c.token;
    return std::string("alice@example.com");
  });
  const Response r = call("GET /api/auth/status", kHeaderCreds);
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "alice@example.com"},
                            {"host", "https://adb-1.azuredatabricks.net"},
                            {"auth_method", "pat"},
                            {"session_id", nullptr}}));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seenToken, "dapi-header-token-0001");
}

TEST_F(AuthRoutesTest, StatusReportsRejectedCredentialsWithoutLeakingThem) {
  useWhoAmI([](const clxs::Credentials& c) -> std::string {
    throw clxs::HttpError(401, "Invalid access token " + c.token);
  });
  const Response r = call("GET /api/auth/status", kHeaderCreds);
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["authenticated"], false);
  EXPECT_TRUE(r.body()["user"].is_null());
  EXPECT_EQ(r.body()["auth_method"], "pat");
  EXPECT_EQ(r.body()["error"], "Invalid access token dapi...0001");
}

TEST_F(AuthRoutesTest, StatusWithoutAConnector) {
  const Response r = call("GET /api/auth/status", kHeaderCreds);
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["authenticated"], false);
  EXPECT_NE(r.body()["error"].get<std::string>().find("connector"), std::string::npos);
}

TEST_F(AuthRoutesTest, StatusNeverAnswers401) {
  const Response r =
      call("GET /api/auth/status", {{"x-clone-session", "0123456789abcdef0123456789abcdef"}});
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["authenticated"], false);
  EXPECT_EQ(r.body()["error"], "Session expired or unknown; log in again");
}

TEST_F(AuthRoutesTest, StatusAnswersFromAVerifiedSessionWithoutProbing) {
  int calls = 0;
  useWhoAmI([&](const clxs::Credentials&) {
    ++calls;
    return std::string("probe");
  });
  clxs::Credentials c;
  c.source = clxs::CredentialSource::Headers;
  c.host = "https://h.cloud.databricks.com";
  c.token = "dapi-header-token-0001";
  c.authMethod = "pat";
  const std::string id = auth->createSession(c, "bob@example.com");

  const Response r = call("GET /api/auth/status", {{"x-clone-session", id}});
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "bob@example.com"},
                            {"host", "https://h.cloud.databricks.com"},
                            {"auth_method", "pat"},
                            {"session_id", id}}));
  EXPECT_EQ(calls, 0);
}

TEST_F(AuthRoutesTest, EnvVarsAreMasked) {
  env->vars = {{"DATABRICKS_HOST", "https://env.cloud.databricks.com"},
               {"DATABRICKS_TOKEN", "dapi-env-token-000001"},
               {"DATABRICKS_CLIENT_ID", "env-client"},
               {"DATABRICKS_CLIENT_SECRET", "env-client-secret-0001"},
               {"AZURE_CLIENT_SECRET", "az-env-secret-00001"},
               {"AZURE_TENANT_ID", ""},
               {"DATABRICKS_CONFIG_PROFILE", "dev"}};
  const Response r = call("GET /api/auth/env-vars");
  EXPECT_EQ(r.status(), 200);
  const Json expected{{"DATABRICKS_HOST", "https://env.cloud.databricks.com"},
                      {"DATABRICKS_TOKEN", "dapi...0001"},
                      {"DATABRICKS_CLIENT_ID", "env-client"},
                      {"DATABRICKS_CLIENT_SECRET", "env-...0001"},
                      {"AZURE_CLIENT_ID", nullptr},
                      {"AZURE_CLIENT_SECRET", "az-e...0001"},
                      {"AZURE_TENANT_ID", nullptr},
                      {"DATABRICKS_CONFIG_PROFILE", "dev"}};
  EXPECT_EQ(r.body(), expected);
  EXPECT_EQ(r.body().dump(), expected.dump()) << "key order follows the spec";
}

TEST_F(AuthRoutesTest, ShortSecretsAreFullyMasked) {
  env->vars = {{"DATABRICKS_TOKEN", "short"}};
  EXPECT_EQ(call("GET /api/auth/env-vars").body()["DATABRICKS_TOKEN"], "****");
}

TEST_F(AuthRoutesTest, ProfilesWithoutAFileIsEmpty) {
  const Response r = call("GET /api/auth/profiles");
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), Json::array());
}

TEST_F(AuthRoutesTest, ProfilesListsNameHostAndAuthType) {
  writeCfg();
  const Response r = call("GET /api/auth/profiles");
  EXPECT_EQ(
      r.body(),
      (Json::array({
          Json{{"name", "dev"}, {"host", "https://dev.cloud.databricks.com"}, {"auth_type", "pat"}},
          Json{{"name", "sp"},
               {"host", "https://sp.cloud.databricks.com"},
               {"auth_type", "oauth-sp"}},
          Json{{"name", "u2m"},
               {"host", "https://u2m.cloud.databricks.com"},
               {"auth_type", "oauth-u2m"}},
          Json{{"name", "nohost"}, {"host", ""}, {"auth_type", "oauth-u2m"}},
      })));
}

TEST_F(AuthRoutesTest, UseProfileMissingFieldIs422) {
  const Response r = call("POST /api/auth/use-profile", {}, Json::object());
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "profile_name"})));
}

TEST_F(AuthRoutesTest, UseProfileUnknownIs404NamingTheKnownOnes) {
  writeCfg();
  const Response r = call("POST /api/auth/use-profile", {}, {{"profile_name", "prod"}});
  EXPECT_EQ(r.status(), 404);
  const std::string detail = r.body()["detail"];
  EXPECT_NE(detail.find("'prod'"), std::string::npos) << detail;
  EXPECT_NE(detail.find("dev, sp, u2m, nohost"), std::string::npos) << detail;
}

TEST_F(AuthRoutesTest, UseProfileWithoutAFile) {
  const Response r = call("POST /api/auth/use-profile", {}, {{"profile_name", "dev"}});
  EXPECT_EQ(r.status(), 404);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("no profiles"), std::string::npos);
}

TEST_F(AuthRoutesTest, UseProfileWithoutHostIs400) {
  writeCfg();
  const Response r = call("POST /api/auth/use-profile", {}, {{"profile_name", "nohost"}});
  EXPECT_EQ(r.status(), 400);
}

TEST_F(AuthRoutesTest, UseProfileCreatesASessionAndSelectsTheProfile) {
  writeCfg();
  std::string seenToken;
  useWhoAmI([&](const clxs::Credentials& c) {
    seenToken = c.token;
    return std::string("dev-user@example.com");
  });
  const Response r = call("POST /api/auth/use-profile", {}, {{"profile_name", "dev"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const std::string id = r.body()["session_id"];
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "dev-user@example.com"},
                            {"host", "https://dev.cloud.databricks.com"},
                            {"auth_method", "cli-profile:dev"},
                            {"session_id", id},
                            {"profile", "dev"}}));
  EXPECT_EQ(seenToken, "dapi-dev-token-0000001");

  // The session carries the profile...
  const auto viaSession = auth->resolve({{"x-clone-session", id}});
  EXPECT_EQ(viaSession.source, clxs::CredentialSource::Session);
  EXPECT_EQ(viaSession.token, "dapi-dev-token-0000001");
  EXPECT_EQ(call("GET /api/auth/status", {{"x-clone-session", id}}).body()["user"],
            "dev-user@example.com");

  // ...and requests without credentials of their own use it too.
  const auto bare = auth->resolve({});
  EXPECT_EQ(bare.source, clxs::CredentialSource::Profile);
  EXPECT_EQ(bare.authMethod, "cli-profile:dev");

  // Logout ends both.
  const Response out = call("POST /api/auth/logout", {{"x-clone-session", id}});
  EXPECT_EQ(out.body(), (Json{{"status", "ok"}, {"message", "Logged out successfully"}}));
  EXPECT_FALSE(auth->sessions().find(id).has_value());
  EXPECT_EQ(auth->resolver().selectedProfile(), "");
  EXPECT_EQ(call("GET /api/auth/status", {{"x-clone-session", id}}).body()["authenticated"], false);
}

TEST_F(AuthRoutesTest, UseProfileThatCannotBeVerifiedStillSelectsIt) {
  writeCfg();
  useWhoAmI([](const clxs::Credentials&) -> std::string {
    throw std::runtime_error("connection refused");
  });
  const Response r = call("POST /api/auth/use-profile", {}, {{"profile_name", "sp"}});
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["authenticated"], false);
  EXPECT_TRUE(r.body()["user"].is_null());
  EXPECT_EQ(r.body()["error"], "connection refused");
  EXPECT_EQ(r.body()["auth_method"], "cli-profile:sp");
  EXPECT_EQ(auth->resolver().selectedProfile(), "sp");
}

TEST_F(AuthRoutesTest, LogoutWithoutASessionIsFine) {
  const Response r = call("POST /api/auth/logout");
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["status"], "ok");
}

TEST_F(AuthRoutesTest, AutoLoginOutsideTheAppRuntimeIs404) {
  const Response r = call("GET /api/auth/auto-login");
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.body(), (Json{{"detail", "Not running as a Databricks App"}}));
}

TEST_F(AuthRoutesTest, AutoLoginInTheAppRuntime) {
  env->vars = {{"DATABRICKS_APP_NAME", "clone-xs"},
               {"DATABRICKS_HOST", "adb-7.azuredatabricks.net"},
               {"DATABRICKS_CLIENT_ID", "app-client"},
               {"DATABRICKS_CLIENT_SECRET", "app-secret-value-00001"}};
  useWhoAmI([](const clxs::Credentials& c) {
    EXPECT_EQ(c.source, clxs::CredentialSource::DatabricksApp);
    EXPECT_EQ(c.clientSecret, "app-secret-value-00001");
    return std::string("service-principal@company.com");
  });
  const Response r = call("GET /api/auth/auto-login");
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const std::string id = r.body()["session_id"];
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "service-principal@company.com"},
                            {"host", "https://adb-7.azuredatabricks.net"},
                            {"auth_method", "databricks-app"},
                            {"session_id", id}}));
  EXPECT_EQ(auth->resolve({{"x-clone-session", id}}).source, clxs::CredentialSource::Session);
}

TEST_F(AuthRoutesTest, AutoLoginFailureKeepsTheWorkspaceStatus) {
  env->vars = {{"CLONE_XS_RUNTIME", "databricks-app"},
               {"DATABRICKS_HOST", "adb-7.azuredatabricks.net"},
               {"DATABRICKS_CLIENT_SECRET", "app-secret-value-00001"}};
  useWhoAmI([](const clxs::Credentials& c) -> std::string {
    throw clxs::HttpError(401, "bad secret " + c.clientSecret);
  });
  const Response r = call("GET /api/auth/auto-login");
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(r.body()["detail"], "Auto-login failed: bad secret app-...0001");
  EXPECT_EQ(auth->sessions().size(), 0u);
}

const Json kLogin{{"host", "login.cloud.databricks.com/"}, {"token", "dapi-login-token-00001"}};

TEST_F(AuthRoutesTest, LoginModelDeclaresHostAndToken) {
  const auto& spec = routes.spec("POST /api/auth/login");
  ASSERT_TRUE(spec.body.has_value());
  ASSERT_EQ(spec.body->fields().size(), 2u);
  EXPECT_EQ(spec.body->fields()[0].first, "host");
  EXPECT_EQ(spec.body->fields()[1].first, "token");
  EXPECT_TRUE(spec.body->fields()[0].second.isRequired());
  EXPECT_TRUE(spec.body->fields()[1].second.isRequired());
  EXPECT_TRUE(spec.mutates);
}

TEST_F(AuthRoutesTest, LoginOpensAServerWideSession) {
  std::string seenToken;
  useWhoAmI([&](const clxs::Credentials& c) {
    seenToken = c.token;
    EXPECT_EQ(c.host, "https://login.cloud.databricks.com");
    return std::string("carol@example.com");
  });
  const Response r = call("POST /api/auth/login", {}, kLogin);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const std::string id = r.body()["session_id"];
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
  EXPECT_EQ(r.body(), (Json{{"authenticated", true},
                            {"user", "carol@example.com"},
                            {"host", "https://login.cloud.databricks.com"},
                            {"auth_method", "pat"},
                            {"session_id", id}}));
  EXPECT_EQ(seenToken, "dapi-login-token-00001");

  // Requests without credentials of their own now act as the login, named or not.
  const auto bare = auth->resolve({});
  EXPECT_EQ(bare.source, clxs::CredentialSource::Session);
  EXPECT_EQ(bare.sessionId, id);
  EXPECT_EQ(bare.token, "dapi-login-token-00001");
  EXPECT_EQ(call("GET /api/auth/status").body()["user"], "carol@example.com");
  EXPECT_EQ(call("GET /api/auth/status", {{"x-clone-session", id}}).body()["session_id"], id);

  // Logout without naming the session still ends the server-wide login.
  EXPECT_EQ(call("POST /api/auth/logout").status(), 200);
  EXPECT_FALSE(auth->sessions().find(id).has_value());
  EXPECT_TRUE(auth->resolve({}).isLocal());
}

TEST_F(AuthRoutesTest, UseProfileAfterLoginReplacesIt) {
  writeCfg();
  useWhoAmI([](const clxs::Credentials&) { return std::string("u"); });
  ASSERT_EQ(call("POST /api/auth/login", {}, kLogin).status(), 200);
  ASSERT_EQ(call("POST /api/auth/use-profile", {}, {{"profile_name", "dev"}}).status(), 200);
  EXPECT_EQ(auth->resolve({}).authMethod, "cli-profile:dev");
  ASSERT_EQ(call("POST /api/auth/login", {}, kLogin).status(), 200);
  EXPECT_EQ(auth->resolve({}).authMethod, "pat");
}

TEST_F(AuthRoutesTest, LoginWithARejectedTokenIs401WithoutLeakingIt) {
  useWhoAmI([](const clxs::Credentials& c) -> std::string {
    throw clxs::WorkspaceError(clxs::WorkspaceErrorClass::Unauthenticated,
                               "Invalid access token " + c.token);
  });
  const Response r = call("POST /api/auth/login", {}, kLogin);
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(r.body()["detail"],
            "Login to https://login.cloud.databricks.com failed: Invalid access token "
            "dapi...0001");
  EXPECT_EQ(auth->sessions().size(), 0u);
  EXPECT_TRUE(auth->resolve({}).isLocal());
}

TEST_F(AuthRoutesTest, LoginToAnUnreachableWorkspaceIs401) {
  useWhoAmI([](const clxs::Credentials&) -> std::string {
    throw clxs::WorkspaceError(clxs::WorkspaceErrorClass::Remote, "connection refused");
  });
  const Response r = call("POST /api/auth/login", {}, kLogin);
  EXPECT_EQ(r.status(), 401);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("connection refused"), std::string::npos);
}

TEST_F(AuthRoutesTest, LoginWithoutAConnectorIs501) {
  const Response r = call("POST /api/auth/login", {}, kLogin);
  EXPECT_EQ(r.status(), 501);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("connector"), std::string::npos);
}

TEST_F(AuthRoutesTest, LoginBadInputIs422) {
  int probes = 0;
  useWhoAmI([&](const clxs::Credentials&) {
    ++probes;
    return std::string("u");
  });
  const std::vector<std::pair<Json, std::string>> cases = {
      {Json{{"token", "dapi-login-token-00001"}}, "host"},
      {Json{{"host", "h.cloud.databricks.com"}}, "token"},
      {Json{{"host", "h.cloud.databricks.com"}, {"token", ""}}, "token"},
      {Json{{"host", ""}, {"token", "dapi-login-token-00001"}}, "host"},
      {Json{{"host", "http://h.cloud.databricks.com"}, {"token", "dapi-login-token-00001"}},
       "host"},
      {Json{{"host", "https://user@h"}, {"token", "dapi-login-token-00001"}}, "host"},
  };
  for (const auto& [body, field] : cases) {
    const Response r = call("POST /api/auth/login", {}, body);
    EXPECT_EQ(r.status(), 422) << body.dump();
    EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", field}))) << body.dump();
  }
  EXPECT_EQ(probes, 0);
}

TEST_F(AuthRoutesTest, LoginToALoopbackEmulatorOverHttp) {
  useWhoAmI([](const clxs::Credentials& c) {
    EXPECT_EQ(c.host, "http://127.0.0.1:8089");
    return std::string("emulated@example.com");
  });
  const Response r =
      call("POST /api/auth/login", {},
           {{"host", "http://127.0.0.1:8089/"}, {"token", "dapi-login-token-00001"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["host"], "http://127.0.0.1:8089");
}

TEST_F(AuthRoutesTest, ServicePrincipalDatabricks) {
  useWhoAmI([](const clxs::Credentials& c) {
    EXPECT_EQ(c.clientId, "sp-app");
    EXPECT_EQ(c.clientSecret, "sp-login-secret-00001");
    EXPECT_TRUE(c.tenantId.empty());
    EXPECT_TRUE(c.token.empty());
    return std::string("sp-app");
  });
  const Response r = call("POST /api/auth/service-principal", {},
                          {{"host", "https://sp.cloud.databricks.com"},
                           {"client_id", "sp-app"},
                           {"client_secret", "sp-login-secret-00001"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["authenticated"], true);
  EXPECT_EQ(r.body()["user"], "sp-app");
  EXPECT_EQ(r.body()["host"], "https://sp.cloud.databricks.com");
  EXPECT_EQ(r.body()["auth_method"], "databricks-oauth-sp");
  EXPECT_EQ(auth->resolve({}).authMethod, "databricks-oauth-sp");
}

TEST_F(AuthRoutesTest, ServicePrincipalAzure) {
  useWhoAmI([](const clxs::Credentials& c) {
    EXPECT_EQ(c.tenantId, "tenant-1");
    return std::string("az-app");
  });
  const Response r = call("POST /api/auth/service-principal", {},
                          {{"host", "adb-1.azuredatabricks.net"},
                           {"client_id", "az-app"},
                           {"client_secret", "sp-login-secret-00001"},
                           {"tenant_id", "tenant-1"},
                           {"auth_type", "Azure"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["auth_method"], "azure-ad-sp");
}

TEST_F(AuthRoutesTest, ServicePrincipalBadInputIs422) {
  useWhoAmI([](const clxs::Credentials&) { return std::string("u"); });
  const Json base{{"host", "https://sp.cloud.databricks.com"},
                  {"client_id", "sp-app"},
                  {"client_secret", "sp-login-secret-00001"}};
  Json azureNoTenant = base;
  azureNoTenant["auth_type"] = "azure";
  Response r = call("POST /api/auth/service-principal", {}, azureNoTenant);
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "tenant_id"})));
  EXPECT_NE(r.body()["detail"][0]["msg"].get<std::string>().find("azure"), std::string::npos);

  Json badType = base;
  badType["auth_type"] = "aws";
  r = call("POST /api/auth/service-principal", {}, badType);
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "auth_type"})));

  Json noSecret = base;
  noSecret.erase("client_secret");
  r = call("POST /api/auth/service-principal", {}, noSecret);
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "client_secret"})));
  EXPECT_EQ(auth->sessions().size(), 0u);
}

TEST_F(AuthRoutesTest, ServicePrincipalRejectedIs401WithoutTheSecret) {
  useWhoAmI([](const clxs::Credentials& c) -> std::string {
    throw clxs::HttpError(401, "invalid_client: secret " + c.clientSecret + " is wrong");
  });
  const Response r = call("POST /api/auth/service-principal", {},
                          {{"host", "https://sp.cloud.databricks.com"},
                           {"client_id", "sp-app"},
                           {"client_secret", "sp-login-secret-00001"}});
  EXPECT_EQ(r.status(), 401);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("sp-l...0001"), std::string::npos);
}

TEST_F(AuthRoutesTest, OAuthLoginWithoutTheDatabricksCliIs501) {
  const Response r = call("POST /api/auth/oauth-login", {}, {{"host", "h.cloud.databricks.com"}});
  EXPECT_EQ(r.status(), 501);
  const std::string detail = r.body()["detail"];
  EXPECT_NE(detail.find("Databricks CLI"), std::string::npos) << detail;
  EXPECT_NE(detail.find("/api/auth/login"), std::string::npos) << detail;
  EXPECT_NE(detail.find("/api/auth/service-principal"), std::string::npos) << detail;
}

TEST_F(AuthRoutesTest, OAuthLoginStartsTheDatabricksCli) {
  launcher->programs["databricks"] = "/usr/local/bin/databricks";
  const Response r = call("POST /api/auth/oauth-login", {}, {{"host", "h.cloud.databricks.com/"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["status"], "started");
  EXPECT_NE(r.body()["message"].get<std::string>().find("/api/auth/use-profile"),
            std::string::npos);
  ASSERT_EQ(launcher->started.size(), 1u);
  EXPECT_EQ(launcher->started[0],
            (std::vector<std::string>{"/usr/local/bin/databricks", "auth", "login", "--host",
                                      "https://h.cloud.databricks.com"}));
}

TEST_F(AuthRoutesTest, OAuthLoginBadHostIs422) {
  launcher->programs["databricks"] = "/usr/local/bin/databricks";
  for (const Json& body : {Json::object(), Json{{"host", "http://h.example; rm -rf /"}}}) {
    const Response r = call("POST /api/auth/oauth-login", {}, body);
    EXPECT_EQ(r.status(), 422) << body.dump();
    EXPECT_EQ(r.body()["detail"][0]["loc"], (Json::array({"body", "host"})));
  }
  EXPECT_TRUE(launcher->started.empty());
}

}  // namespace
}  // namespace clxs::kernel
