#include "plugins/governance/odcs_diff.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

Json odcsDiffBase() {
  return Json::parse(R"json({
    "version": "1.0.0",
    "schema": [{"name": "orders", "properties": [
      {"name": "id", "physicalType": "BIGINT", "required": true},
      {"name": "note", "physicalType": "VARCHAR(50)"},
      {"name": "amount", "physicalType": "DECIMAL(10,2)",
       "quality": [{"metric": "nullValues", "mustBeLessThan": 10}]}]}]
  })json");
}

std::vector<std::string> odcsKinds(const Json& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c["kind"].get<std::string>());
  return out;
}

TEST(OdcsDiff, DroppedColumnNarrowedTypeAndTightenedRuleBreak) {
  Json after = odcsDiffBase();
  after["version"] = "1.0.1";
  auto& props = after["schema"][0]["properties"];
  props.erase(1);                                                             // note dropped
  props[0]["physicalType"] = "INT";                                           // narrowed
  props[1]["quality"][0]["mustBeLessThan"] = 5;                               // tightened
  props.push_back(Json{{"name", "created"}, {"physicalType", "TIMESTAMP"}});  // added
  const Json d = diffContracts(odcsDiffBase(), after);
  EXPECT_TRUE(d["is_breaking"].get<bool>());
  EXPECT_EQ(d["from"], "1.0.0");
  EXPECT_EQ(d["to"], "1.0.1");
  const auto breaking = odcsKinds(d["breaking"]);
  EXPECT_EQ(std::count(breaking.begin(), breaking.end(), "column_dropped"), 1) << d.dump();
  EXPECT_EQ(std::count(breaking.begin(), breaking.end(), "type_narrowed"), 1) << d.dump();
  EXPECT_EQ(std::count(breaking.begin(), breaking.end(), "rule_tightened"), 1) << d.dump();
  EXPECT_EQ(odcsKinds(d["non_breaking"]), std::vector<std::string>{"column_added"});
}

TEST(OdcsDiff, WideningAndLooseningDoNotBreak) {
  Json after = odcsDiffBase();
  auto& props = after["schema"][0]["properties"];
  props[1]["physicalType"] = "STRING";
  props[2]["physicalType"] = "DECIMAL(12,2)";
  props[2]["quality"][0]["mustBeLessThan"] = 20;
  props[0]["required"] = false;
  const Json d = diffContracts(odcsDiffBase(), after);
  EXPECT_FALSE(d["is_breaking"].get<bool>()) << d.dump();
  EXPECT_EQ(d["non_breaking"].size(), 4u) << d.dump();
}

TEST(OdcsDiff, TypesNarrowWithinAndAcrossFamilies) {
  EXPECT_TRUE(odcsTypeNarrows("BIGINT", "INT"));
  EXPECT_FALSE(odcsTypeNarrows("INT", "BIGINT"));
  EXPECT_FALSE(odcsTypeNarrows("INT", "DOUBLE"));
  EXPECT_TRUE(odcsTypeNarrows("DOUBLE", "FLOAT"));
  EXPECT_TRUE(odcsTypeNarrows("DECIMAL(10,2)", "DECIMAL(10,1)"));
  EXPECT_TRUE(odcsTypeNarrows("STRING", "INT"));
  EXPECT_TRUE(odcsTypeNarrows("VARCHAR(50)", "VARCHAR(20)"));
  EXPECT_FALSE(odcsTypeNarrows("DATE", "STRING"));
}

TEST(OdcsDiff, RulesAddedOnExistingColumnsTightenAndBetweenIsComparedAsARange) {
  Json before = odcsDiffBase();
  before["schema"][0]["properties"][0]["quality"] =
      Json::parse(R"json([{"name": "ids", "metric": "rowCount", "mustBeBetween": [1, 100]}])json");
  Json after = before;
  after["schema"][0]["properties"][0]["quality"][0]["mustBeBetween"] = Json::array({0, 200});
  after["schema"][0]["properties"][1]["quality"] =
      Json::parse(R"json([{"metric": "nullValues", "mustBe": 0}])json");
  const Json d = diffContracts(before, after);
  EXPECT_EQ(odcsKinds(d["breaking"]), std::vector<std::string>{"rule_added"}) << d.dump();
  EXPECT_EQ(odcsKinds(d["non_breaking"]), std::vector<std::string>{"rule_loosened"}) << d.dump();
  after["schema"][0]["properties"][0]["quality"][0]["mustBeBetween"] = Json::array({2, 200});
  EXPECT_EQ(odcsKinds(diffContracts(before, after)["breaking"]),
            (std::vector<std::string>{"rule_tightened", "rule_added"}));
}

}  // namespace
}  // namespace clxs::governance
