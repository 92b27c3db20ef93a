#include "plugins/governance/access_policy_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

class AccessPolicyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(AccessPolicyStore::migrations()); }
  AccessRule rule(const std::string& id, const Json& body) {
    AccessRule r = parseAccessRule(body);
    r.policyId = id;
    r.createdBy = "ana";
    r.createdAt = "2026-12-08T01:00:00.000Z";
    return r;
  }
  clxs::testing::SqliteTestStore sqlite_;
  AccessPolicyStore store_{sqlite_};
};

TEST_F(AccessPolicyStoreTest, KeepsRulesInCreationOrderAndDeletesById) {
  store_.add(rule("p2", {{"allowed_destinations", {"prod_.*"}}, {"deny", true}}));
  store_.add(rule("p1", {{"principals", {"ana"}}}));
  auto all = store_.list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].policyId, "p2");
  EXPECT_TRUE(all[0].deny);
  EXPECT_EQ(all[1].principals, std::vector<std::string>{"ana"});
  ASSERT_TRUE(store_.find("p1"));
  EXPECT_FALSE(store_.find("nope"));

  EXPECT_FALSE(store_.evaluate({"ana", "clone", "dev", "prod_x", ""}).allowed);
  EXPECT_TRUE(store_.remove("p2"));
  EXPECT_FALSE(store_.remove("p2"));
  EXPECT_TRUE(store_.evaluate({"ana", "clone", "dev", "prod_x", ""}).allowed);
  EXPECT_EQ(store_.list().size(), 1u);
}

}  // namespace
}  // namespace clxs::governance
