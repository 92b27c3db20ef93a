#include "kernel/config/config_schema.hpp"

#include <gtest/gtest.h>

#include <string>

#include "clxs/error.hpp"
#include "clxs/yaml.hpp"
#include "kernel/config/config_test_support.hpp"

namespace clxs::kernel {
namespace {

// The message of the 400 the document causes, or "" when it is accepted.
std::string problem(const std::string& yaml) {
  try {
    validateConfigDocument(parseYaml(yaml), "config/clone_config.yaml");
    return {};
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
    return e.what();
  }
}

TEST(ConfigSchema, TheShippedConfigIsValid) {
  const Json shipped =
      parseYaml(testing::readText(testing::shippedConfigDir() / "clone_config.yaml"));
  ASSERT_TRUE(shipped.is_object());
  EXPECT_NO_THROW(validateConfigDocument(shipped, "config/clone_config.yaml"));
}

TEST(ConfigSchema, WrongTypesNameTheFileAndTheKey) {
  const std::string m = problem("max_workers: ten\n");
  EXPECT_NE(m.find("config/clone_config.yaml"), std::string::npos) << m;
  EXPECT_NE(m.find("max_workers must be an integer"), std::string::npos) << m;
  EXPECT_NE(problem("max_workers: 0\n").find("at least 1"), std::string::npos);
  EXPECT_NE(problem("max_workers: 4.5\n"), "");
  EXPECT_NE(problem("max_workers:\n").find("not null"), std::string::npos);
  EXPECT_NE(problem("copy_tags: 'yes'\n").find("copy_tags"), std::string::npos);
  EXPECT_NE(problem("copy_anything_new: 1\n").find("copy_anything_new"), std::string::npos);
  EXPECT_NE(problem("dry_run: 1\n"), "");
  EXPECT_NE(problem("rollback_threshold: 101\n").find("at most 100"), std::string::npos);
  EXPECT_NE(problem("api_port: 70000\n"), "");
}

TEST(ConfigSchema, EnumsAcceptAnyCaseButNothingElse) {
  EXPECT_EQ(problem("clone_type: shallow\nload_type: incremental\n"), "");
  const std::string m = problem("clone_type: MEDIUM\n");
  EXPECT_NE(m.find("clone_type must be one of \"DEEP\", \"SHALLOW\""), std::string::npos) << m;
  EXPECT_NE(problem("order_by_size: biggest\n"), "");
  EXPECT_EQ(problem("order_by_size:\n"), "");
}

TEST(ConfigSchema, ListsMustHoldStrings) {
  EXPECT_NE(problem("exclude_schemas: default\n").find("a list of strings"), std::string::npos);
  EXPECT_NE(problem("exclude_schemas: [a, 1]\n").find("exclude_schemas[1]"), std::string::npos);
  EXPECT_EQ(problem("include_schemas: []\n"), "");
}

TEST(ConfigSchema, ProfilesAreMappingsOfValidConfigs) {
  EXPECT_EQ(problem("profiles:\n  dev:\n    clone_type: SHALLOW\n  empty:\n"), "");
  EXPECT_NE(problem("profiles: [dev]\n").find("profiles must be a mapping"), std::string::npos);
  EXPECT_NE(problem("profiles:\n  dev: [1]\n").find("profiles.dev"), std::string::npos);
  EXPECT_NE(problem("profiles:\n  dev:\n    max_workers: -1\n").find("profiles.dev.max_workers"),
            std::string::npos);
  EXPECT_NE(problem("profiles:\n  dev:\n    profiles: {}\n").find("nested"), std::string::npos);
}

TEST(ConfigSchema, BlocksWithKnownKeysAreChecked) {
  EXPECT_NE(problem("audit_trail:\n  catalog: ''\n").find("audit_trail.catalog"),
            std::string::npos);
  EXPECT_NE(problem("audit_trail: x\n"), "");
  EXPECT_NE(problem("server:\n  port: 0\n").find("server.port"), std::string::npos);
  EXPECT_NE(problem("server:\n  threads: many\n"), "");
  EXPECT_NE(problem("currency: usd\n").find("ISO 4217"), std::string::npos);
  EXPECT_EQ(problem("currency: GBP\nprice_per_gb: 0.02\n"), "");
  EXPECT_NE(problem("rtbf: [1]\n"), "");
}

TEST(ConfigSchema, UnknownKeysAndNullableNullsPass) {
  EXPECT_EQ(problem("my_own_key: {anything: [1, 2]}\nslack_webhook_url:\nfilter_by_tags:\n"), "");
}

TEST(ConfigSchema, TheDocumentMustBeAMapping) {
  EXPECT_THROW(validateConfigDocument(Json::array({1}), "f.yaml"), HttpError);
  EXPECT_THROW(validateConfigDocument(Json("text"), "f.yaml"), HttpError);
}

TEST(ConfigSchema, PartialKeysUseTheSameRules) {
  EXPECT_NO_THROW(validateConfigKeys(Json{{"max_workers", 5}}, "f.yaml"));
  EXPECT_THROW(validateConfigKeys(Json{{"max_workers", "5"}}, "f.yaml"), HttpError);
}

}  // namespace
}  // namespace clxs::kernel
