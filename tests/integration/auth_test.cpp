// The /api/auth routes end to end against the real binary: credential resolution, the
// login routes, the Azure and CLI-backed routes (with and without the tools on PATH) and
// the workspace listings on the local workspace.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_process.hpp"
#include "tests/support/emulated_workspace.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kProfileToken = "dapi-profile-token-0000000042";
constexpr const char* kProfileSecret = "profile-client-secret-0042";
constexpr const char* kEnvToken = "dapi-integration-env-token-77";
constexpr const char* kEnvSecret = "integration-env-secret-7777";
constexpr const char* kHeaderToken = "dapi-integration-header-token-5";
constexpr const char* kAppSecret = "app-runtime-secret-000000031";
constexpr const char* kLoginToken = "dapi-integration-login-token-9";

void expectNoSecrets(const std::string& text) {
  for (const char* secret : {kProfileToken, kProfileSecret, kEnvToken, kEnvSecret, kHeaderToken,
                             kAppSecret, kLoginToken}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "secret '" << secret << "' leaked";
  }
}

class TempHome {
 public:
  TempHome() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "clxs-home-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempHome(const TempHome&) = delete;
  TempHome& operator=(const TempHome&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Blanks every variable the resolver reads, so the machine running the tests cannot leak
// its own Databricks set-up into them (the resolver treats empty as unset).
std::map<std::string, std::string> cleanEnv(const std::filesystem::path& home) {
  return {{"HOME", home.string()},           {"DATABRICKS_HOST", ""},
          {"DATABRICKS_TOKEN", ""},          {"DATABRICKS_CLIENT_ID", ""},
          {"DATABRICKS_CLIENT_SECRET", ""},  {"AZURE_CLIENT_ID", ""},
          {"AZURE_CLIENT_SECRET", ""},       {"AZURE_TENANT_ID", ""},
          {"DATABRICKS_CONFIG_PROFILE", ""}, {"DATABRICKS_CONFIG_FILE", ""},
          {"CLONE_XS_RUNTIME", ""},          {"DATABRICKS_APP_NAME", ""}};
}

class AuthIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = std::make_unique<TempHome>();
    std::ofstream(home_->path() / ".databrickscfg") << "; written by auth_test\n"
                                                    << "[dev]\n"
                                                    << "host = dev.cloud.databricks.com\n"
                                                    << "token = " << kProfileToken << "\n"
                                                    << "[sp]\n"
                                                    << "host = https://sp.cloud.databricks.com\n"
                                                    << "client_id = sp-client\n"
                                                    << "client_secret = " << kProfileSecret << "\n";
    ServerOptions options;
    options.env = cleanEnv(home_->path());
    // An empty PATH directory: neither the Databricks CLI nor az can be found.
    std::filesystem::create_directories(home_->path() / "empty-bin");
    options.env["PATH"] = (home_->path() / "empty-bin").string();
    // Secrets present but without DATABRICKS_HOST, so requests still resolve locally.
    options.env["DATABRICKS_TOKEN"] = kEnvToken;
    options.env["DATABRICKS_CLIENT_SECRET"] = kEnvSecret;
    server_ = std::make_unique<ServerProcess>(options);
  }
  static void TearDownTestSuite() {
    server_.reset();
    home_.reset();
  }
  void SetUp() override { server().post("/api/auth/logout", Json::object()); }
  void TearDown() override { expectNoSecrets(server().output()); }

  static ServerProcess& server() { return *server_; }

  static HttpResult checked(HttpResult r) {
    expectNoSecrets(r.body);
    return r;
  }

  static std::unique_ptr<TempHome> home_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<TempHome> AuthIntegrationTest::home_;
std::unique_ptr<ServerProcess> AuthIntegrationTest::server_;

TEST_F(AuthIntegrationTest, StatusIsTheLocalWorkspaceWithoutCredentials) {
  const auto r = checked(server().get("/api/auth/status"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  EXPECT_EQ(j["authenticated"], true);
  EXPECT_EQ(j["host"], "local");
  EXPECT_EQ(j["auth_method"], "local");
  EXPECT_TRUE(j["user"].is_string());
  EXPECT_FALSE(j["user"].get<std::string>().empty());
}

TEST_F(AuthIntegrationTest, StatusWithHeaderCredentials) {
  const auto r =
      checked(server().get("/api/auth/status", {{"X-Databricks-Host", "adb-1.azuredatabricks.net/"},
                                                {"X-Databricks-Token", kHeaderToken}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  EXPECT_EQ(j["host"], "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(j["auth_method"], "pat");
}

TEST_F(AuthIntegrationTest, StatusWithAnUnknownSessionIsNot401) {
  const auto r = checked(
      server().get("/api/auth/status", {{"X-Clone-Session", "0123456789abcdef0123456789abcdef"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["authenticated"], false);
  EXPECT_EQ(r.json()["error"], "Session expired or unknown; log in again");
}

TEST_F(AuthIntegrationTest, EnvVarsAreMasked) {
  const auto r = checked(server().get("/api/auth/env-vars"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  const std::vector<std::string> keys = {"DATABRICKS_HOST",      "DATABRICKS_TOKEN",
                                         "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET",
                                         "AZURE_CLIENT_ID",      "AZURE_CLIENT_SECRET",
                                         "AZURE_TENANT_ID",      "DATABRICKS_CONFIG_PROFILE"};
  ASSERT_EQ(j.size(), keys.size()) << r.body;
  for (const auto& k : keys) EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["DATABRICKS_TOKEN"], "dapi...n-77");
  EXPECT_EQ(j["DATABRICKS_CLIENT_SECRET"], "inte...7777");
  EXPECT_TRUE(j["DATABRICKS_HOST"].is_null());
  EXPECT_TRUE(j["AZURE_CLIENT_ID"].is_null());
}

TEST_F(AuthIntegrationTest, ProfilesListTheFile) {
  const auto r = checked(server().get("/api/auth/profiles"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json::array({Json{{"name", "dev"},
                                         {"host", "https://dev.cloud.databricks.com"},
                                         {"auth_type", "pat"}},
                                    Json{{"name", "sp"},
                                         {"host", "https://sp.cloud.databricks.com"},
                                         {"auth_type", "oauth-sp"}}})));
}

TEST_F(AuthIntegrationTest, UseProfileMissingFieldIs422) {
  const auto r = checked(server().post("/api/auth/use-profile", Json::object()));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"body", "profile_name"})));
}

TEST_F(AuthIntegrationTest, UseProfileWrongTypeIs422) {
  const auto r = checked(server().post("/api/auth/use-profile", Json{{"profile_name", 5}}));
  EXPECT_EQ(r.status, 422) << r.body;
}

TEST_F(AuthIntegrationTest, UseProfileUnknownIs404) {
  const auto r = checked(server().post("/api/auth/use-profile", Json{{"profile_name", "prod"}}));
  ASSERT_EQ(r.status, 404) << r.body;
  const std::string detail = r.json()["detail"];
  EXPECT_NE(detail.find("'prod'"), std::string::npos) << detail;
  EXPECT_NE(detail.find("dev, sp"), std::string::npos) << detail;
}

TEST_F(AuthIntegrationTest, UseProfileThenStatusThenLogout) {
  const auto r = checked(server().post("/api/auth/use-profile", Json{{"profile_name", "dev"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  const std::string id = j["session_id"];
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
  EXPECT_EQ(j["auth_method"], "cli-profile:dev");
  EXPECT_EQ(j["host"], "https://dev.cloud.databricks.com");
  EXPECT_EQ(j["profile"], "dev");

  const auto viaSession = checked(server().get("/api/auth/status", {{"X-Clone-Session", id}}));
  ASSERT_EQ(viaSession.status, 200) << viaSession.body;
  EXPECT_EQ(viaSession.json()["auth_method"], "cli-profile:dev");
  EXPECT_EQ(viaSession.json()["session_id"], id);

  // The profile is now the server-wide default.
  const auto bare = checked(server().get("/api/auth/status"));
  EXPECT_EQ(bare.json()["auth_method"], "cli-profile:dev");

  const auto out =
      checked(server().post("/api/auth/logout", Json::object(), {{"X-Clone-Session", id}}));
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.json(), (Json{{"status", "ok"}, {"message", "Logged out successfully"}}));

  const auto after = checked(server().get("/api/auth/status", {{"X-Clone-Session", id}}));
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.json()["authenticated"], false);
  EXPECT_EQ(checked(server().get("/api/auth/status")).json()["auth_method"], "local");
}

TEST_F(AuthIntegrationTest, AutoLoginOutsideTheAppIs404) {
  const auto r = checked(server().get("/api/auth/auto-login"));
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json(), (Json{{"detail", "Not running as a Databricks App"}}));
}

TEST_F(AuthIntegrationTest, WarehousesOfTheLocalWorkspace) {
  const auto r = checked(server().get("/api/auth/warehouses"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  ASSERT_EQ(j.size(), 1u) << r.body;
  EXPECT_EQ(j[0]["id"], "local");
  for (const char* key : {"name", "size", "state", "type"}) EXPECT_TRUE(j[0][key].is_string());
}

TEST_F(AuthIntegrationTest, VolumesListEveryCatalog) {
  seedSql(server().dataDir(),
          "CREATE CATALOG IF NOT EXISTS auth_vol_cat;\n"
          "CREATE SCHEMA IF NOT EXISTS auth_vol_cat.`landing zone`;\n"
          "CREATE VOLUME IF NOT EXISTS auth_vol_cat.`landing zone`.`raw files`;\n"
          "CREATE VOLUME IF NOT EXISTS main.default.auth_vol;\n");
  const auto r = checked(server().get("/api/auth/volumes"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  ASSERT_TRUE(j.is_array()) << r.body;
  auto find = [&j](const std::string& fullName) {
    for (const auto& v : j) {
      if (v["full_name"] == fullName) return v;
    }
    return Json();
  };
  const Json raw = find("auth_vol_cat.landing zone.raw files");
  ASSERT_FALSE(raw.is_null()) << r.body;
  EXPECT_EQ(raw, (Json{{"catalog", "auth_vol_cat"},
                       {"schema", "landing zone"},
                       {"name", "raw files"},
                       {"full_name", "auth_vol_cat.landing zone.raw files"},
                       {"volume_type", "MANAGED"}}));
  EXPECT_FALSE(find("main.default.auth_vol").is_null()) << r.body;
  for (const auto& v : j) EXPECT_NE(v["schema"], "information_schema");
}

TEST_F(AuthIntegrationTest, TestWarehouseRunsSelectOne) {
  const auto r =
      checked(server().post("/api/auth/test-warehouse", Json{{"warehouse_id", "local"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json{{"status", "ok"},
                            {"message", "Warehouse is reachable"},
                            {"result", Json::array({Json{{"1", 1}}})}}));
}

TEST_F(AuthIntegrationTest, TestWarehouseUnknownIs404AndMissingIs422) {
  auto r = checked(server().post("/api/auth/test-warehouse", Json{{"warehouse_id", "wh-nope"}}));
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("'wh-nope'"), std::string::npos) << r.body;
  r = checked(server().post("/api/auth/test-warehouse", Json::object()));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"body", "warehouse_id"})));
}

TEST_F(AuthIntegrationTest, ServingEndpointsAndGenieAreLabelledUnavailableLocally) {
  auto r = checked(server().get("/api/auth/serving-endpoints"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["success"], true);
  EXPECT_EQ(r.json()["endpoints"], Json::array());
  EXPECT_EQ(r.json()["available"], false);
  EXPECT_TRUE(r.json()["reason"].is_string());
  r = checked(server().get("/api/auth/genie-spaces"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["spaces"], Json::array());
  EXPECT_EQ(r.json()["available"], false);
}

TEST_F(AuthIntegrationTest, LoginValidatesItsBody) {
  auto r =
      checked(server().post("/api/auth/login", Json{{"host", "http://adb-1.azuredatabricks.net"},
                                                    {"token", kLoginToken}}));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"body", "host"})));
  EXPECT_NE(r.json()["detail"][0]["msg"].get<std::string>().find("loopback"), std::string::npos);
  r = checked(server().post("/api/auth/login", Json{{"host", "https://h.example"}}));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"body", "token"})));
  r = checked(server().post("/api/auth/login", Json{{"host", "https://h.example"}, {"token", ""}}));
  EXPECT_EQ(r.status, 422) << r.body;
}

TEST_F(AuthIntegrationTest, LoginToAnUnreachableWorkspaceIs401) {
  // Port 1 on loopback: nothing listens there.
  const auto r = checked(server().post(
      "/api/auth/login", Json{{"host", "http://127.0.0.1:1"}, {"token", kLoginToken}}));
  ASSERT_EQ(r.status, 401) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("http://127.0.0.1:1"), std::string::npos);
  // Nothing changed: requests still act on the local workspace.
  EXPECT_EQ(checked(server().get("/api/auth/status")).json()["auth_method"], "local");
}

TEST_F(AuthIntegrationTest, ServicePrincipalAzureNeedsATenant) {
  const auto r = checked(server().post("/api/auth/service-principal",
                                       Json{{"host", "https://adb-1.azuredatabricks.net"},
                                            {"client_id", "app"},
                                            {"client_secret", kLoginToken},
                                            {"auth_type", "azure"}}));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"body", "tenant_id"})));
  EXPECT_EQ(
      checked(server().post("/api/auth/service-principal", Json{{"host", "https://h.example"},
                                                                {"client_id", "app"},
                                                                {"client_secret", kLoginToken},
                                                                {"auth_type", "aws"}}))
          .status,
      422);
}

TEST_F(AuthIntegrationTest, OAuthLoginWithoutTheDatabricksCliIs501) {
  const auto r =
      checked(server().post("/api/auth/oauth-login", Json{{"host", "dbc-1.cloud.databricks.com"}}));
  ASSERT_EQ(r.status, 501) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("Databricks CLI"), std::string::npos);
  EXPECT_EQ(checked(server().post("/api/auth/oauth-login", Json::object())).status, 422);
}

TEST_F(AuthIntegrationTest, AzureRoutesWithoutAzAre501) {
  const std::string sub = "00000000-1111-2222-3333-444444444444";
  for (const auto& r :
       {server().post("/api/auth/azure-login", Json::object()),
        server().get("/api/auth/azure/tenants"), server().get("/api/auth/azure/subscriptions"),
        server().get("/api/auth/azure/workspaces?subscription_id=" + sub),
        server().post("/api/auth/azure/connect", Json{{"host", "adb-1.azuredatabricks.net"}})}) {
    expectNoSecrets(r.body);
    EXPECT_EQ(r.status, 501) << r.body;
    EXPECT_NE(r.json()["detail"].get<std::string>().find("az"), std::string::npos) << r.body;
  }
}

TEST_F(AuthIntegrationTest, AzureWorkspacesNeedASubscriptionId) {
  auto r = checked(server().get("/api/auth/azure/workspaces"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json::array({"query", "subscription_id"})));
  r = checked(server().get("/api/auth/azure/workspaces?subscription_id=..%2Ftenants"));
  EXPECT_EQ(r.status, 422) << r.body;
}

// The CLI-backed routes with stand-ins for the Databricks CLI and az on PATH.
TEST(AuthIntegrationCliTest, CliBackedRoutesStartTheTools) {
  TempHome home;
  const auto bin = home.path() / "bin";
  std::filesystem::create_directories(bin);
  const auto marker = home.path() / "databricks-args";
  auto script = [&bin](const std::string& name, const std::string& body) {
    std::ofstream(bin / name) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(bin / name, std::filesystem::perms::owner_all);
  };
  script("databricks", "echo \"$@\" > '" + marker.string() + "'");
  script("az",
         "case \"$1\" in\n"
         "  login) echo 'To sign in, use a web browser to open the page "
         "https://microsoft.com/devicelogin and enter the code TESTCODE1 to authenticate.' >&2;"
         " sleep 2 ;;\n"
         "  account) echo '{\"accessToken\": \"fake-aad-token-000000000001\"}' ;;\n"
         "esac");

  ServerOptions options;
  options.env = cleanEnv(home.path());
  options.env["PATH"] = bin.string() + ":/usr/bin:/bin";
  // Resource Manager "lives" on a loopback port where nothing listens.
  options.env["CLXS_AZURE_MANAGEMENT_URL"] = "http://127.0.0.1:1";
  ServerProcess server(options);

  auto r = server.post("/api/auth/oauth-login", Json{{"host", "dbc-1.cloud.databricks.com/"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "started");
  std::string args;
  for (int i = 0; i < 100 && args.empty(); ++i) {
    std::ifstream in(marker);
    std::getline(in, args);
    if (args.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(args, "auth login --host https://dbc-1.cloud.databricks.com");

  r = server.post("/api/auth/azure-login", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "started");
  EXPECT_NE(r.json()["message"].get<std::string>().find("TESTCODE1"), std::string::npos) << r.body;

  // az gives a token, but Resource Manager cannot be reached.
  r = server.get("/api/auth/azure/tenants");
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("Azure Resource Manager"), std::string::npos)
      << r.body;
  EXPECT_EQ(r.body.find("fake-aad-token"), std::string::npos);
  EXPECT_EQ(server.output().find("fake-aad-token"), std::string::npos);
}

// Login against the Databricks REST emulator on loopback: a real SCIM Me probe.
TEST(AuthIntegrationEmulatorTest, LoginToTheEmulator) {
  TempHome home;
  ServerOptions options;
  options.env = cleanEnv(home.path());
  ServerProcess server(options);
  EmulatedWorkspace emulator(server.dataDir());

  auto r = server.post("/api/auth/login", Json{{"host", emulator.host()}, {"token", kLoginToken}});
  expectNoSecrets(r.body);
  EXPECT_EQ(r.status, 401) << "a wrong token: " << r.body;

  r = server.post("/api/auth/login", Json{{"host", emulator.host()}, {"token", emulator.token()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(emulator.token()), std::string::npos);
  const Json j = r.json();
  EXPECT_EQ(j["authenticated"], true);
  EXPECT_EQ(j["host"], emulator.host());
  EXPECT_EQ(j["auth_method"], "pat");
  EXPECT_TRUE(j["user"].is_string());

  // Requests without credentials now act as that login.
  const auto status = server.get("/api/auth/status");
  EXPECT_EQ(status.json()["host"], emulator.host()) << status.body;
  const auto warehouses = server.get("/api/auth/warehouses");
  ASSERT_EQ(warehouses.status, 200) << warehouses.body;
  EXPECT_EQ(warehouses.json()[0]["id"], EmulatedWorkspace::warehouseId());

  ASSERT_EQ(server.post("/api/auth/logout", Json::object()).status, 200);
  EXPECT_EQ(server.get("/api/auth/status").json()["host"], "local");
  EXPECT_EQ(server.output().find(emulator.token()), std::string::npos);
}

TEST(AuthIntegrationNoFileTest, ProfilesAreEmptyWithoutAFile) {
  TempHome home;
  ServerOptions options;
  options.env = cleanEnv(home.path());
  ServerProcess server(options);
  const auto r = server.get("/api/auth/profiles");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::array());
  EXPECT_EQ(server.post("/api/auth/use-profile", Json{{"profile_name", "dev"}}).status, 404);
}

TEST(AuthIntegrationAppTest, AutoLoginIsAvailableInTheAppRuntime) {
  TempHome home;
  ServerOptions options;
  options.env = cleanEnv(home.path());
  options.env["DATABRICKS_APP_NAME"] = "clone-xs";
  options.env["DATABRICKS_HOST"] = "clxs-test.invalid";
  options.env["DATABRICKS_CLIENT_ID"] = "app-client";
  options.env["DATABRICKS_CLIENT_SECRET"] = kAppSecret;
  ServerProcess server(options);

  // The host cannot be reached, so the login itself fails; what matters here is that the
  // route exists in the App runtime and never echoes the secret.
  const auto r = server.get("/api/auth/auto-login");
  expectNoSecrets(r.body);
  EXPECT_NE(r.json(), (Json{{"detail", "Not running as a Databricks App"}})) << r.body;
  if (r.status == 200) {
    EXPECT_EQ(r.json()["auth_method"], "databricks-app");
    EXPECT_EQ(r.json()["host"], "https://clxs-test.invalid");
  }
  expectNoSecrets(server.output());
}

}  // namespace
}  // namespace clxs::testing
