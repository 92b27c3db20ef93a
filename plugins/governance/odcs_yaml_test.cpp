#include "plugins/governance/odcs_yaml.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::governance {
namespace {

TEST(OdcsYaml, ExportThenImportGivesTheSameDocument) {
  const Json doc = Json::parse(R"json({
    "apiVersion": "v3.1.0", "kind": "DataContract", "id": "c-1", "name": "it's `odd` 100%",
    "version": "1.10", "status": "active", "flag": "true", "nothing": null, "empty": {},
    "list": [], "n": 5, "x": 0.25, "neg": -3, "yes": true, "multi": "a\nb: c\n- d",
    "unicode": "café ✓", "schema": [{"name": "t", "properties": [{"name": "#id", "quality":
    [{"metric": "nullValues", "mustBeBetween": [0, 1.5]}]}]}]
  })json");
  const std::string yaml = contractToYaml(doc);
  EXPECT_EQ(contractFromYaml(yaml), doc) << yaml;
  EXPECT_EQ(contractToYaml(contractFromYaml(yaml)), yaml);
}

TEST(OdcsYaml, PlainYamlTypesAsYaml12AndQuotedStaysText) {
  const Json doc = contractFromYaml("name: orders\nversion: '1.0.0'\nn: 3\nok: true\nv: 1.0.0\n");
  EXPECT_EQ(doc["version"], "1.0.0");
  EXPECT_EQ(doc["n"], 3);
  EXPECT_EQ(doc["ok"], true);
  EXPECT_EQ(doc["v"], "1.0.0");
}

TEST(OdcsYaml, BadYamlIs422AtYamlContent) {
  for (const char* text : {"name: [unclosed", "- just\n- a list\n", "plain text"}) {
    try {
      contractFromYaml(text);
      FAIL() << "accepted " << text;
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_EQ(e.detail()[0]["loc"], Json::array({"body", "yaml_content"}));
    }
  }
}

}  // namespace
}  // namespace clxs::governance
