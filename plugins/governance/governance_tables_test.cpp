#include "plugins/governance/governance_tables.hpp"

#include <gtest/gtest.h>

#include <set>

namespace clxs::governance {
namespace {

TEST(GovernanceInitTables, HoldsTheOriginalsSixteenTablesOnce) {
  std::set<std::string> names;
  for (const auto& t : governanceDeltaTables()) {
    EXPECT_FALSE(t.columns.empty()) << t.name;
    names.insert(t.name);
  }
  EXPECT_EQ(names.size(), 16u);
  EXPECT_EQ(names.count("business_glossary"), 1u);
  EXPECT_EQ(names.count("change_history"), 1u);
  EXPECT_EQ(names.count("dqx_check_definitions"), 1u);
  EXPECT_EQ(governanceDeltaTables().front().columns.front().first, "term_id");
}

TEST(GovernanceInitTables, QuotesEveryName) {
  const auto sql =
      createGovernanceTableSql("it's `audit`", "governance", governanceDeltaTables().front());
  EXPECT_EQ(sql.rfind("CREATE TABLE IF NOT EXISTS `it's ``audit```.`governance`."
                      "`business_glossary` (`term_id` STRING, ",
                      0),
            0u)
      << sql;
  EXPECT_NE(sql.find("USING DELTA COMMENT 'Clone-Xs Governance: business_glossary'"),
            std::string::npos);
}

}  // namespace
}  // namespace clxs::governance
