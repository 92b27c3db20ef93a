#include "kernel/auth/databricks_cfg.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using testing::MapEnvironment;
using testing::TempDir;

void writeFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

TEST(DatabricksCfgTest, ParsesSectionsKeysAndComments) {
  const auto cfg = DatabricksCfg::parse(
      "; leading comment\n"
      "# another\n"
      "[DEFAULT]\n"
      "host = https://adb-1.azuredatabricks.net\n"
      "token = dapi0123456789abcdef   # inline comment\n"
      "\n"
      "[staging.eu]\n"
      "  HOST=https://adb-2.azuredatabricks.net/  \n"
      "client_id: abc-id\n"
      "client_secret = 'quoted # not a comment' ; trailing\n"
      "password = pa#ss;word\n");

  ASSERT_EQ(cfg.profiles().size(), 2u);
  const auto* def = cfg.find("DEFAULT");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->host, "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(def->token, "dapi0123456789abcdef");

  const auto* st = cfg.find("staging.eu");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(st->host, "https://adb-2.azuredatabricks.net/");
  EXPECT_EQ(st->clientId, "abc-id");
  EXPECT_EQ(st->clientSecret, "quoted # not a comment");
  // '#' and ';' without whitespace before them are part of the value.
  EXPECT_EQ(st->values.at("password"), "pa#ss;word");
  EXPECT_EQ(cfg.names(), (std::vector<std::string>{"DEFAULT", "staging.eu"}));
}

TEST(DatabricksCfgTest, HandlesCrlfDuplicateSectionsAndOrphanKeys) {
  const auto cfg = DatabricksCfg::parse(
      "host = https://orphan\r\n"
      "[dev]\r\n"
      "host = https://one\r\n"
      "[prod]\r\n"
      "host = https://prod\r\n"
      "[dev]\r\n"
      "token = \"dapi-dev-token-1234\"\r\n"
      "host = https://two\r\n");
  ASSERT_EQ(cfg.names(), (std::vector<std::string>{"DEFAULT", "dev", "prod"}));
  EXPECT_EQ(cfg.find("DEFAULT")->host, "https://orphan");
  EXPECT_EQ(cfg.find("dev")->host, "https://two");
  EXPECT_EQ(cfg.find("dev")->token, "dapi-dev-token-1234");
}

TEST(DatabricksCfgTest, SettingsSectionIsNotAProfile) {
  const auto withSettings =
      DatabricksCfg::parse("[__settings__]\ndefault_profile = prod\n[prod]\nhost = h\n");
  EXPECT_EQ(withSettings.names(), (std::vector<std::string>{"prod"}));
  EXPECT_EQ(withSettings.defaultProfileName(), "prod");
  EXPECT_EQ(withSettings.find("__settings__"), nullptr);

  EXPECT_EQ(DatabricksCfg::parse("[prod]\nhost = h\n").defaultProfileName(), "DEFAULT");
}

TEST(DatabricksCfgTest, ProfileNamesAreCaseSensitive) {
  const auto cfg = DatabricksCfg::parse("[Dev]\nhost = h\n");
  EXPECT_NE(cfg.find("Dev"), nullptr);
  EXPECT_EQ(cfg.find("dev"), nullptr);
}

TEST(DatabricksCfgTest, IgnoresGarbageLines) {
  const auto cfg = DatabricksCfg::parse("[broken\nno delimiter here\n=novalue\n[ok]\nhost=h\n");
  ASSERT_NE(cfg.find("ok"), nullptr);
  EXPECT_EQ(cfg.find("ok")->host, "h");
}

TEST(DatabricksCfgTest, AuthLabels) {
  DatabricksProfile p;
  EXPECT_EQ(p.authLabel(), "oauth-u2m");
  p.azureClientId = "a";
  p.azureClientSecret = "s";
  EXPECT_EQ(p.authLabel(), "azure-ad-sp");
  p.clientId = "c";
  p.clientSecret = "s";
  EXPECT_EQ(p.authLabel(), "oauth-sp");
  p.token = "t";
  EXPECT_EQ(p.authLabel(), "pat");
  p.authType = "databricks-cli";
  EXPECT_EQ(p.authLabel(), "oauth-u2m");
  p.authType = "OAUTH-M2M";
  EXPECT_EQ(p.authLabel(), "oauth-sp");
  p.authType = "azure-client-secret";
  EXPECT_EQ(p.authLabel(), "azure-ad-sp");
}

TEST(DatabricksCfgTest, LocationHonoursEnvironment) {
  MapEnvironment env;
  env.homeDir = "/home/alice";
  EXPECT_EQ(DatabricksCfg::location(env), "/home/alice/.databrickscfg");
  env.vars["DATABRICKS_CONFIG_FILE"] = "/etc/dbcfg";
  EXPECT_EQ(DatabricksCfg::location(env), "/etc/dbcfg");
  env.vars["DATABRICKS_CONFIG_FILE"] = "~/cfg/databricks";
  EXPECT_EQ(DatabricksCfg::location(env), "/home/alice/cfg/databricks");
  env.vars["DATABRICKS_CONFIG_FILE"] = "";
  EXPECT_EQ(DatabricksCfg::location(env), "/home/alice/.databrickscfg");
}

TEST(DatabricksCfgTest, MissingFileIsEmpty) {
  TempDir dir;
  EXPECT_TRUE(DatabricksCfg::load(dir.path() / "absent").profiles().empty());
}

TEST(DatabricksCfgFileTest, CachesUntilTheFileChanges) {
  TempDir dir;
  MapEnvironment env;
  env.homeDir = dir.path();
  DatabricksCfgFile file(env);

  EXPECT_TRUE(file.current()->profiles().empty());

  writeFile(dir.path() / ".databrickscfg", "[a]\nhost = h1\n");
  auto first = file.current();
  ASSERT_NE(first->find("a"), nullptr);
  EXPECT_EQ(file.current().get(), first.get()) << "unchanged file must not be re-parsed";

  writeFile(dir.path() / ".databrickscfg", "[a]\nhost = h1\n[bb]\nhost = h2\n");
  EXPECT_NE(file.current()->find("bb"), nullptr);

  std::filesystem::remove(dir.path() / ".databrickscfg");
  EXPECT_TRUE(file.current()->profiles().empty());

  env.vars["DATABRICKS_CONFIG_FILE"] = (dir.path() / "other").string();
  writeFile(dir.path() / "other", "[o]\nhost = h\n");
  EXPECT_NE(file.current()->find("o"), nullptr);
  EXPECT_EQ(file.path(), dir.path() / "other");
}

}  // namespace
}  // namespace clxs::kernel
