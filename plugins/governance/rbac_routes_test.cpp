#include "plugins/governance/rbac_routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "clxs/config.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::governance {
namespace {

class RbacRoutesConfig final : public ConfigView {
 public:
  Json doc = Json::object();
  [[nodiscard]] Json effective(const std::string&) const override { return doc; }
};

class RbacRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.useConfig(config_);
    host_.store().migrate(ChangeHistory::migrations());
    host_.store().migrate(AccessPolicyStore::migrations());
    GovernanceDeps deps;
    deps.store = &host_.store();
    deps.history = history_;
    deps.clock = &host_.clock();
    deps.host = &host_;
    registerRbacRoutes(host_.routes(), deps, policies_);
    config_.doc["rbac_admins"] = Json::array({"Tester"});
  }

  Response call(const std::string& key, Json body = Json::object(),
                std::map<std::string, std::string> params = {}) {
    RequestParts p;
    p.body = std::move(body);
    p.pathParams = std::move(params);
    p.credentials = Credentials{};
    auto ws = ws_;
    p.workspaceResolver = [ws](const Credentials&) -> std::shared_ptr<Workspace> { return ws; };
    return host_.captured().call(key, std::move(p));
  }

  clxs::testing::StandInHost host_{"governance"};
  RbacRoutesConfig config_;
  std::shared_ptr<ChangeHistory> history_ = std::make_shared<ChangeHistory>(host_.store());
  std::shared_ptr<AccessPolicyStore> policies_ = std::make_shared<AccessPolicyStore>(host_.store());
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>("tester");
};

TEST_F(RbacRoutesTest, EveryWriteIsRecordedWithItsAuthorBeforeAndAfter) {
  auto r = call("POST /api/rbac/policies", {{"allowed_destinations", {"prod"}}, {"deny", true}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const auto id = r.body()["policy_id"].get<std::string>();
  EXPECT_EQ(r.body()["created_by"], "tester");
  r = call("DELETE /api/rbac/policies/{policy_id}", Json(), {{"policy_id", id}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();

  const auto changes = history_->list({.entityType = "access_policy", .entityId = id});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0]["action"], "delete");
  EXPECT_EQ(changes[0]["changed_by"], "tester");
  EXPECT_EQ(changes[0]["before"]["allowed_destinations"], Json::array({"prod"}));
  EXPECT_EQ(changes[0]["after"], nullptr);
  EXPECT_EQ(changes[1]["action"], "create");
  EXPECT_EQ(changes[1]["before"], nullptr);
  EXPECT_EQ(changes[1]["after"]["deny"], true);
}

TEST_F(RbacRoutesTest, NonAdminsAreRefusedAndNothingIsRecorded) {
  config_.doc["rbac_admins"] = Json::array({"someone-else"});
  auto r = call("POST /api/rbac/policies", {{"principals", {"*"}}});
  EXPECT_EQ(r.status(), 403);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("tester"), std::string::npos);
  // A workspace that is not the local one has no admin until rbac_admins names one.
  config_.doc.erase("rbac_admins");
  EXPECT_EQ(call("POST /api/rbac/policies", {{"principals", {"*"}}}).status(), 403);
  EXPECT_TRUE(policies_->list().empty());
  EXPECT_TRUE(history_->list({}).empty());
  EXPECT_EQ(call("POST /api/rbac/evaluate", {{"operation", "clone"}}).status(), 200);
}

TEST_F(RbacRoutesTest, EvaluateDefaultsToTheCaller) {
  const auto r = call("POST /api/rbac/evaluate", {{"operation", "CLONE"}, {"source", "a"}});
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["principal"], "tester");
  EXPECT_EQ(r.body()["allowed"], true);
  EXPECT_EQ(r.body()["matched_policy"], nullptr);
  EXPECT_EQ(r.body()["enforced"], false);
}

}  // namespace
}  // namespace clxs::governance
