#include "kernel/auth/credential_resolver.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "clxs/error.hpp"
#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using clxs::CredentialSource;
using testing::FakeClock;
using testing::FakeConfig;
using testing::MapEnvironment;
using testing::TempDir;

constexpr const char* kResolverCfg =
    "[DEFAULT]\n"
    "host = https://default.cloud.databricks.com\n"
    "token = dapi-default-token-000\n"
    "[dev]\n"
    "host = dev.cloud.databricks.com/\n"
    "token = dapi-dev-token-0000001\n"
    "warehouse_id = wh-dev\n"
    "[sp]\n"
    "host = https://sp.cloud.databricks.com\n"
    "client_id = sp-client\n"
    "client_secret = sp-secret-value-123\n"
    "[az]\n"
    "host = https://adb-9.azuredatabricks.net\n"
    "azure_client_id = az-client\n"
    "azure_client_secret = az-secret-value-123\n"
    "azure_tenant_id = tenant-9\n"
    "[nohost]\n"
    "token = dapi-nohost-token-0001\n";

class CredentialResolverTest : public ::testing::Test {
 protected:
  CredentialResolverTest() {
    env.homeDir = home.path();
    writeCfg(kResolverCfg);
  }

  void writeCfg(const std::string& text) {
    std::ofstream(home.path() / ".databrickscfg", std::ios::trunc) << text;
  }
  void removeCfg() { std::filesystem::remove(home.path() / ".databrickscfg"); }

  clxs::Credentials resolve(const CredentialResolver::Headers& headers = {}) {
    return resolver.resolve(headers);
  }

  int resolveStatus(const CredentialResolver::Headers& headers = {}) {
    try {
      (void)resolver.resolve(headers);
    } catch (const clxs::HttpError& e) {
      lastError = e.what();
      return e.status();
    }
    return 200;
  }

  void setEnvPat() {
    env.vars["DATABRICKS_HOST"] = "https://env.cloud.databricks.com";
    env.vars["DATABRICKS_TOKEN"] = "dapi-env-token-000001";
  }

  TempDir home;
  MapEnvironment env;
  FakeClock clock;
  FakeConfig config;
  SessionStore sessions{clock, 8h};
  DatabricksCfgFile cfgFile{env};
  CredentialResolver resolver{env, &config, sessions, cfgFile};
  std::string lastError;
};

const CredentialResolver::Headers kResolverHeaderCreds{
    {"x-databricks-host", "adb-1.azuredatabricks.net/"},
    {"x-databricks-token", "dapi-header-token-0001"}};

TEST(NormalizeHostTest, AddsSchemeAndStripsSlashes) {
  EXPECT_EQ(normalizeHost("adb-1.azuredatabricks.net"), "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(normalizeHost(" https://x.cloud.databricks.com// "), "https://x.cloud.databricks.com");
  EXPECT_EQ(normalizeHost("http://localhost:8081/"), "http://localhost:8081");
  EXPECT_EQ(normalizeHost("  "), "");
}

TEST_F(CredentialResolverTest, NothingConfiguredIsLocal) {
  removeCfg();
  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Local);
  EXPECT_TRUE(c.isLocal());
  EXPECT_EQ(c.authMethod, "local");
  EXPECT_EQ(c.host, "");
  EXPECT_EQ(c.token, "");
}

TEST_F(CredentialResolverTest, HeadersComeFirst) {
  setEnvPat();
  config.doc_ = {{"databricks", {{"host", "https://cfg"}, {"token", "dapi-config-token-01"}}}};
  const std::string session = sessions.create(clxs::Credentials{}, "u");
  resolver.selectProfile("dev");
  auto headers = kResolverHeaderCreds;
  headers["x-clone-session"] = session;

  const auto c = resolve(headers);
  EXPECT_EQ(c.source, CredentialSource::Headers);
  EXPECT_EQ(c.host, "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(c.token, "dapi-header-token-0001");
  EXPECT_EQ(c.authMethod, "pat");
}

TEST_F(CredentialResolverTest, HostHeaderWithoutTokenIsIgnored) {
  removeCfg();
  EXPECT_TRUE(resolve({{"x-databricks-host", "https://h"}}).isLocal());
  EXPECT_TRUE(
      resolve({{"x-databricks-host", "https://h"}, {"x-databricks-token", "  "}}).isLocal());
}

TEST_F(CredentialResolverTest, SessionHeaderUsesTheSession) {
  setEnvPat();
  clxs::Credentials stored;
  stored.source = CredentialSource::Profile;
  stored.host = "https://stored";
  stored.token = "dapi-stored-token-001";
  stored.authMethod = "cli-profile:dev";
  stored.profile = "dev";
  const std::string id = sessions.create(stored, "alice");

  const auto c = resolve({{"x-clone-session", id}});
  EXPECT_EQ(c.source, CredentialSource::Session);
  EXPECT_EQ(c.sessionId, id);
  EXPECT_EQ(c.host, "https://stored");
  EXPECT_EQ(c.token, "dapi-stored-token-001");
  EXPECT_EQ(c.authMethod, "cli-profile:dev");
  EXPECT_EQ(c.profile, "dev");
}

TEST_F(CredentialResolverTest, UnknownOrExpiredSessionIs401) {
  setEnvPat();  // present, but an explicit stale session must not silently fall back
  EXPECT_EQ(resolveStatus({{"x-clone-session", "ffffffffffffffffffffffffffffffff"}}), 401);
  EXPECT_EQ(lastError, "Session expired or unknown; log in again");

  const std::string id = sessions.create(clxs::Credentials{}, "u");
  EXPECT_EQ(resolveStatus({{"x-clone-session", id}}), 200);
  clock.advance(8h);
  EXPECT_EQ(resolveStatus({{"x-clone-session", id}}), 401);
}

TEST_F(CredentialResolverTest, UnknownSessionInAppRuntimeFallsBackToTheApp) {
  env.vars["DATABRICKS_APP_NAME"] = "clone-xs";
  env.vars["DATABRICKS_HOST"] = "app.cloud.databricks.com";
  env.vars["DATABRICKS_CLIENT_ID"] = "app-client";
  env.vars["DATABRICKS_CLIENT_SECRET"] = "app-secret-value-1";
  const auto c = resolve({{"x-clone-session", "deadbeef"}});
  EXPECT_EQ(c.source, CredentialSource::DatabricksApp);
}

TEST_F(CredentialResolverTest, SelectedProfileBeatsAppConfigAndEnvironment) {
  setEnvPat();
  env.vars["CLONE_XS_RUNTIME"] = "databricks-app";
  config.doc_ = {{"databricks", {{"host", "https://cfg"}, {"token", "dapi-config-token-01"}}}};
  resolver.selectProfile("dev");
  EXPECT_EQ(resolver.selectedProfile(), "dev");

  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Profile);
  EXPECT_EQ(c.profile, "dev");
  EXPECT_EQ(c.authMethod, "cli-profile:dev");
  EXPECT_EQ(c.host, "https://dev.cloud.databricks.com");
  EXPECT_EQ(c.token, "dapi-dev-token-0000001");

  resolver.clearSelectedProfile();
  EXPECT_EQ(resolve().source, CredentialSource::DatabricksApp);
}

TEST_F(CredentialResolverTest, SelectedProfileThatVanishedIs401) {
  resolver.selectProfile("dev");
  writeCfg("[other]\nhost = h\n");
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("'dev'"), std::string::npos) << lastError;
  EXPECT_NE(lastError.find("use-profile"), std::string::npos) << lastError;
}

TEST_F(CredentialResolverTest, SelectedSessionBeatsConfigAndEnvironment) {
  setEnvPat();
  config.doc_ = {{"databricks", {{"host", "https://cfg"}, {"token", "dapi-config-token-01"}}}};
  clxs::Credentials stored;
  stored.host = "https://login.cloud.databricks.com";
  stored.token = "dapi-login-token-0001";
  stored.authMethod = "pat";
  const std::string id = sessions.create(stored, "alice");
  resolver.selectSession(id);
  EXPECT_EQ(resolver.selectedSession(), id);

  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Session);
  EXPECT_EQ(c.sessionId, id);
  EXPECT_EQ(c.host, "https://login.cloud.databricks.com");
  EXPECT_EQ(c.authMethod, "pat");
  // Headers still come first.
  EXPECT_EQ(resolve(kResolverHeaderCreds).source, CredentialSource::Headers);

  EXPECT_EQ(resolver.clearSelectedSession(), id);
  EXPECT_EQ(resolver.selectedSession(), "");
  EXPECT_EQ(resolve().source, CredentialSource::Config);
}

TEST_F(CredentialResolverTest, TheLatestServerWideChoiceWins) {
  const std::string id = sessions.create(clxs::Credentials{}, "u");
  resolver.selectSession(id);
  resolver.selectProfile("dev");
  EXPECT_EQ(resolver.selectedSession(), "");
  EXPECT_EQ(resolve().source, CredentialSource::Profile);
  resolver.selectSession(id);
  EXPECT_EQ(resolver.selectedProfile(), "");
  EXPECT_EQ(resolve().source, CredentialSource::Session);
}

TEST_F(CredentialResolverTest, ExpiredServerWideLoginIs401) {
  setEnvPat();
  const std::string id = sessions.create(clxs::Credentials{}, "u");
  resolver.selectSession(id);
  clock.advance(8h);
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("log in again"), std::string::npos) << lastError;
  // In the Apps runtime the app's own identity takes over instead.
  env.vars["DATABRICKS_APP_NAME"] = "clone-xs";
  EXPECT_EQ(resolve().source, CredentialSource::DatabricksApp);
}

TEST_F(CredentialResolverTest, DatabricksAppRuntime) {
  setEnvPat();
  config.doc_ = {{"databricks", {{"host", "https://cfg"}, {"token", "dapi-config-token-01"}}}};
  env.vars["DATABRICKS_HOST"] = "app-host.cloud.databricks.com";
  env.vars["DATABRICKS_CLIENT_ID"] = "app-client";
  env.vars["DATABRICKS_CLIENT_SECRET"] = "app-secret-value-1";

  EXPECT_FALSE(resolver.isDatabricksApp());
  env.vars["CLONE_XS_RUNTIME"] = "databricks-app";
  EXPECT_TRUE(resolver.isDatabricksApp());

  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::DatabricksApp);
  EXPECT_EQ(c.host, "https://app-host.cloud.databricks.com");
  EXPECT_EQ(c.clientId, "app-client");
  EXPECT_EQ(c.clientSecret, "app-secret-value-1");
  EXPECT_EQ(c.authMethod, "databricks-app");

  env.vars.erase("CLONE_XS_RUNTIME");
  env.vars["DATABRICKS_APP_NAME"] = "clone-xs";
  EXPECT_EQ(resolve().source, CredentialSource::DatabricksApp);

  env.vars.erase("DATABRICKS_HOST");
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("DATABRICKS_HOST"), std::string::npos);
}

TEST_F(CredentialResolverTest, ConfigHostAndTokenBeatEnvironment) {
  setEnvPat();
  config.doc_ = {
      {"databricks", {{"host", "cfg.cloud.databricks.com"}, {"token", "dapi-config-token-01"}}}};
  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Config);
  EXPECT_EQ(c.host, "https://cfg.cloud.databricks.com");
  EXPECT_EQ(c.token, "dapi-config-token-01");
  EXPECT_EQ(c.authMethod, "explicit-token");
}

TEST_F(CredentialResolverTest, ConfigHostWithoutTokenIsSkipped) {
  setEnvPat();
  config.doc_ = {{"databricks", {{"host", "https://cfg"}}}};
  EXPECT_EQ(resolve().source, CredentialSource::Environment);
}

TEST_F(CredentialResolverTest, ConfigProfile) {
  setEnvPat();
  config.doc_ = {{"databricks", {{"profile", "sp"}}}};
  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Profile);
  EXPECT_EQ(c.authMethod, "cli-profile:sp");
  EXPECT_EQ(c.clientId, "sp-client");
  EXPECT_EQ(c.clientSecret, "sp-secret-value-123");

  config.doc_ = {{"databricks", {{"profile", "missing"}}}};
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("databricks.profile"), std::string::npos) << lastError;
}

TEST_F(CredentialResolverTest, EnvironmentOrderM2mThenAzureThenPat) {
  setEnvPat();
  env.vars["DATABRICKS_CLIENT_ID"] = "m2m-client";
  env.vars["DATABRICKS_CLIENT_SECRET"] = "m2m-secret-value-1";
  env.vars["AZURE_CLIENT_ID"] = "az-client";
  env.vars["AZURE_CLIENT_SECRET"] = "az-secret-value-12";
  env.vars["AZURE_TENANT_ID"] = "tenant";

  auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Environment);
  EXPECT_EQ(c.authMethod, "databricks-oauth-sp");
  EXPECT_EQ(c.host, "https://env.cloud.databricks.com");
  EXPECT_EQ(c.clientId, "m2m-client");
  EXPECT_EQ(c.clientSecret, "m2m-secret-value-1");
  EXPECT_EQ(c.token, "");

  env.vars.erase("DATABRICKS_CLIENT_SECRET");
  c = resolve();
  EXPECT_EQ(c.authMethod, "azure-ad-sp");
  EXPECT_EQ(c.clientId, "az-client");
  EXPECT_EQ(c.clientSecret, "az-secret-value-12");
  EXPECT_EQ(c.tenantId, "tenant");

  env.vars.erase("AZURE_TENANT_ID");
  env.vars["ARM_CLIENT_ID"] = "arm-client";
  env.vars["ARM_CLIENT_SECRET"] = "arm-secret-value-1";
  env.vars["ARM_TENANT_ID"] = "arm-tenant";
  c = resolve();
  EXPECT_EQ(c.authMethod, "azure-ad-sp") << "the SDKs' ARM_* names work too";
  EXPECT_EQ(c.clientId, "arm-client");
  EXPECT_EQ(c.tenantId, "arm-tenant");

  env.vars.erase("ARM_TENANT_ID");
  c = resolve();
  EXPECT_EQ(c.authMethod, "env-pat");
  EXPECT_EQ(c.token, "dapi-env-token-000001");
  EXPECT_EQ(c.clientId, "");
}

TEST_F(CredentialResolverTest, EnvironmentNeedsAHost) {
  removeCfg();
  env.vars["DATABRICKS_TOKEN"] = "dapi-env-token-000001";
  env.vars["DATABRICKS_CLIENT_ID"] = "c";
  env.vars["DATABRICKS_CLIENT_SECRET"] = "s";
  EXPECT_TRUE(resolve().isLocal());
  env.vars["DATABRICKS_HOST"] = "";  // empty counts as unset
  EXPECT_TRUE(resolve().isLocal());
}

TEST_F(CredentialResolverTest, EnvironmentCredentialsBeatProfiles) {
  setEnvPat();
  env.vars["DATABRICKS_CONFIG_PROFILE"] = "dev";
  EXPECT_EQ(resolve().authMethod, "env-pat");
}

TEST_F(CredentialResolverTest, ConfigProfileVariable) {
  env.vars["DATABRICKS_CONFIG_PROFILE"] = "az";
  const auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Profile);
  EXPECT_EQ(c.authMethod, "cli-profile:az");
  EXPECT_EQ(c.host, "https://adb-9.azuredatabricks.net");
  EXPECT_EQ(c.clientId, "az-client");
  EXPECT_EQ(c.clientSecret, "az-secret-value-123");
  EXPECT_EQ(c.tenantId, "tenant-9");

  env.vars["DATABRICKS_CONFIG_PROFILE"] = "nope";
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("DATABRICKS_CONFIG_PROFILE"), std::string::npos) << lastError;

  env.vars["DATABRICKS_CONFIG_PROFILE"] = "nohost";
  EXPECT_EQ(resolveStatus(), 401);
  EXPECT_NE(lastError.find("no host"), std::string::npos) << lastError;
}

TEST_F(CredentialResolverTest, ConfigFileVariableChoosesTheFile) {
  std::ofstream(home.path() / "alt.cfg") << "[alt]\nhost = https://alt\ntoken = dapi-alt-000000\n";
  env.vars["DATABRICKS_CONFIG_FILE"] = (home.path() / "alt.cfg").string();
  env.vars["DATABRICKS_CONFIG_PROFILE"] = "alt";
  EXPECT_EQ(resolve().host, "https://alt");
}

TEST_F(CredentialResolverTest, DefaultProfile) {
  auto c = resolve();
  EXPECT_EQ(c.source, CredentialSource::Profile);
  EXPECT_EQ(c.authMethod, "cli-profile:DEFAULT");
  EXPECT_EQ(c.host, "https://default.cloud.databricks.com");

  writeCfg(std::string("[__settings__]\ndefault_profile = sp\n") + kResolverCfg);
  EXPECT_EQ(resolve().authMethod, "cli-profile:sp");

  // The implicit default is skipped, not an error, when it is missing or has no host.
  writeCfg("[__settings__]\ndefault_profile = gone\n[dev]\nhost = h\n");
  EXPECT_TRUE(resolve().isLocal());
  writeCfg("[DEFAULT]\ntoken = dapi-no-host-00000\n");
  EXPECT_TRUE(resolve().isLocal());
}

TEST_F(CredentialResolverTest, WarehousePrecedence) {
  config.doc_ = {{"sql_warehouse_id", "wh-config"}};
  removeCfg();
  EXPECT_EQ(resolve().warehouseId, "wh-config");
  EXPECT_EQ(resolve({{"x-databricks-warehouse", "wh-header"}}).warehouseId, "wh-header");

  writeCfg(kResolverCfg);
  env.vars["DATABRICKS_CONFIG_PROFILE"] = "dev";
  EXPECT_EQ(resolve().warehouseId, "wh-dev");
  EXPECT_EQ(resolve({{"x-databricks-warehouse", "wh-header"}}).warehouseId, "wh-header");
  env.vars["DATABRICKS_CONFIG_PROFILE"] = "sp";
  EXPECT_EQ(resolve().warehouseId, "wh-config");

  auto headers = kResolverHeaderCreds;
  EXPECT_EQ(resolve(headers).warehouseId, "wh-config");
  headers["x-databricks-warehouse"] = "wh-h2";
  EXPECT_EQ(resolve(headers).warehouseId, "wh-h2");
}

TEST_F(CredentialResolverTest, ConfigIsNotReadWhenNoStepNeedsIt) {
  auto headers = kResolverHeaderCreds;
  headers["x-databricks-warehouse"] = "wh";
  (void)resolve(headers);
  EXPECT_EQ(config.reads, 0);
  (void)resolve();
  EXPECT_EQ(config.reads, 1) << "one read per request at most";
}

class ThrowingConfig final : public clxs::ConfigView {
 public:
  [[nodiscard]] clxs::Json effective(const std::string& = {}) const override {
    throw std::runtime_error("bad yaml");
  }
};

TEST(CredentialResolverConfigTest, BrokenOrMissingConfigIsIgnored) {
  MapEnvironment env;
  FakeClock clock;
  SessionStore sessions(clock, 8h);
  DatabricksCfgFile cfg(env);
  ThrowingConfig broken;
  EXPECT_TRUE(CredentialResolver(env, &broken, sessions, cfg).resolve({}).isLocal());
  EXPECT_TRUE(CredentialResolver(env, nullptr, sessions, cfg).resolve({}).isLocal());
}

}  // namespace
}  // namespace clxs::kernel
