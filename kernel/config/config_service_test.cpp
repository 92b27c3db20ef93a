#include "kernel/config/config_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/yaml.hpp"
#include "kernel/config/config_test_support.hpp"
#include "kernel/config/file_io.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;
using testing::readText;
using testing::shippedConfigDir;
using testing::TempDir;
using testing::writeText;

// Status and message of the HttpError `fn` throws (0 when it does not throw).
template <typename Fn>
std::pair<int, std::string> errorOf(Fn fn) {
  try {
    fn();
    return {0, {}};
  } catch (const HttpError& e) {
    return {e.status(), e.what()};
  }
}

class ConfigServiceTest : public ::testing::Test {
 protected:
  void write(const std::string& text) { writeText(dir_ / "clone_config.yaml", text); }
  std::string fileText() { return readText(dir_ / "clone_config.yaml"); }

  TempDir tmp_;
  fs::path dir_ = tmp_.path() / "config";
  ConfigService config_{dir_};
};

TEST_F(ConfigServiceTest, CreatesItsDirectory) {
  EXPECT_TRUE(fs::is_directory(dir_));
  EXPECT_EQ(config_.directory(), fs::canonical(dir_));
}

TEST(ConfigServiceSeed, CopiesMissingShippedFilesAndNeverOverwrites) {
  TempDir tmp;
  const fs::path shipped = tmp.path() / "shipped";
  const fs::path target = tmp.path() / "config";
  writeText(shipped / "clone_config.yaml", "max_workers: 5\n");
  writeText(shipped / "templates" / "t.yaml", "a: 1\n");
  EXPECT_EQ(ConfigService::seedDefaults(shipped, target), 2u);
  EXPECT_EQ(readText(target / "templates" / "t.yaml"), "a: 1\n");

  writeText(target / "clone_config.yaml", "max_workers: 9\n");
  EXPECT_EQ(ConfigService::seedDefaults(shipped, target), 0u);
  EXPECT_EQ(readText(target / "clone_config.yaml"), "max_workers: 9\n");

  fs::remove(target / "templates" / "t.yaml");
  EXPECT_EQ(ConfigService::seedDefaults(shipped, target), 1u);
  EXPECT_EQ(ConfigService::seedDefaults(tmp.path() / "nowhere", target), 0u);
}

TEST_F(ConfigServiceTest, AMissingFileMeansBuiltInDefaults) {
  const Json eff = config_.effective();
  EXPECT_EQ(eff["max_workers"], 4);
  EXPECT_EQ(eff["clone_type"], "DEEP");
  EXPECT_EQ(eff["exclude_schemas"], Json::array({"information_schema", "default"}));
  EXPECT_EQ(eff["audit_trail"]["table"], "clone_operations");
  EXPECT_EQ(eff["metrics_table"], "clone_audit.metrics.clone_metrics");
  EXPECT_EQ(eff["server"]["host"], "127.0.0.1");
  EXPECT_EQ(eff["server"]["port"], 8080);
  EXPECT_EQ(eff["server"]["threads"], 32);
  EXPECT_EQ(eff["server"]["max_body_bytes"], 10485760);
  EXPECT_EQ(eff["server"]["max_concurrent_jobs"], 4);
  EXPECT_EQ(eff["server"]["cache_ttl_seconds"], 300);
  EXPECT_EQ(eff["server"]["session_ttl_hours"], 8);
  EXPECT_TRUE(config_.profileNames("clone_config.yaml").empty());
  EXPECT_EQ(config_.document("config/clone_config.yaml"), Json::object());
}

TEST_F(ConfigServiceTest, ProfilesOverrideTheBaseWhichOverridesDefaults) {
  write(
      "max_workers: 10\n"
      "clone_type: deep\n"
      "destination_catalog: base_dest\n"
      "server:\n  port: 9090\n"
      "audit_trail:\n  catalog: base_cat\n  schema: base_schema\n  table: base_table\n"
      "profiles:\n"
      "  dev:\n"
      "    clone_type: SHALLOW\n"
      "    destination_catalog: dev_dest\n"
      "    audit_trail:\n      catalog: dev_cat\n");
  const Json base = config_.effective();
  EXPECT_EQ(base["max_workers"], 10);        // file over default 4
  EXPECT_EQ(base["clone_type"], "DEEP");     // upper-cased
  EXPECT_EQ(base["parallel_tables"], 1);     // default
  EXPECT_EQ(base["server"]["port"], 9090);   // file
  EXPECT_EQ(base["server"]["threads"], 32);  // default fills the block
  EXPECT_EQ(base["metrics_table"], "base_cat.metrics.clone_metrics");
  EXPECT_FALSE(base.contains("profiles"));

  const Json dev = config_.effective("dev");
  EXPECT_EQ(dev["clone_type"], "SHALLOW");            // profile
  EXPECT_EQ(dev["destination_catalog"], "dev_dest");  // profile
  EXPECT_EQ(dev["max_workers"], 10);                  // base
  EXPECT_EQ(dev["max_parallel_queries"], 10);         // default
  // Shallow: the profile's audit_trail replaces the base one whole.
  EXPECT_EQ(dev["audit_trail"]["catalog"], "dev_cat");
  EXPECT_EQ(dev["audit_trail"]["schema"], "logs");
  EXPECT_EQ(dev["audit_trail"]["table"], "clone_operations");
  EXPECT_EQ(dev["metrics_table"], "dev_cat.metrics.clone_metrics");
  EXPECT_FALSE(dev.contains("profiles"));
  EXPECT_EQ(config_.value("max_workers"), 10);
  EXPECT_EQ(config_.value("no_such_key", 42), 42);
}

TEST_F(ConfigServiceTest, UnknownProfilesAre404ListingTheKnownOnes) {
  write("profiles:\n  dev: {}\n  staging: {}\n");
  auto [status, message] = errorOf([&] { (void)config_.effective("prod"); });
  EXPECT_EQ(status, 404);
  EXPECT_NE(message.find("'prod'"), std::string::npos) << message;
  EXPECT_NE(message.find("dev, staging"), std::string::npos) << message;

  write("max_workers: 3\n");
  std::tie(status, message) = errorOf([&] { (void)config_.effective("dev"); });
  EXPECT_EQ(status, 404);
  EXPECT_NE(message.find("defines no profiles"), std::string::npos) << message;
}

TEST_F(ConfigServiceTest, TheShippedConfigLoadsWithItsProfiles) {
  ConfigService::seedDefaults(shippedConfigDir(), dir_);
  EXPECT_EQ(config_.profileNames("clone_config.yaml"),
            (std::vector<std::string>{"dev", "staging", "production"}));
  const Json base = config_.effective();
  EXPECT_EQ(base["source_catalog"], "") << "no default catalog that may not exist";
  EXPECT_EQ(base["max_workers"], 10);
  EXPECT_EQ(base["sql_warehouse_id"], "");
  EXPECT_EQ(
      base["audit_trail"],
      Json::parse(R"({"catalog": "edp_dev", "schema": "logs", "table": "clone_operations"})"));
  EXPECT_EQ(base["server"]["host"], "127.0.0.1");
  const Json prod = config_.effective("production");
  EXPECT_EQ(prod["destination_catalog"], "demo_prod");
  EXPECT_DOUBLE_EQ(prod["rollback_threshold"].get<double>(), 2.0);
  EXPECT_EQ(prod["approval_required"], true);
  const Json dev = config_.effective("dev");
  EXPECT_EQ(dev["clone_type"], "SHALLOW");
  EXPECT_EQ(dev["dry_run"], true);
  EXPECT_EQ(dev["copy_permissions"], false);
}

TEST_F(ConfigServiceTest, OutsideEditsAreSeenWithoutRestart) {
  write("max_workers: 3\n");
  EXPECT_EQ(config_.effective()["max_workers"], 3);
  write("max_workers: 17  \n");  // a different size, so the stamp surely changes
  EXPECT_EQ(config_.effective()["max_workers"], 17);
  fs::remove(dir_ / "clone_config.yaml");
  EXPECT_EQ(config_.effective()["max_workers"], 4);
}

TEST_F(ConfigServiceTest, ABrokenFileIs400NamingIt) {
  write("max_workers: [1,\n");
  auto [status, message] = errorOf([&] { (void)config_.effective(); });
  EXPECT_EQ(status, 400);
  EXPECT_NE(message.find("config/clone_config.yaml is not valid YAML"), std::string::npos)
      << message;
  write("- just\n- a list\n");
  EXPECT_EQ(errorOf([&] { (void)config_.effective(); }).first, 400);
}

TEST_F(ConfigServiceTest, OtherFilesAreReadThroughConfinedPaths) {
  writeText(dir_ / "envs" / "dev.yaml", "max_workers: 2\nprofiles:\n  a: {max_workers: 3}\n");
  EXPECT_EQ(config_.effectiveOf("config/envs/dev.yaml", "")["max_workers"], 2);
  EXPECT_EQ(config_.effectiveOf("envs/dev.yaml", "a")["max_workers"], 3);
  EXPECT_EQ(config_.profileNames("envs/dev.yaml"), std::vector<std::string>{"a"});
  EXPECT_EQ(errorOf([&] { (void)config_.document("envs/none.yaml"); }).first, 404);
  EXPECT_EQ(errorOf([&] { (void)config_.effectiveOf("../x.yaml", ""); }).first, 400);
}

TEST_F(ConfigServiceTest, SaveWritesTheTextVerbatim) {
  const std::string yaml = "# mine\nsource_catalog: prod\ndestination_catalog: prod_clone\n";
  EXPECT_EQ(config_.saveYaml("config/clone_config.yaml", yaml), "config/clone_config.yaml");
  EXPECT_EQ(fileText(), yaml);
  EXPECT_EQ(config_.effective()["destination_catalog"], "prod_clone");
  EXPECT_EQ(config_.saveYaml("templates/t.yml", "a: 1\n"), "config/templates/t.yml");
  EXPECT_EQ(readText(dir_ / "templates" / "t.yml"), "a: 1\n");
}

TEST_F(ConfigServiceTest, SaveReplacesAtomically) {
  write("max_workers: 3\n");
  const FileStamp before = fileStamp(dir_ / "clone_config.yaml");
  (void)config_.saveYaml("clone_config.yaml", "max_workers: 5\n");
  EXPECT_NE(fileStamp(dir_ / "clone_config.yaml").inode, before.inode);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file may remain";
  EXPECT_EQ(config_.effective()["max_workers"], 5) << "the cache must see the write";
}

TEST_F(ConfigServiceTest, InvalidSavesAre400AndLeaveTheFileUntouched) {
  write("max_workers: 3\n");
  const std::string before = fileText();
  const std::pair<std::string, std::string> cases[] = {
      {"max_workers: [1,\n", "not valid YAML"},
      {"", "empty"},
      {"- a\n- b\n", "mapping"},
      {"max_workers: ten\n", "max_workers must be an integer"},
      {"clone_type: MEDIUM\n", "clone_type"},
      {"copy_tags: 'true'\n", "copy_tags"},
      {"exclude_schemas: [1]\n", "exclude_schemas[0]"},
      {"profiles: [dev]\n", "profiles"},
      {"a: 1\n---\nb: 2\n", "documents"},
  };
  for (const auto& [yaml, expected] : cases) {
    auto [status, message] = errorOf([&] { (void)config_.saveYaml("clone_config.yaml", yaml); });
    EXPECT_EQ(status, 400) << yaml;
    EXPECT_NE(message.find(expected), std::string::npos) << yaml << " -> " << message;
    EXPECT_EQ(fileText(), before) << yaml;
  }
}

TEST_F(ConfigServiceTest, SavePathsAreConfined) {
  const fs::path outside = tmp_.path() / "outside";
  fs::create_directories(outside);
  fs::create_directory_symlink(outside, dir_ / "escape");
  const std::string paths[] = {"../clone_config.yaml", (outside / "x.yaml").string(),
                               "escape/x.yaml", std::string("a\0.yaml", 7), "notes.txt"};
  for (const auto& p : paths) {
    EXPECT_EQ(errorOf([&] { (void)config_.saveYaml(p, "a: 1\n"); }).first, 400) << p;
  }
  EXPECT_TRUE(fs::is_empty(outside));
  EXPECT_FALSE(fs::exists(tmp_.path() / "clone_config.yaml"));
}

TEST_F(ConfigServiceTest, UpdateKeysKeepsOtherKeysAndComments) {
  write("# top\nmax_workers: 3   # schemas\ncustom: {a: 1}\nprofiles:\n  dev: {dry_run: true}\n");
  const Json after = config_.updateKeys([](const Json& current) {
    EXPECT_EQ(current["max_workers"], 3);
    return Json{{"max_workers", 8}, {"sql_warehouse_id", "abc"}};
  });
  EXPECT_EQ(after["max_workers"], 8);
  const std::string text = fileText();
  EXPECT_NE(text.find("# top\n"), std::string::npos) << text;
  EXPECT_NE(text.find("max_workers: 8   # schemas\n"), std::string::npos) << text;
  const Json doc = parseYaml(text);
  EXPECT_EQ(doc["custom"], Json::parse(R"({"a": 1})"));
  EXPECT_EQ(doc["sql_warehouse_id"], "abc");
  EXPECT_EQ(config_.effective("dev")["dry_run"], true);
  EXPECT_EQ(config_.effective()["max_workers"], 8);
}

TEST_F(ConfigServiceTest, InvalidUpdatesLeaveTheFileUntouched) {
  write("max_workers: 3\n");
  const std::string before = fileText();
  EXPECT_EQ(errorOf([&] {
              (void)config_.updateKeys([](const Json&) { return Json{{"max_workers", 0}}; });
            }).first,
            400);
  EXPECT_EQ(fileText(), before);
  write("max_workers: [\n");
  EXPECT_EQ(errorOf([&] {
              (void)config_.updateKeys([](const Json&) { return Json{{"max_workers", 2}}; });
            }).first,
            400);
  EXPECT_EQ(fileText(), "max_workers: [\n");
}

TEST_F(ConfigServiceTest, UpdateKeysCreatesAMissingFile) {
  (void)config_.updateKeys([](const Json&) { return Json{{"currency", "GBP"}}; });
  EXPECT_EQ(parseYaml(fileText()), Json::parse(R"({"currency": "GBP"})"));
}

TEST_F(ConfigServiceTest, ConcurrentUpdatesAreSerialised) {
  write("base: 1\n");
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 5; ++i) {
        const std::string key = "k" + std::to_string(t) + "_" + std::to_string(i);
        (void)config_.updateKeys([&](const Json&) { return Json{{key, i}}; });
        (void)config_.effective();
      }
    });
  }
  for (auto& th : threads) th.join();
  const Json doc = config_.document("clone_config.yaml");
  EXPECT_EQ(doc.size(), 41u) << doc.dump();
}

TEST_F(ConfigServiceTest, StreamingLimitsLiveInTheConfigDirectory) {
  EXPECT_EQ(config_.streamingLimits()["events_per_batch"]["max"], 10000);
  const Json out =
      config_.updateStreamingLimits(Json::parse(R"({"events_per_batch": {"max": 50000}})"));
  EXPECT_EQ(out["events_per_batch"]["max"], 50000);
  EXPECT_EQ(config_.streamingLimits(), out);
  EXPECT_TRUE(fs::exists(dir_ / "streaming_limits.json"));
}

}  // namespace
}  // namespace clxs::kernel
