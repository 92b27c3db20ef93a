#include "plugins/governance/compliance_collectors.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

class ComplianceCollectorsTest : public ::testing::Test {
 protected:
  ComplianceCollectorsTest()
      : catalogue_(ComplianceCatalogue::parse(Json::parse(complianceCatalogueText()))),
        personal_(catalogue_) {
    estate_.tables.reserve(8);  // table() hands out references
  }

  EstateTable& table(const std::string& name, std::vector<std::string> columns) {
    EstateTable t;
    t.info.catalog = "shop";
    t.info.schema = "crm";
    t.info.name = name;
    t.info.tableType = "MANAGED";
    t.info.format = "DELTA";
    t.info.owner = "data-team";
    for (auto& c : columns) t.info.columns.push_back({c, "STRING", true, ""});
    estate_.tables.push_back(std::move(t));
    return estate_.tables.back();
  }

  ControlEvidence run(const std::string& collector, Json params = Json::object()) {
    ComplianceControl c;
    c.id = "X";
    c.collector = collector;
    c.params = std::move(params);
    return collectControl(c, estate_, personal_, catalogue_);
  }

  ComplianceCatalogue catalogue_;
  PersonalDataColumns personal_;
  ComplianceEstate estate_;
};

TEST_F(ComplianceCollectorsTest, PersonalDataIsFoundByNameOrTagAndClassifiedByTag) {
  auto& customers = table("customers", {"id", "email", "Phone_Number", "notes"});
  customers.columnTags["notes"].push_back({"notes", "pii", "true"});
  customers.columnTags["email"].push_back({"email", "pii", "true"});
  auto e = run("personal_data_classified");
  // email (tagged), Phone_Number (not tagged), notes (tagged personal): 2 of 3.
  EXPECT_EQ(e.checked, 3);
  EXPECT_EQ(e.passing, 2);
  EXPECT_EQ(e.status, "partial");
  ASSERT_EQ(e.failing.size(), 1u);
  EXPECT_EQ(e.failing[0].object, "shop.crm.customers.Phone_Number");

  customers.columnTags["phone_number"].push_back({"Phone_Number", "classification", "PII"});
  EXPECT_EQ(run("personal_data_classified").status, "met");
}

TEST_F(ComplianceCollectorsTest, ProtectionCountsMasksAndProtectionTags) {
  auto& t = table("people", {"ssn", "email", "age"});
  auto e = run("personal_data_protected");
  EXPECT_EQ(e.checked, 2);
  EXPECT_EQ(e.status, "gap");
  t.maskedColumns.insert("ssn");
  e = run("personal_data_protected", {{"high_risk_only", true}});
  EXPECT_EQ(e.checked, 1) << "only ssn is high risk";
  EXPECT_EQ(e.status, "met");
  t.columnTags["email"].push_back({"email", "masked", "true"});
  EXPECT_EQ(run("personal_data_protected").status, "met");
}

TEST_F(ComplianceCollectorsTest, RetentionOwnershipDocumentationAndTags) {
  auto& withPersonal = table("customers", {"email"});
  auto& plain = table("orders", {"id"});
  EXPECT_EQ(run("personal_data_retention").checked, 1);
  EXPECT_EQ(run("personal_data_retention").status, "gap");
  withPersonal.tags.push_back({"", "retention_days", "365"});
  EXPECT_EQ(run("personal_data_retention").status, "met");

  plain.info.owner = " ";
  EXPECT_EQ(run("table_ownership").status, "partial");
  EXPECT_EQ(run("table_documentation").status, "gap");
  plain.info.comment = "orders";
  EXPECT_EQ(run("table_documentation").status, "partial");
  EXPECT_EQ(run("tag_coverage").passing, 1);
  plain.tags.push_back({"", "certified", "true"});
  EXPECT_EQ(run("certification").passing, 1);
  EXPECT_EQ(run("column_documentation", {{"personal_only", true}}).checked, 1);
}

TEST_F(ComplianceCollectorsTest, LogRetentionReadsTheDeltaPropertyOrItsDefault) {
  auto& a = table("a", {"id"});
  auto& b = table("b", {"id"});
  b.info.properties["delta.logRetentionDuration"] = "interval 400 days";
  auto e = run("log_retention", {{"min_days", 365}});
  EXPECT_EQ(e.checked, 2);
  EXPECT_EQ(e.passing, 1);
  ASSERT_EQ(e.failing.size(), 1u);
  EXPECT_EQ(e.failing[0].object, "shop.crm.a");
  EXPECT_NE(e.failing[0].detail.find("30 days"), std::string::npos);
  EXPECT_EQ(run("log_retention", {{"min_days", 30}}).status, "met");
  a.info.tableType = "VIEW";
  a.info.format = "";
  EXPECT_EQ(run("log_retention", {{"min_days", 365}}).checked, 1);

  EXPECT_DOUBLE_EQ(deltaIntervalDays("interval 30 days"), 30);
  EXPECT_DOUBLE_EQ(deltaIntervalDays("INTERVAL 2 WEEKS"), 14);
  EXPECT_DOUBLE_EQ(deltaIntervalDays("48 hours"), 2);
  EXPECT_DOUBLE_EQ(deltaIntervalDays("interval 1 year"), 365);
  EXPECT_DOUBLE_EQ(deltaIntervalDays("soon"), -1);
}

TEST_F(ComplianceCollectorsTest, GrantsPoliciesAuditTrailAndConfig) {
  estate_.securables.push_back(
      {"CATALOG", "shop", "admins", {{"analysts", "USE CATALOG", "CATALOG", "shop"}}});
  estate_.securables.push_back(
      {"SCHEMA", "shop.crm", "admins", {{"data-eng", "ALL PRIVILEGES", "SCHEMA", "shop.crm"}}});
  estate_.securables.push_back(
      {"SCHEMA", "shop.web", "", {{"account users", "SELECT", "SCHEMA", "shop.web"}}});
  auto e = run("least_privilege");
  EXPECT_EQ(e.checked, 3);
  EXPECT_EQ(e.passing, 1);
  EXPECT_EQ(e.status, "gap");
  EXPECT_EQ(run("schema_ownership").passing, 1);

  EXPECT_EQ(run("access_policies").status, "gap");
  estate_.accessRules = 2;
  EXPECT_EQ(run("access_policies").status, "partial");
  EXPECT_EQ(run("access_policies").evidenceCount, 2);
  estate_.rbacEnabled = true;
  EXPECT_EQ(run("access_policies").status, "met");

  estate_.auditTrailTable = "clone_audit.logs.clone_operations";
  EXPECT_EQ(run("audit_trail").status, "gap");
  estate_.auditTrailExists = true;
  EXPECT_EQ(run("audit_trail").status, "met");

  estate_.config = {{"validate_after_clone", true}, {"validate_checksum", "true"}};
  e = run("config_flags", {{"keys", {"validate_after_clone", "validate_checksum"}}});
  EXPECT_EQ(e.passing, 1) << "a string is not true";
  EXPECT_EQ(e.status, "partial");
}

TEST_F(ComplianceCollectorsTest, NothingInScopeIsMetAndSaysSo) {
  const auto e = run("personal_data_protected");
  EXPECT_EQ(e.status, "met");
  EXPECT_EQ(e.checked, 0);
  EXPECT_NE(e.summary.find("Not applicable"), std::string::npos);
}

}  // namespace
}  // namespace clxs::governance
