#include "plugins/governance/access_rules.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::governance {
namespace {

AccessRule accessTestRule(const Json& body, const std::string& id) {
  AccessRule r = parseAccessRule(body);
  r.policyId = id;
  return r;
}

services::AccessRequest accessTestAsk(const std::string& principal, const std::string& op,
                                      const std::string& source, const std::string& dest,
                                      const std::string& schema = "") {
  return {principal, op, source, dest, schema};
}

TEST(AccessRules, NoRuleAllowsEverything) {
  const auto d = evaluateAccess({}, accessTestAsk("ana", "clone", "prod", "dev"));
  EXPECT_TRUE(d.allowed);
  EXPECT_TRUE(d.matchedPolicy.is_null());
}

TEST(AccessRules, ADenyRuleNamingOnlyDestinationsLeavesOtherDestinationsAllowed) {
  const std::vector<AccessRule> rules{
      accessTestRule({{"allowed_destinations", {"prod_.*"}}, {"deny", true}}, "d1")};
  const auto denied = evaluateAccess(rules, accessTestAsk("ana", "clone", "dev", "prod_sales"));
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.matchedPolicy["policy_id"], "d1");
  EXPECT_NE(denied.reason.find("d1"), std::string::npos);
  // The original defaulted allowed_sources to .* and denied this too.
  const auto other = evaluateAccess(rules, accessTestAsk("ana", "clone", "prod_sales", "dev"));
  EXPECT_TRUE(other.allowed) << other.reason;
  EXPECT_TRUE(evaluateAccess(rules, accessTestAsk("ana", "sync", "x", "staging")).allowed);
}

TEST(AccessRules, DenyWinsOverAllowAndMatchesCaseInsensitively) {
  const std::vector<AccessRule> rules{
      accessTestRule({{"principals", {"*"}}, {"allowed_operations", {"clone"}}}, "a1"),
      accessTestRule(
          {{"principals", {"bob@example\\.com"}}, {"allowed_sources", {"PROD"}}, {"deny", true}},
          "d1")};
  EXPECT_FALSE(
      evaluateAccess(rules, accessTestAsk("Bob@Example.com", "clone", "prod", "x")).allowed);
  EXPECT_TRUE(
      evaluateAccess(rules, accessTestAsk("ana@example.com", "clone", "prod", "x")).allowed);
  // Full match: "prod" does not match "production".
  EXPECT_TRUE(
      evaluateAccess(rules, accessTestAsk("bob@example.com", "clone", "production", "x")).allowed);
}

TEST(AccessRules, AllowRulesRestrictTheOperationsTheyGovern) {
  const std::vector<AccessRule> rules{accessTestRule({{"principals", {"ana"}},
                                                      {"allowed_operations", {"clone"}},
                                                      {"allowed_destinations", {"dev_.*"}}},
                                                     "a1")};
  const auto ok = evaluateAccess(rules, accessTestAsk("ana", "clone", "prod", "dev_1"));
  EXPECT_TRUE(ok.allowed);
  EXPECT_EQ(ok.matchedPolicy["policy_id"], "a1");
  const auto elsewhere = evaluateAccess(rules, accessTestAsk("ana", "clone", "prod", "qa"));
  EXPECT_FALSE(elsewhere.allowed);
  EXPECT_TRUE(elsewhere.matchedPolicy.is_null());
  EXPECT_NE(elsewhere.reason.find("none allows"), std::string::npos) << elsewhere.reason;
  EXPECT_FALSE(evaluateAccess(rules, accessTestAsk("bob", "clone", "prod", "dev_1")).allowed);
  // No allow rule governs sync, so it stays open.
  EXPECT_TRUE(evaluateAccess(rules, accessTestAsk("bob", "sync", "prod", "qa")).allowed);
}

TEST(AccessRules, SchemasMatchOnlyWhenTheRuleSetsThem) {
  const std::vector<AccessRule> rules{
      accessTestRule({{"allowed_schemas", {"hr"}}, {"deny", true}}, "d1")};
  EXPECT_FALSE(evaluateAccess(rules, accessTestAsk("a", "clone", "s", "d", "HR")).allowed);
  EXPECT_TRUE(evaluateAccess(rules, accessTestAsk("a", "clone", "s", "d", "sales")).allowed);
  EXPECT_TRUE(evaluateAccess(rules, accessTestAsk("a", "clone", "s", "d")).allowed);
}

TEST(AccessRules, BadPatternsAre422NamingThem) {
  const auto status = [](const Json& body) {
    try {
      (void)parseAccessRule(body);
    } catch (const HttpError& e) {
      return std::make_pair(e.status(), e.detail().dump());
    }
    return std::make_pair(200, std::string());
  };
  auto [code, detail] = status({{"allowed_sources", {"ok", "prod_("}}});
  EXPECT_EQ(code, 422);
  EXPECT_NE(detail.find("prod_("), std::string::npos) << detail;
  EXPECT_NE(detail.find("allowed_sources"), std::string::npos) << detail;
  EXPECT_EQ(status({{"principals", {""}}}).first, 422);
  EXPECT_EQ(status({{"principals", "ana"}}).first, 422);
  EXPECT_EQ(status({{"principals", {5}}}).first, 422);
  EXPECT_EQ(status({{"principals", {std::string(kAccessMaxPatternLength + 1, 'a')}}}).first, 422);
  EXPECT_EQ(status({{"deny", "yes"}}).first, 422);
  EXPECT_EQ(status({{"principals", {"*"}}, {"allowed_schemas", {".*"}}}).first, 200);
}

TEST(AccessRules, JsonRoundTrip) {
  auto r = accessTestRule(
      {{"principals", {"a'b`c%"}}, {"allowed_schemas", {"s"}}, {"deny", true}, {"name", "n"}},
      "id1");
  r.createdBy = "ana";
  const auto back = AccessRule::fromJson(r.toJson());
  EXPECT_EQ(back.toJson(), r.toJson());
  EXPECT_EQ(r.toJson()["allowed_sources"], Json::array());
}

}  // namespace
}  // namespace clxs::governance
