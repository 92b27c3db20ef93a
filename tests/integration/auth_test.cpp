// The /api/auth routes that need no remote call, end to end against the real binary.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kProfileToken = "dapi-profile-token-0000000042";
constexpr const char* kProfileSecret = "profile-client-secret-0042";
constexpr const char* kEnvToken = "dapi-integration-env-token-77";
constexpr const char* kEnvSecret = "integration-env-secret-7777";
constexpr const char* kHeaderToken = "dapi-integration-header-token-5";
constexpr const char* kAppSecret = "app-runtime-secret-000000031";

void expectNoSecrets(const std::string& text) {
  for (const char* secret :
       {kProfileToken, kProfileSecret, kEnvToken, kEnvSecret, kHeaderToken, kAppSecret}) {
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
