#include "plugins/governance/odcs_quality.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

Json odcsQualityDoc() {
  return Json::parse(R"json({
    "name": "t", "version": "1.0.0", "status": "active",
    "schema": [{"name": "people", "physicalName": "c.s.people",
      "quality": [{"metric": "rowCount", "mustBeBetween": [5, 10]},
                  {"metric": "duplicateValues", "arguments": {"properties": ["a", "b"]}}],
      "properties": [
        {"name": "email", "quality": [
          {"metric": "nullValues", "mustBeLessThan": 25, "unit": "percent"},
          {"metric": "missingValues", "arguments": {"missingValues": [null, "", "n/a"]},
           "mustBeLessOrEqualTo": 3},
          {"metric": "invalidValues", "arguments": {"pattern": "^.+@.+$"}, "mustBe": 0,
           "severity": "warning"},
          {"type": "sql", "query": "SELECT count(*) FROM {object} WHERE {property} = 'x'",
           "mustBe": 0},
          {"type": "text", "description": "read by people"}]},
        {"name": "kind", "quality": [
          {"metric": "invalidValues", "arguments": {"validValues": ["a", "b"]}},
          {"metric": "duplicateValues", "mustNotBe": 0}]}]}]
  })json");
}

TEST(OdcsQuality, EveryMetricBecomesACheckOrAValueOfOneRun) {
  const auto plan = planContractQuality(odcsQualityDoc());
  ASSERT_EQ(plan.runs.size(), 1u);
  const auto& run = plan.runs[0];
  EXPECT_EQ(run.table, "c.s.people");
  ASSERT_EQ(plan.rules.size(), 9u);
  EXPECT_TRUE(plan.rules[0].rowCount);
  EXPECT_EQ(run.checks[*plan.rules[1].check].function, "is_unique");
  EXPECT_EQ(run.checks[*plan.rules[1].check].arguments["columns"], Json::array({"`a`", "`b`"}));
  EXPECT_EQ(run.checks[*plan.rules[2].check].function, "is_not_null");
  EXPECT_EQ(plan.rules[2].unit, "percent");
  const auto& missing = run.checks[*plan.rules[3].check];
  EXPECT_EQ(missing.function, "sql_expression");
  EXPECT_EQ(missing.arguments["expression"],
            "`email` IS NOT NULL AND CAST(`email` AS STRING) NOT IN ('', 'n/a')");
  EXPECT_EQ(run.checks[*plan.rules[4].check].function, "regex_match");
  EXPECT_EQ(plan.rules[4].criticality, "warn");
  EXPECT_EQ(run.checks[*plan.rules[4].check].criticality, "warn");
  ASSERT_TRUE(plan.rules[5].value);
  EXPECT_EQ(run.values[*plan.rules[5].value].query,
            "SELECT count(*) FROM `c`.`s`.`people` WHERE `email` = 'x'");
  EXPECT_FALSE(plan.rules[6].skipped.empty());
  EXPECT_EQ(run.checks[*plan.rules[7].check].function, "is_in_list");
  EXPECT_EQ(plan.rules[8].threshold.op, "mustNotBe");
}

TEST(OdcsQuality, EveryOperatorJudges) {
  const auto t = [](const char* op, Json v) { return OdcsThreshold{op, std::move(v)}; };
  EXPECT_TRUE(thresholdHolds(t("mustBe", 0), 0));
  EXPECT_FALSE(thresholdHolds(t("mustBe", 0), 1));
  EXPECT_TRUE(thresholdHolds(t("mustNotBe", 0), 1));
  EXPECT_TRUE(thresholdHolds(t("mustBeGreaterThan", 2), 3));
  EXPECT_FALSE(thresholdHolds(t("mustBeGreaterThan", 2), 2));
  EXPECT_TRUE(thresholdHolds(t("mustBeGreaterOrEqualTo", 2), 2));
  EXPECT_TRUE(thresholdHolds(t("mustBeLessThan", 2), 1));
  EXPECT_FALSE(thresholdHolds(t("mustBeLessThan", 2), 2));
  EXPECT_TRUE(thresholdHolds(t("mustBeLessOrEqualTo", 2), 2));
  EXPECT_TRUE(thresholdHolds(t("mustBeBetween", Json::array({1, 3})), 3));
  EXPECT_FALSE(thresholdHolds(t("mustBeBetween", Json::array({1, 3})), 4));
  EXPECT_TRUE(thresholdHolds(t("mustNotBeBetween", Json::array({1, 3})), 4));
  EXPECT_FALSE(thresholdHolds(t("mustNotBeBetween", Json::array({1, 3})), 1));
  EXPECT_EQ(ruleThreshold(Json::object(), "rowCount").op, "mustBeGreaterThan");
  EXPECT_EQ(ruleThreshold(Json{{"mustBeLessThanOrEqualTo", 4}}, "nullValues").op,
            "mustBeLessOrEqualTo");
}

TEST(OdcsQuality, JudgingUsesRowsOrPercentOfTheTable) {
  const auto plan = planContractQuality(odcsQualityDoc());
  services::CheckRunResult run;
  run.totalRows = 8;
  for (std::size_t i = 0; i < plan.runs[0].checks.size(); ++i) {
    run.checks.push_back({plan.runs[0].checks[i].name, plan.runs[0].checks[i].function,
                          plan.runs[0].checks[i].criticality, 2});
  }
  run.values.push_back({"v", 1});
  const Json rows = judgeRule(plan.rules[0], &run);
  EXPECT_EQ(rows["actual"], 8);
  EXPECT_EQ(rows["passed"], true);
  const Json pct = judgeRule(plan.rules[2], &run);  // 2 of 8 = 25 %, must be < 25
  EXPECT_EQ(pct["actual"], 25.0);
  EXPECT_EQ(pct["passed"], false);
  EXPECT_EQ(judgeRule(plan.rules[3], &run)["passed"], true);   // 2 <= 3
  EXPECT_EQ(judgeRule(plan.rules[5], &run)["passed"], false);  // query answered 1
  EXPECT_EQ(judgeRule(plan.rules[6], &run)["status"], "skipped");
}

TEST(OdcsQuality, RulesOfObjectsWithoutATableAreSkippedWithTheReason) {
  Json doc = odcsQualityDoc();
  doc["schema"][0].erase("physicalName");
  const auto plan = planContractQuality(doc);
  EXPECT_TRUE(plan.runs.empty());
  EXPECT_NE(plan.rules[0].skipped.find("names no table"), std::string::npos);
}

}  // namespace
}  // namespace clxs::governance
