// The access policies (`governance_rbac_policies`), in creation order, which is the order
// evaluateAccess() reads them in; and the "governance.access" service that evaluates them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/services/access_policy.hpp"
#include "clxs/store.hpp"
#include "plugins/governance/access_rules.hpp"

namespace clxs::governance {

/// The stored rules.
class AccessPolicyStore final : public services::AccessPolicy {
 public:
  /// Uses the plugin's migrated store.
  explicit AccessPolicyStore(Store& store) : store_(store) {}
  /// The table's schema (version 40).
  static std::vector<Migration> migrations();

  /// Stores `rule` (its policyId, createdBy and createdAt filled in by the caller).
  void add(const AccessRule& rule);
  /// Every rule, oldest first.
  [[nodiscard]] std::vector<AccessRule> list() const;
  /// One rule by id.
  [[nodiscard]] std::optional<AccessRule> find(const std::string& policyId) const;
  /// Removes a rule; false when there is none with that id.
  bool remove(const std::string& policyId);

  /// evaluateAccess() over list().
  services::AccessDecision evaluate(const services::AccessRequest& request) override;

 private:
  Store& store_;
};

}  // namespace clxs::governance
