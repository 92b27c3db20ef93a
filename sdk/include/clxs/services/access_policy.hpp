// Service "governance.access": whether the server's access policies (POST /api/rbac/policies)
// let a principal run an operation from a source to a destination, for the clone, sync and
// multi-clone routes that enforce them when the config sets `rbac_enabled`. Provided by the
// governance plugin. The policies layer on top of Unity Catalog privileges and never replace
// them: an allowed operation still needs the workspace's grants.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::services {

/// What is asked. A field left empty is matched as the empty string: only a rule's `*` or a
/// pattern that matches "" (such as `.*`) matches it.
struct AccessRequest {
  std::string principal;    ///< the user or service principal acting
  std::string operation;    ///< clone, sync, multi_clone, … (lower case)
  std::string source;       ///< source catalog
  std::string destination;  ///< destination catalog
  std::string schema;       ///< the schema concerned (empty: none in particular)
};

/// The verdict.
struct AccessDecision {
  bool allowed = true;  ///< whether the operation may run
  /// The rule that decided ({policy_id, name, deny, principals, allowed_*}), null when none
  /// did (no policy, or no allow rule governs the operation, or none of those matched).
  Json matchedPolicy;
  std::string reason;  ///< one sentence saying why

  /// {allowed, matched_policy, reason}.
  [[nodiscard]] Json toJson() const {
    return Json{{"allowed", allowed}, {"matched_policy", matchedPolicy}, {"reason", reason}};
  }
};

/// The service.
class AccessPolicy {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "governance.access";
  virtual ~AccessPolicy() = default;

  /// Evaluates the stored policies for `request` (deny rules first, then the allow rules
  /// that govern the operation; see docs/governance.md).
  virtual AccessDecision evaluate(const AccessRequest& request) = 0;
};

}  // namespace clxs::services
