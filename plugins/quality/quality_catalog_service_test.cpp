#include "plugins/quality/quality_catalog_service.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::quality {
namespace {

StoredCheck storedCheck(const std::string& id, const std::string& table,
                        const std::string& function, Json arguments) {
  StoredCheck s;
  s.check.id = id;
  s.check.name = id;
  s.check.tableFqn = table;
  s.check.function = function;
  s.check.arguments = std::move(arguments);
  s.createdAt = s.updatedAt = "2026-12-07T00:00:00.000Z";
  s.createdBy = "me";
  return s;
}

TEST(QualityCatalogService, DescribesAChecksColumnArguments) {
  auto one = definedCheckOf(storedCheck("a", "c.s.t", "is_not_null", {{"column", "id"}}).check);
  EXPECT_EQ(one.kind, "dqx_check");
  EXPECT_EQ(one.criticality, "error");
  EXPECT_EQ(one.columns, std::vector<std::string>{"id"});
  EXPECT_FALSE(one.freshness);
  auto many =
      definedCheckOf(storedCheck("b", "c.s.t", "is_unique", {{"columns", {"id", "day"}}}).check);
  EXPECT_EQ(many.columns, (std::vector<std::string>{"id", "day"}));
  auto fresh = definedCheckOf(
      storedCheck("c", "c.s.t", "is_data_fresh", {{"column", "ts"}, {"max_age_minutes", 5}}).check);
  EXPECT_TRUE(fresh.freshness);
  auto unknown = definedCheckOf(storedCheck("d", "c.s.t", "no_such", {{"column", "x"}}).check);
  EXPECT_TRUE(unknown.columns.empty()) << "an unknown function's arguments are not guessed at";
}

TEST(QualityCatalogService, DescribesARule) {
  LegacyRule r;
  r.id = "r1";
  r.tableFqn = "c.s.t";
  r.column = "ts";
  r.ruleType = "freshness";
  r.severity = "critical";
  const auto d = definedRuleOf(r);
  EXPECT_EQ(d.kind, "dq_rule");
  EXPECT_EQ(d.criticality, "error");
  EXPECT_EQ(d.columns, std::vector<std::string>{"ts"});
  EXPECT_TRUE(d.freshness);
}

TEST(QualityCatalogService, ListsTheChecksAndRulesOfACatalogByTable) {
  clxs::testing::SqliteTestStore sqlite;
  auto migrations = CheckRepository::migrations();
  for (auto& m : RuleRepository::migrations()) migrations.push_back(std::move(m));
  sqlite.migrate(migrations);
  auto checks = std::make_shared<CheckRepository>(sqlite);
  auto rules = std::make_shared<RuleRepository>(sqlite);
  checks->insert(storedCheck("a", "shop.sales.orders", "is_not_null", {{"column", "id"}}));
  checks->insert(storedCheck("b", "shop.hr.people", "is_not_null", {{"column", "name"}}));
  checks->insert(storedCheck("c", "other.sales.orders", "is_not_null", {{"column", "id"}}));
  StoredRule r;
  r.rule.id = "r1";
  r.rule.name = "r1";
  r.rule.tableFqn = "SHOP.sales.orders";
  r.rule.column = "amount";
  r.rule.ruleType = "not_null";
  r.createdAt = r.updatedAt = "2026-12-07T00:00:00.000Z";
  rules->insert(r);
  QualityCatalogService service(checks, rules);

  const auto all = service.checksIn("shop", "");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].tableFqn, "shop.hr.people");
  EXPECT_EQ(all[1].tableFqn, "shop.sales.orders");
  ASSERT_EQ(all[1].checks.size(), 2u) << "the rule names the table in another case";
  EXPECT_EQ(all[1].checks[0].kind, "dqx_check");
  EXPECT_EQ(all[1].checks[1].kind, "dq_rule");
  EXPECT_EQ(service.checksIn("Shop", "SALES").size(), 1u);
  EXPECT_TRUE(service.checksIn("none", "").empty());
}

}  // namespace
}  // namespace clxs::quality
