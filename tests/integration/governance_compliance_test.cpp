// Compliance end to end, on the local workspace and through `clxs emulate`: reports over a
// catalog, the frameworks, and an assessment that is stored with its evidence, adds one trend
// point, lists what fails on a seeded estate and stops listing it once fixed.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kComplianceShop = R"sql(
CREATE CATALOG comp_shop;
CREATE SCHEMA comp_shop.crm;
CREATE TABLE comp_shop.crm.customers (id BIGINT, email STRING, phone STRING, note STRING);
INSERT INTO comp_shop.crm.customers VALUES (1, 'a@x.com', '555', 'n');
CREATE TABLE comp_shop.crm.orders (id BIGINT, amount DOUBLE);
)sql";

constexpr const char* kComplianceFix = R"sql(
ALTER TABLE comp_shop.crm.customers ALTER COLUMN email SET TAGS ('pii' = 'true');
ALTER TABLE comp_shop.crm.customers ALTER COLUMN phone SET TAGS ('classification' = 'PII');
COMMENT ON TABLE comp_shop.crm.customers IS 'One row per customer';
COMMENT ON TABLE comp_shop.crm.orders IS 'One row per order';
)sql";

Json complianceSection(const Json& report, const std::string& title) {
  for (const auto& s : report["sections"]) {
    if (s["title"] == title) return s;
  }
  ADD_FAILURE() << title << " not in " << report.dump();
  return Json::object();
}

Json complianceAssess(const ServerProcess& s, const std::string& framework) {
  const auto r = s.post("/api/compliance/frameworks/" + framework + "/assess",
                        Json{{"catalogs", {"comp_shop"}}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : Json::object();
}

std::set<std::string> complianceGapIds(const ServerProcess& s, const std::string& framework) {
  std::set<std::string> out;
  for (const auto& g : getJson(s, "/api/compliance/frameworks/" + framework + "/gaps")) {
    out.insert(g["control_id"].get<std::string>());
  }
  return out;
}

TEST(GovernanceCompliance, ReportsJudgeACatalogSectionBySection) {
  ServerProcess s;
  seedSql(s.dataDir(), kComplianceShop);
  auto r = s.post("/api/compliance", Json{{"catalog", "comp_shop"}, {"report_type", "pii_audit"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json();
  EXPECT_EQ(report["summary"]["catalog"], "comp_shop");
  EXPECT_EQ(report["summary"]["report_type"], "pii_audit");
  EXPECT_EQ(report["summary"]["tables_checked"], 2);
  EXPECT_TRUE(report["score"].is_number_integer());
  auto classified = complianceSection(report, "PII Column Classification");
  EXPECT_EQ(classified["score"], 0) << "email and phone carry no tag";
  EXPECT_EQ(classified["status"], "NON_COMPLIANT");
  std::set<std::string> objects;
  for (const auto& row : classified["table_data"]) objects.insert(row["object"].get<std::string>());
  EXPECT_EQ(objects, (std::set<std::string>{"comp_shop.crm.customers.email",
                                            "comp_shop.crm.customers.phone"}));

  seedSql(s.dataDir(), kComplianceFix);
  report = s.post("/api/compliance", Json{{"catalog", "comp_shop"}, {"report_type", "pii_audit"}})
               .json();
  EXPECT_EQ(complianceSection(report, "PII Column Classification")["score"], 100);

  // The default type, and everything at once.
  r = s.post("/api/compliance", Json{{"catalog", "comp_shop"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["summary"]["report_type"], "data_governance");
  EXPECT_EQ(complianceSection(r.json(), "Access Policies")["status"], "NON_COMPLIANT");
  r = s.post("/api/compliance", Json{{"catalog", "comp_shop"}, {"report_type", "FULL_REPORT"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(r.json()["sections"].size(), 12u);
  EXPECT_EQ(complianceSection(r.json(), "Table Documentation")["score"], 100);

  // Bad input.
  EXPECT_EQ(
      s.post("/api/compliance", Json{{"catalog", "comp_shop"}, {"report_type", "nope"}}).status,
      422);
  r = s.post("/api/compliance", Json{{"catalog", "nowhere"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nowhere"), std::string::npos) << r.body;
  r = s.post("/api/compliance", Json::object());
  EXPECT_EQ(r.status, 422) << "no catalog and no configured source_catalog: " << r.body;
}

TEST(GovernanceCompliance, FrameworksAndUnknownOnes) {
  ServerProcess s;
  const auto list = getJson(s, "/api/compliance/frameworks");
  std::set<std::string> ids;
  for (const auto& f : list) {
    ids.insert(f["id"].get<std::string>());
    EXPECT_GE(f["control_count"].get<int>(), 5) << f.dump();
    EXPECT_EQ(f["score"], nullptr);
    EXPECT_EQ(f["last_assessed"], nullptr);
  }
  for (const char* id : {"gdpr", "soc2", "hipaa", "pci_dss", "ccpa", "dora"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  auto r = s.post("/api/compliance/frameworks/nist/assess", Json::object());
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nist"), std::string::npos) << r.body;
  EXPECT_EQ(s.get("/api/compliance/frameworks/nist/gaps").status, 404);
  EXPECT_EQ(s.get("/api/compliance/frameworks/nist/trend").status, 404);
  r = s.get("/api/compliance/frameworks/gdpr/gaps");
  EXPECT_EQ(r.status, 404) << "never assessed";
  EXPECT_NE(r.body.find("assess"), std::string::npos) << r.body;
  EXPECT_EQ(getJson(s, "/api/compliance/frameworks/gdpr/trend"), Json::array());
  EXPECT_EQ(s.get("/api/compliance/frameworks/gdpr/trend?limit=0").status, 422);
  EXPECT_EQ(
      s.post("/api/compliance/frameworks/gdpr/assess", Json{{"catalogs", {"nowhere"}}}).status,
      404);
  EXPECT_EQ(s.post("/api/compliance/frameworks/gdpr/assess", Json{{"catalogs", {""}}}).status, 422);
  EXPECT_EQ(s.post("/api/compliance/frameworks/gdpr/assess", Json{{"catalogs", "comp"}}).status,
            422);
  EXPECT_EQ(getJson(s, "/api/compliance/frameworks/gdpr/trend"), Json::array())
      << "a refused assessment leaves no point";
}

TEST(GovernanceCompliance, AnAssessmentPersistsAddsOneTrendPointAndItsGapsCloseWhenFixed) {
  ServerProcess s;
  seedSql(s.dataDir(), kComplianceShop);
  const auto first = complianceAssess(s, "GDPR");
  EXPECT_EQ(first["framework_id"], "gdpr");
  EXPECT_EQ(first["total_controls"], 8);
  ASSERT_EQ(first["evidence"].size(), 8u);
  const auto met = first["met_controls"].get<int>();
  const auto partial = first["partial_controls"].get<int>();
  EXPECT_EQ(met + partial + first["gap_controls"].get<int>(), 8);
  EXPECT_NEAR(first["score"].get<double>(), (met + 0.2 * partial) / 8.0, 1e-4);
  EXPECT_EQ(first["partial_weight"], 0.2);
  EXPECT_EQ(first["scope"]["catalogs"], Json::array({"comp_shop"}));

  auto trend = getJson(s, "/api/compliance/frameworks/gdpr/trend");
  ASSERT_EQ(trend.size(), 1u);
  EXPECT_EQ(trend[0]["score"], first["score"]);
  EXPECT_EQ(trend[0]["assessed_at"], first["assessed_at"]);
  const auto listed = getJson(s, "/api/compliance/frameworks");
  for (const auto& f : listed) {
    if (f["id"] == "gdpr") {
      EXPECT_EQ(f["last_assessed"], first["assessed_at"]);
      EXPECT_EQ(f["score"], first["score"]);
    }
  }

  // What fails on the seeded estate, with what fixes it.
  const auto gaps = getJson(s, "/api/compliance/frameworks/gdpr/gaps");
  Json classification;
  for (const auto& g : gaps) {
    EXPECT_NE(g["status"], "met");
    EXPECT_FALSE(g["remediation"].get<std::string>().empty()) << g.dump();
    if (g["control_id"] == "Art.30") classification = g;
  }
  ASSERT_FALSE(classification.is_null()) << gaps.dump();
  EXPECT_EQ(classification["status"], "gap");
  EXPECT_EQ(classification["evidence_type"], "pii_audit");
  EXPECT_EQ(classification["failing_count"], 2);
  EXPECT_EQ(classification["failing_objects"][0]["object"], "comp_shop.crm.customers.email");
  auto open = complianceGapIds(s, "gdpr");
  EXPECT_TRUE(open.count("Art.13")) << "no table has a comment";
  EXPECT_TRUE(open.count("Art.25")) << "no access policy";
  EXPECT_FALSE(open.count("Art.5(2)")) << "every table has an owner";

  seedSql(s.dataDir(), kComplianceFix);
  const auto second = complianceAssess(s, "gdpr");
  EXPECT_GT(second["score"].get<double>(), first["score"].get<double>());
  open = complianceGapIds(s, "gdpr");
  EXPECT_FALSE(open.count("Art.30")) << "the personal-data columns are tagged now";
  EXPECT_FALSE(open.count("Art.13")) << "the tables have comments now";
  EXPECT_TRUE(open.count("Art.25"));

  trend = getJson(s, "/api/compliance/frameworks/gdpr/trend");
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(trend[0]["assessment_id"], first["assessment_id"]);
  EXPECT_EQ(trend[1]["assessment_id"], second["assessment_id"]);
  EXPECT_EQ(getJson(s, "/api/compliance/frameworks/gdpr/trend?limit=1").size(), 1u);
  EXPECT_EQ(getJson(s, "/api/compliance/frameworks/soc2/trend"), Json::array());

  // Kept in the server's state.
  s.restart();
  EXPECT_EQ(getJson(s, "/api/compliance/frameworks/gdpr/trend").size(), 2u);
}

TEST(GovernanceCompliance, NamesWithQuotesBackticksAndPercentRoundTrip) {
  ServerProcess s;
  seedSql(s.dataDir(),
          "CREATE CATALOG `c'o``mp%`;\n"
          "CREATE SCHEMA `c'o``mp%`.`s'1`;\n"
          "CREATE TABLE `c'o``mp%`.`s'1`.`t``x` (id BIGINT, email STRING);\n");
  auto r = s.post("/api/compliance", Json{{"catalog", "c'o`mp%"}, {"report_type", "pii_audit"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto classified = complianceSection(r.json(), "PII Column Classification");
  ASSERT_EQ(classified["table_data"].size(), 1u) << classified.dump();
  EXPECT_EQ(classified["table_data"][0]["object"], "c'o`mp%.s'1.t`x.email");

  r = s.post("/api/compliance/frameworks/ccpa/assess", Json{{"catalogs", {"c'o`mp%"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["scope"]["catalogs"], Json::array({"c'o`mp%"}));
  EXPECT_EQ(r.json()["scope"]["tables"], 1);
  bool found = false;
  for (const auto& g : getJson(s, "/api/compliance/frameworks/ccpa/gaps")) {
    for (const auto& o : g["failing_objects"]) found |= o["object"] == "c'o`mp%.s'1.t`x.email";
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace clxs::testing
