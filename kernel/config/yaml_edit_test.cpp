#include "kernel/config/yaml_edit.hpp"

#include <gtest/gtest.h>

#include <string>

#include "clxs/yaml.hpp"

namespace clxs::kernel {
namespace {

const char* kFile =
    "# header comment\n"
    "source_catalog: prod   # where data comes from\n"
    "max_workers: 10               # schemas in parallel\n"
    "exclude_schemas:\n"
    "- information_schema\n"
    "- default\n"
    "\n"
    "# the audit block\n"
    "audit_trail:\n"
    "  catalog: edp_dev\n"
    "  schema: logs\n"
    "copy_tags: true\n";

TEST(YamlEdit, ReplacesAScalarAndKeepsEveryOtherLine) {
  const std::string out = setTopLevelKeys(kFile, Json{{"max_workers", 12}});
  EXPECT_NE(out.find("# header comment\n"), std::string::npos);
  EXPECT_NE(out.find("source_catalog: prod   # where data comes from\n"), std::string::npos);
  EXPECT_NE(out.find("max_workers: 12               # schemas in parallel\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("# the audit block\n"), std::string::npos);
  Json expected = parseYaml(kFile);
  expected["max_workers"] = 12;
  EXPECT_TRUE(sameJson(parseYaml(out), expected));
}

TEST(YamlEdit, ReplacesBlockValuesWholly) {
  const Json updates = {{"exclude_schemas", Json::array({"tmp"})},
                        {"audit_trail", {{"catalog", "c"}, {"schema", "s"}, {"table", "t"}}}};
  const std::string out = setTopLevelKeys(kFile, updates);
  const Json doc = parseYaml(out);
  EXPECT_EQ(doc["exclude_schemas"], Json::array({"tmp"}));
  EXPECT_EQ(doc["audit_trail"], updates["audit_trail"]);
  EXPECT_EQ(doc["copy_tags"], true);
  EXPECT_NE(out.find("# the audit block\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("information_schema"), std::string::npos);
}

TEST(YamlEdit, AppendsMissingKeysAndQuotesAmbiguousStrings) {
  const std::string out =
      setTopLevelKeys(kFile, Json{{"sql_warehouse_id", "10"}, {"currency", "NO"}});
  EXPECT_EQ(out.rfind(kFile, 0), 0u) << "the original text must stay as it was";
  const Json doc = parseYaml(out);
  EXPECT_EQ(doc["sql_warehouse_id"], "10");
  EXPECT_EQ(doc["currency"], "NO");
}

TEST(YamlEdit, FallsBackToReEmittingWhenLinesAreAmbiguous) {
  // Flow style: the key is not at the start of a line.
  const std::string flow = "{max_workers: 3, dry_run: true}\n";
  Json doc = parseYaml(setTopLevelKeys(flow, Json{{"max_workers", 8}}));
  EXPECT_EQ(doc, Json::parse(R"({"max_workers": 8, "dry_run": true})"));
  // A repeated key: the line edit cannot know which one to change.
  const std::string dup = "a: 1\nb: 2\na: 3\n";
  doc = parseYaml(setTopLevelKeys(dup, Json{{"a", 5}}));
  EXPECT_EQ(doc, Json::parse(R"({"a": 5, "b": 2})"));
}

TEST(YamlEdit, EmptyTextBecomesAMappingOfTheUpdates) {
  EXPECT_EQ(parseYaml(setTopLevelKeys("", Json{{"k", "v"}})), Json::parse(R"({"k": "v"})"));
}

TEST(YamlEdit, RejectsDocumentsThatAreNotMappings) {
  EXPECT_THROW((void)setTopLevelKeys("- a\n- b\n", Json{{"k", 1}}), YamlError);
  EXPECT_THROW((void)setTopLevelKeys("a: [1,\n", Json{{"k", 1}}), YamlError);
}

TEST(YamlEdit, SameJsonIgnoresObjectKeyOrderOnly) {
  EXPECT_TRUE(sameJson(Json::parse(R"({"a":1,"b":[1,2]})"), Json::parse(R"({"b":[1,2],"a":1})")));
  EXPECT_FALSE(sameJson(Json::parse(R"({"b":[2,1]})"), Json::parse(R"({"b":[1,2]})")));
  EXPECT_FALSE(sameJson(Json::parse(R"({"a":1})"), Json::parse(R"({"a":1,"b":2})")));
}

}  // namespace
}  // namespace clxs::kernel
