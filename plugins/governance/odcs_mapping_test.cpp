#include "plugins/governance/odcs_mapping.hpp"

#include <gtest/gtest.h>

#include "plugins/governance/odcs_document.hpp"
#include "plugins/governance/sla_store.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

Json odcsMapDoc() {
  return Json::parse(R"json({"name": "o", "version": "1.0.0", "status": "active",
    "schema": [{"name": "orders", "physicalName": "main.sales.orders",
                "properties": [{"name": "id"}, {"name": "amount"}]}]})json");
}

TEST(OdcsMapping, DqRulesGoIntoTheirColumnsOnce) {
  services::TableChecks t{
      "main.sales.orders",
      {{"r1", "dq_rule", "id not null", "not_null", "error", {"id"}, true, false},
       {"c2", "dqx_check", "amount range", "is_in_range", "warn", {"amount"}, true, false},
       {"c3", "dqx_check", "off", "is_not_null", "error", {"id"}, false, false},
       {"c4", "dqx_check", "fresh", "is_data_fresh", "error", {}, true, true}}};
  const Json out = mapDqIntoContract(odcsMapDoc(), {t});
  ASSERT_EQ(out["mapped"].size(), 3u) << out.dump();
  const Json& doc = out["document"];
  EXPECT_EQ(doc["schema"][0]["properties"][0]["quality"][0]["metric"], "nullValues");
  EXPECT_EQ(doc["schema"][0]["properties"][0]["quality"][0]["id"], "dq:r1");
  EXPECT_EQ(doc["schema"][0]["properties"][1]["quality"][0]["type"], "custom");
  EXPECT_EQ(doc["schema"][0]["properties"][1]["quality"][0]["severity"], "warning");
  EXPECT_EQ(doc["schema"][0]["quality"][0]["id"], "dq:c4");
  EXPECT_NO_THROW(requireValidDocument(completeDocument(doc, "x")));
  const Json again = mapDqIntoContract(doc, {t});
  EXPECT_TRUE(again["mapped"].empty());
  EXPECT_EQ(again["already_present"], 3);
}

TEST(OdcsMapping, SlaRulesBecomeSlaPropertiesOnce) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(SlaStore::migrations());
  SlaStore sla(sqlite);
  SlaRule rule;
  rule.tableFqn = "main.sales.orders";
  rule.metric = "freshness";
  rule.threshold = 24;
  rule.severity = "critical";
  rule.createdAt = "2026-01-01T00:00:00Z";
  rule.slaId = "s1";
  sla.insertRule(rule);
  rule.slaId = "s2";
  sla.insertRule(rule);
  ASSERT_TRUE(sla.deleteRule("s2"));
  std::vector<Json> rules;
  for (const auto& r : sla.rules("")) rules.push_back(slaRuleJson(r));
  ASSERT_EQ(rules.size(), 1u);
  const Json out = mapSlaIntoContract(odcsMapDoc(), rules);
  ASSERT_EQ(out["mapped"].size(), 1u);
  EXPECT_EQ(out["mapped"][0]["sla_id"], "s1");
  EXPECT_EQ(out["document"]["slaProperties"][0]["property"], "latency");
  EXPECT_EQ(out["document"]["slaProperties"][0]["value"], 24.0);
  EXPECT_EQ(out["document"]["slaProperties"][0]["unit"], "h");
  EXPECT_EQ(mapSlaIntoContract(out["document"], rules)["already_present"], 1);
}

TEST(OdcsMapping, LegacyContractsBecomeValidOdcsDocuments) {
  const Json legacy = Json::parse(R"json({"contract_id": "legacy-1", "name": "orders contract",
    "table_fqn": "main.sales.orders", "version": "2", "status": "ACTIVE", "owner": "ana",
    "columns": "[{\"name\": \"id\", \"type\": \"INT\", \"nullable\": false}]",
    "quality_rules": [{"type": "not_null", "column": "id"}], "freshness_hours": 12})json");
  const Json doc = legacyToOdcs(legacy);
  EXPECT_EQ(doc["id"], "legacy-1");
  EXPECT_EQ(doc["version"], "2.0.0");
  EXPECT_EQ(doc["status"], "active");
  EXPECT_EQ(doc["schema"][0]["physicalName"], "main.sales.orders");
  EXPECT_EQ(doc["schema"][0]["properties"][0]["required"], true);
  EXPECT_EQ(doc["schema"][0]["properties"][0]["quality"][0]["metric"], "nullValues");
  EXPECT_EQ(doc["slaProperties"][0]["value"], 12);
  EXPECT_NO_THROW(requireValidDocument(doc));
}

}  // namespace
}  // namespace clxs::governance
