#include "plugins/governance/governance_admin.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

class AdminTestConfig final : public ConfigView {
 public:
  explicit AdminTestConfig(Json doc) : doc_(std::move(doc)) {}
  [[nodiscard]] Json effective(const std::string&) const override { return doc_; }

 private:
  Json doc_;
};

TEST(GovernanceAdmin, WithoutAnAdminListOnlyTheLocalUserIsAdmin) {
  const AdminTestConfig none(Json::object());
  EXPECT_TRUE(isGovernanceAdmin(none, "ana", "local"));
  EXPECT_FALSE(isGovernanceAdmin(none, "ana", "databricks"));
  const AdminTestConfig empty(Json{{"rbac_admins", Json::array()}});
  EXPECT_TRUE(isGovernanceAdmin(empty, "ana", "local"));
}

TEST(GovernanceAdmin, TheAdminListDecidesOnEveryWorkspace) {
  const AdminTestConfig listed(Json{{"rbac_admins", {"Ana@Example.com", 5}}});
  EXPECT_TRUE(isGovernanceAdmin(listed, "ana@example.com", "databricks"));
  EXPECT_TRUE(isGovernanceAdmin(listed, "ana@example.com", "local"));
  EXPECT_FALSE(isGovernanceAdmin(listed, "bob@example.com", "local"));
  EXPECT_FALSE(isGovernanceAdmin(listed, "", "local"));
}

}  // namespace
}  // namespace clxs::governance
