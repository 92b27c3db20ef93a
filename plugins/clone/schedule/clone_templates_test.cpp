#include "plugins/clone/schedule/clone_templates.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace clxs::clone::schedule {
namespace {

Json configured(const std::string& json) {
  return Json::parse(json);
}

const CloneTemplate& find(const std::vector<CloneTemplate>& all, const std::string& key) {
  const auto* t = findTemplate(all, key);
  EXPECT_NE(t, nullptr) << key;
  static const CloneTemplate kNone;
  return t != nullptr ? *t : kNone;
}

TEST(CloneTemplates, TheOriginalsThirteenBuiltIns) {
  const auto all = builtinTemplates();
  std::set<std::string> keys;
  for (const auto& t : all) keys.insert(t.key);
  EXPECT_EQ(keys, (std::set<std::string>{"dev-copy", "dr-backup", "test-refresh", "staging-promote",
                                         "incremental-sync", "schema-only", "cross-workspace",
                                         "dev-refresh", "dr-replica", "audit-copy", "pii-safe",
                                         "minimal", "full-mirror"}));
  for (const auto& t : all) {
    EXPECT_FALSE(t.title.empty()) << t.key;
    EXPECT_FALSE(t.description.empty()) << t.key;
    EXPECT_EQ(t.source, "builtin");
    Json config = t.config;
    EXPECT_EQ(normalizeCloneFields(config), "") << t.key;
    EXPECT_TRUE(ignoredCloneKeys(t.config).empty()) << t.key << " uses keys the clone ignores";
    const Json d = describeTemplate(t);
    EXPECT_FALSE(d.contains("error")) << d.dump();
  }
}

TEST(CloneTemplates, DescribeHasTheSpecShape) {
  const Json d = describeTemplate(find(builtinTemplates(), "dev-refresh"));
  EXPECT_EQ(d["name"], "dev-refresh");
  EXPECT_EQ(d["key"], "dev-refresh");
  EXPECT_EQ(d["title"], "Dev Refresh");
  EXPECT_EQ(d["clone_type"], "SHALLOW");
  EXPECT_EQ(d["source"], "builtin");
  EXPECT_EQ(d["available"], true);
  EXPECT_EQ(d["config"]["copy_permissions"], false);
  EXPECT_FALSE(d["description"].get<std::string>().empty());
}

TEST(CloneTemplates, CapabilitiesThisBuildLacksAreUnavailableNotBroken) {
  const auto all = builtinTemplates();
  for (const char* key : {"pii-safe", "dev-copy", "cross-workspace"}) {
    const Json d = describeTemplate(find(all, key));
    EXPECT_EQ(d["available"], false) << d.dump();
    EXPECT_FALSE(d.contains("error")) << d.dump();
    EXPECT_FALSE(d.value("unavailable_reason", std::string()).empty()) << d.dump();
  }
  EXPECT_EQ(describeTemplate(find(all, "cross-workspace"))["requires"],
            Json::array({"target_workspace"}));
}

TEST(CloneTemplates, ConfiguredTemplatesAddAndReplace) {
  const auto all = allTemplates(configured(R"({
    "nightly": {"name": "Nightly", "description": "n", "config": {"clone_type": "shallow",
                "include_schemas": ["sales"], "masking": true}},
    "minimal": {"description": "mine", "config": {"clone_type": "DEEP"}}})"));
  EXPECT_EQ(all.size(), builtinTemplates().size() + 1);
  const auto& nightly = find(all, "nightly");
  EXPECT_EQ(nightly.error, "");
  EXPECT_EQ(nightly.source, "config");
  EXPECT_EQ(nightly.title, "Nightly");
  EXPECT_EQ(nightly.config["clone_type"], "SHALLOW") << "enum spelling normalised";
  EXPECT_EQ(describeTemplate(nightly)["ignored_keys"], Json::array({"masking"}));
  const auto& minimal = find(all, "minimal");
  EXPECT_EQ(minimal.source, "config");
  EXPECT_EQ(minimal.description, "mine");
  EXPECT_EQ(minimal.title, "minimal");
}

TEST(CloneTemplates, BadConfiguredTemplatesAreReportedNotFatal) {
  const auto all = allTemplates(configured(R"({
    "good": {"config": {"max_workers": 2}},
    "no-config": {"name": "x"},
    "bad-type": {"config": {"max_workers": "many"}},
    "bad-enum": {"config": {"clone_type": "MEDIUM"}},
    "bad-range": {"config": {"max_workers": 1000}},
    "bad-regex": {"config": {"include_tables_regex": "(unclosed"}},
    "bad-list": {"config": {"include_schemas": ["ok", 3]}},
    "bad-requires": {"config": {}, "requires": "target_workspace"},
    "bad name!": {"config": {}},
    "not-a-map": 7})"));
  EXPECT_EQ(find(all, "good").error, "");
  for (const char* key : {"no-config", "bad-type", "bad-enum", "bad-range", "bad-regex", "bad-list",
                          "bad-requires", "bad name!", "not-a-map"}) {
    const auto& t = find(all, key);
    EXPECT_FALSE(t.error.empty()) << key;
    const Json d = describeTemplate(t);
    EXPECT_EQ(d["available"], false) << key;
    EXPECT_EQ(d["error"], t.error) << key;
  }
  EXPECT_NE(find(all, "bad-type").error.find("max_workers"), std::string::npos);
  EXPECT_NE(find(all, "bad-enum").error.find("DEEP, SHALLOW"), std::string::npos);
  EXPECT_NE(find(all, "bad-range").error.find("at most 64"), std::string::npos);
  EXPECT_NE(find(all, "bad-regex").error.find("regular expression"), std::string::npos);
  EXPECT_NE(find(all, "bad-list").error.find("include_schemas[1]"), std::string::npos);
}

TEST(CloneTemplates, AConfigValueThatIsNotAMappingIsOneBadEntry) {
  const auto all = allTemplates(Json::array({1, 2}));
  ASSERT_EQ(all.size(), builtinTemplates().size() + 1);
  EXPECT_EQ(all.back().key, "clone_templates");
  EXPECT_FALSE(all.back().error.empty());
  EXPECT_EQ(allTemplates(nullptr).size(), builtinTemplates().size());
}

TEST(CloneTemplates, NormalizeChecksDeclaredFieldsOnly) {
  Json ok = Json::parse(R"({"order_by_size": "DESC", "whatever": [1], "as_of_version": null})");
  EXPECT_EQ(normalizeCloneFields(ok), "");
  EXPECT_EQ(ok["order_by_size"], "desc");
  Json bad = Json::parse(R"({"copy_tags": "yes"})");
  EXPECT_EQ(normalizeCloneFields(bad), "copy_tags must be true or false");
  Json emptyId = Json::parse(R"({"exclude_schemas": [""]})");
  EXPECT_EQ(normalizeCloneFields(emptyId), "exclude_schemas[0] must not be empty");
  Json objects = Json::parse(R"({"include_objects": [{"schema": "s", "name": "t"}]})");
  EXPECT_EQ(normalizeCloneFields(objects), "include_objects[0].type is required");
  Json notMap = Json::array();
  EXPECT_EQ(normalizeCloneFields(notMap), "must be a mapping");
}

TEST(CloneTemplates, FindIsExact) {
  const auto all = builtinTemplates();
  EXPECT_NE(findTemplate(all, "minimal"), nullptr);
  EXPECT_EQ(findTemplate(all, "Minimal"), nullptr);
  EXPECT_EQ(findTemplate(all, ""), nullptr);
}

}  // namespace
}  // namespace clxs::clone::schedule
