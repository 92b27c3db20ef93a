#include "plugins/governance/compliance_report.hpp"

#include <gtest/gtest.h>

#include <set>

namespace clxs::governance {
namespace {

class ComplianceReportTest : public ::testing::Test {
 protected:
  ComplianceReportTest()
      : catalogue_(ComplianceCatalogue::parse(Json::parse(complianceCatalogueText()))) {
    EstateTable t;
    t.info = {.catalog = "shop",
              .schema = "crm",
              .name = "customers",
              .tableType = "MANAGED",
              .format = "DELTA",
              .owner = "crm-team"};
    t.info.columns = {
        {"id", "BIGINT", true, ""}, {"email", "STRING", true, ""}, {"ssn", "STRING", true, ""}};
    t.columnTags["email"].push_back({"email", "pii", "true"});
    t.maskedColumns.insert("ssn");
    estate_.tables.push_back(t);
    estate_.config = {{"validate_after_clone", true}, {"copy_permissions", true}};
  }

  static Json section(const Json& report, const std::string& title) {
    for (const auto& s : report["sections"]) {
      if (s["title"] == title) return s;
    }
    ADD_FAILURE() << title;
    return Json::object();
  }

  ComplianceCatalogue catalogue_;
  ComplianceEstate estate_;
};

TEST_F(ComplianceReportTest, PiiAuditScoresEachSectionFromTheEstate) {
  const auto r = buildComplianceReport(estate_, catalogue_, "shop", "pii_audit", "T");
  ASSERT_EQ(r["sections"].size(), 4u);
  const auto classified = section(r, "PII Column Classification");
  EXPECT_EQ(classified["score"], 50) << "email tagged, ssn not";
  EXPECT_EQ(classified["status"], "WARNING");
  EXPECT_EQ(classified["table_data"][0]["object"], "shop.crm.customers.ssn");
  const auto masking = section(r, "Masking Coverage");
  EXPECT_EQ(masking["score"], 50);
  EXPECT_EQ(section(r, "High-Risk PII Exposure")["score"], 100) << "ssn is masked";
  EXPECT_EQ(section(r, "High-Risk PII Exposure")["status"], "COMPLIANT");
  EXPECT_FALSE(section(r, "High-Risk PII Exposure").contains("table_data"));
  EXPECT_EQ(section(r, "Personal Data Retention")["score"], 0);
  EXPECT_EQ(r["score"], (50 + 50 + 100 + 0) / 4);
  EXPECT_EQ(r["status"], "WARNING");
  EXPECT_EQ(r["summary"]["total_checks"], 4);
  EXPECT_EQ(r["summary"]["passed"], 1);
  EXPECT_EQ(r["summary"]["warnings"], 2);
  EXPECT_EQ(r["summary"]["failures"], 1);
  EXPECT_EQ(r["summary"]["generated_at"], "T");
}

TEST_F(ComplianceReportTest, FullReportHoldsEverySectionOnce) {
  const auto r = buildComplianceReport(estate_, catalogue_, "shop", "full_report", "T");
  std::set<std::string> titles;
  for (const auto& s : r["sections"]) {
    EXPECT_TRUE(titles.insert(s["title"].get<std::string>()).second) << s["title"];
  }
  EXPECT_TRUE(titles.count("Audit Trail Coverage"));
  EXPECT_TRUE(titles.count("Schema Ownership"));
  EXPECT_TRUE(titles.count("Certification Coverage"));
  const auto hygiene =
      section(buildComplianceReport(estate_, catalogue_, "shop", "data_governance", "T"),
              "Clone Configuration Hygiene");
  EXPECT_EQ(hygiene["score"], 25) << "copy_permissions of four settings";
}

}  // namespace
}  // namespace clxs::governance
