#include "kernel/auth/auth_routes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <vector>

#include "clxs/error.hpp"
#include "kernel/auth/test_fakes.hpp"
#include "tests/support/capture_routes.hpp"

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
    "dapi-dev-token-0000001", "sp-secret-value-123", "dapi-env-token-000001",
    "env-client-secret-0001", "az-env-secret-00001", "dapi-header-token-0001",
    "app-secret-value-00001",
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
    registerAuthRoutes(routes, *auth);
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
  clxs::testing::CaptureRoutes routes;
  std::vector<std::string> bodies;
};

const std::map<std::string, std::string> kHeaderCreds{
    {"x-databricks-host", "https://adb-1.azuredatabricks.net"},
    {"x-databricks-token", "dapi-header-token-0001"}};

TEST_F(AuthRoutesTest, RegistersTheRoutes) {
  for (const char* key :
       {"GET /api/auth/status", "POST /api/auth/logout", "GET /api/auth/env-vars",
        "GET /api/auth/profiles", "POST /api/auth/use-profile", "GET /api/auth/auto-login"}) {
    ASSERT_TRUE(routes.has(key)) << key;
    EXPECT_FALSE(routes.spec(key).summary.empty()) << key;
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

}  // namespace
}  // namespace clxs::kernel
