#include "plugins/governance/odcs_document.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::governance {
namespace {

Json odcsDocFixture() {
  return Json::parse(R"json({
    "apiVersion": "v3.1.0", "kind": "DataContract", "id": "c1", "name": "orders",
    "version": "1.0.0", "status": "active",
    "schema": [{"name": "orders", "physicalName": "main.sales.orders", "properties": [
      {"name": "id", "physicalType": "INT", "required": true,
       "quality": [{"metric": "nullValues", "mustBe": 0}]},
      {"name": "amount", "physicalType": "DOUBLE"}]}]
  })json");
}

// The locs of a 422's issues.
std::vector<Json> odcsLocsOf(const Json& doc) {
  try {
    requireValidDocument(doc);
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    std::vector<Json> out;
    for (const auto& i : e.detail()) out.push_back(i["loc"]);
    return out;
  }
  return {};
}

TEST(OdcsDocument, SemverParsesComparesAndBumps) {
  EXPECT_TRUE(parseOdcsSemver("1.2.3"));
  EXPECT_TRUE(parseOdcsSemver("1.2.3-rc.1+build"));
  EXPECT_FALSE(parseOdcsSemver("1.2"));
  EXPECT_FALSE(parseOdcsSemver("01.2.3"));
  EXPECT_FALSE(parseOdcsSemver("v1.2.3"));
  EXPECT_LT(compareOdcsSemver(*parseOdcsSemver("1.2.3-rc1"), *parseOdcsSemver("1.2.3")), 0);
  EXPECT_GT(compareOdcsSemver(*parseOdcsSemver("1.10.0"), *parseOdcsSemver("1.9.9")), 0);
  EXPECT_EQ(bumpOdcsPatch("1.2.3"), "1.2.4");
  EXPECT_EQ(bumpOdcsPatch("1.2.3-rc1"), "1.2.4");
}

TEST(OdcsDocument, AValidDocumentPassesAndEveryFundamentalIsChecked) {
  EXPECT_NO_THROW(requireValidDocument(odcsDocFixture()));
  Json bad = odcsDocFixture();
  bad.erase("name");
  bad["version"] = "one";
  bad["status"] = "live";
  bad["kind"] = "Contract";
  const auto locs = odcsLocsOf(bad);
  const auto has = [&](const Json& loc) {
    return std::find(locs.begin(), locs.end(), loc) != locs.end();
  };
  EXPECT_TRUE(has(Json::array({"body", "name"})));
  EXPECT_TRUE(has(Json::array({"body", "version"})));
  EXPECT_TRUE(has(Json::array({"body", "status"})));
  EXPECT_TRUE(has(Json::array({"body", "kind"})));
  EXPECT_EQ(odcsLocsOf(Json::array()).size(), 1u);
}

TEST(OdcsDocument, QualityRulesAreCheckedWhereTheyStand) {
  Json doc = odcsDocFixture();
  auto& props = doc["schema"][0]["properties"];
  props[1]["quality"] = Json::parse(R"json([
    {"metric": "noSuchMetric"},
    {"metric": "nullValues", "mustBeLessThan": "five"},
    {"metric": "nullValues", "mustBeBetween": [5, 1]},
    {"metric": "nullValues", "unit": "percentage"},
    {"metric": "invalidValues"},
    {"metric": "rowCount", "mustBeGreaterThan": 0},
    {"type": "sql", "query": "DELETE FROM {object}", "mustBe": 0},
    {"type": "sql", "query": "SELECT count(*) FROM {object}"}
  ])json");
  doc["schema"][0]["quality"] = Json::parse(R"json([{"metric": "nullValues"},
    {"type": "sql", "query": "SELECT count({property}) FROM {object}", "mustBe": 0}])json");
  const auto locs = odcsLocsOf(doc);
  const Json at = Json::array({"body", "schema", 0, "properties", 1, "quality"});
  const auto has = [&](Json loc) { return std::find(locs.begin(), locs.end(), loc) != locs.end(); };
  const auto under = [&](int i, const char* key) {
    Json loc = at;
    loc.push_back(i);
    if (key != nullptr) loc.push_back(key);
    return has(loc);
  };
  EXPECT_TRUE(under(0, "metric"));
  EXPECT_TRUE(under(1, "mustBeLessThan"));
  EXPECT_TRUE(under(2, "mustBeBetween"));
  EXPECT_TRUE(under(3, "unit"));
  EXPECT_TRUE(under(4, "arguments"));
  EXPECT_TRUE(under(5, "metric"));  // rowCount on a property
  EXPECT_TRUE(under(6, "query"));   // not a SELECT
  EXPECT_TRUE(under(7, nullptr));   // a sql rule needs an operator
  EXPECT_TRUE(has(Json::array({"body", "schema", 0, "quality", 0, "metric"})));
  EXPECT_TRUE(has(Json::array({"body", "schema", 0, "quality", 1, "query"})));  // no property
}

TEST(OdcsDocument, NamesTwiceAndMissingNamesAreRefused) {
  Json doc = odcsDocFixture();
  doc["schema"][0]["properties"].push_back(Json{{"name", "ID"}});
  doc["schema"].push_back(Json{{"physicalName", "x"}});
  const auto locs = odcsLocsOf(doc);
  EXPECT_NE(std::find(locs.begin(), locs.end(),
                      Json::array({"body", "schema", 0, "properties", 2, "name"})),
            locs.end());
  EXPECT_NE(std::find(locs.begin(), locs.end(), Json::array({"body", "schema", 1, "name"})),
            locs.end());
}

TEST(OdcsDocument, DeepMergeMergesObjectsReplacesListsAndNullRemoves) {
  const Json base = Json::parse(R"json({"a": {"x": 1, "y": 2}, "l": [1, 2], "k": "v"})json");
  const Json merged =
      odcsDeepMerge(base, Json::parse(R"json({"a": {"y": 3}, "l": [9], "k": null})json"));
  EXPECT_EQ(merged, Json::parse(R"json({"a": {"x": 1, "y": 3}, "l": [9]})json"));
}

TEST(OdcsDocument, TablesComeFromPhysicalNamesOrTheDatabricksServer) {
  Json doc = odcsDocFixture();
  doc["schema"].push_back(Json{{"name", "customers"}});
  EXPECT_EQ(contractTables(doc), std::vector<std::string>{"main.sales.orders"});
  doc["servers"] =
      Json::parse(R"json([{"type": "databricks", "catalog": "main", "schema": "crm"}])json");
  EXPECT_EQ(contractTables(doc),
            (std::vector<std::string>{"main.sales.orders", "main.crm.customers"}));
}

TEST(OdcsDocument, RuleSqlGetsQuotedNamesAndMustBeOneSelect) {
  EXPECT_EQ(
      substituteRuleSql("SELECT count(*) FROM {object} WHERE {property} < 0", "c.s.t", "it's`%"),
      "SELECT count(*) FROM `c`.`s`.`t` WHERE `it's``%` < 0");
  EXPECT_THROW(substituteRuleSql("DROP TABLE {object}", "c.s.t", "p"), HttpError);
  EXPECT_THROW(substituteRuleSql("SELECT 1; DELETE FROM {object}", "c.s.t", "p"), HttpError);
  EXPECT_THROW(substituteRuleSql("SELECT {property} FROM {object}", "c.s.t", ""), HttpError);
}

}  // namespace
}  // namespace clxs::governance
