#include "plugins/clone/access_check.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "clxs/config.hpp"
#include "clxs/error.hpp"
#include "clxs/services/access_policy.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::clone {
namespace {

class AccessCheckConfig final : public ConfigView {
 public:
  Json doc = Json::object();
  [[nodiscard]] Json effective(const std::string&) const override { return doc; }
};

// Denies every destination named "blocked" and records what it was asked.
class AccessCheckPolicy final : public services::AccessPolicy {
 public:
  std::vector<services::AccessRequest> asked;
  services::AccessDecision evaluate(const services::AccessRequest& r) override {
    asked.push_back(r);
    services::AccessDecision d;
    d.allowed = r.destination != "blocked";
    d.reason = d.allowed ? "fine" : "Denied by policy p-1 ('no blocked')";
    return d;
  }
};

class AccessCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.useConfig(config_);
    ws_->addSchema(SchemaInfo{.catalog = "src", .name = "sales"});
    ws_->addSchema(SchemaInfo{.catalog = "src", .name = "hr"});
    ws_->addSchema(SchemaInfo{.catalog = "src", .name = "information_schema"});
  }

  void check(const AccessScope& scope) {
    RequestParts p;
    p.credentials = Credentials{};
    auto ws = ws_;
    p.workspaceResolver = [ws](const Credentials&) -> std::shared_ptr<Workspace> { return ws; };
    requireAccessAllowed(host_, Request(std::move(p)), scope);
  }

  clxs::testing::StandInHost host_{"clone"};
  AccessCheckConfig config_;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>("ana");
  std::shared_ptr<AccessCheckPolicy> policy_ = std::make_shared<AccessCheckPolicy>();
};

TEST_F(AccessCheckTest, NothingIsAskedUnlessRbacIsEnabled) {
  host_.provided().provideErased(services::AccessPolicy::kServiceName,
                                 std::shared_ptr<void>(policy_, policy_.get()));
  check({"clone", "src", "blocked", {}, {}});
  config_.doc["rbac_enabled"] = "true";  // a string is not true
  check({"clone", "src", "blocked", {}, {}});
  EXPECT_TRUE(policy_->asked.empty());
}

TEST_F(AccessCheckTest, EverySchemaTheRunCopiesIsEvaluatedForTheCaller) {
  host_.provided().provideErased(services::AccessPolicy::kServiceName,
                                 std::shared_ptr<void>(policy_, policy_.get()));
  config_.doc["rbac_enabled"] = true;
  check({"clone", "src", "dev", {}, {"HR"}});
  ASSERT_EQ(policy_->asked.size(), 1u) << "hr excluded, information_schema never copied";
  EXPECT_EQ(policy_->asked[0].principal, "ana");
  EXPECT_EQ(policy_->asked[0].operation, "clone");
  EXPECT_EQ(policy_->asked[0].schema, "sales");
  policy_->asked.clear();
  check({"sync", "src", "dev", {"hr", "sales"}, {}});
  EXPECT_EQ(policy_->asked.size(), 2u);

  try {
    check({"clone", "src", "blocked", {}, {}});
    FAIL() << "a denied clone passed";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_NE(std::string(e.what()).find("p-1"), std::string::npos) << e.what();
  }
}

TEST_F(AccessCheckTest, EnforcementFailsClosedWithoutTheService) {
  config_.doc["rbac_enabled"] = true;
  // The kernel's registry answers 503 naming the service; the stand-in throws.
  EXPECT_ANY_THROW(check({"clone", "src", "dev", {}, {}}));
}

}  // namespace
}  // namespace clxs::clone
