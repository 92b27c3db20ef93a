// Access policy rules (the original's RBAC rules) and the one algorithm that evaluates them:
// deny rules first, then the allow rules that govern the operation. A rule matches only on the
// fields it sets; the original defaulted unset fields to `.*`, so a deny rule naming only
// destinations denied every operation.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/access_policy.hpp"

namespace clxs::governance {

/// One rule. Each list holds full-match, case-insensitive RE2 patterns (`*` alone: anything);
/// an empty list is a field the rule does not set.
struct AccessRule {
  std::string policyId;                   ///< UUID (empty until stored)
  std::string name;                       ///< optional label
  std::string description;                ///< optional
  std::vector<std::string> principals;    ///< users, groups or service principals
  std::vector<std::string> sources;       ///< allowed_sources: source catalogs
  std::vector<std::string> destinations;  ///< allowed_destinations: destination catalogs
  std::vector<std::string> schemas;       ///< allowed_schemas
  std::vector<std::string> operations;    ///< allowed_operations: clone, sync, …
  bool deny = false;                      ///< a deny rule
  std::string createdBy;                  ///< who added it
  std::string createdAt;                  ///< when, ISO-8601 UTC

  /// {policy_id, name, description, principals, allowed_sources, allowed_destinations,
  /// allowed_schemas, allowed_operations, deny, created_by, created_at}.
  [[nodiscard]] Json toJson() const;
  /// The rule as toJson() wrote it (stored rules; patterns are not checked again).
  static AccessRule fromJson(const Json& j);
};

/// At most this many patterns in one field, and characters in one pattern.
inline constexpr std::size_t kAccessMaxPatterns = 100;
inline constexpr std::size_t kAccessMaxPatternLength = 500;

/// A rule from a POST /api/rbac/policies body; HttpError 422 naming the field and the pattern
/// for a pattern that is not a string, is empty, too long, or not a valid RE2 expression.
AccessRule parseAccessRule(const Json& body);

/// Evaluates `rules` (in creation order) for `request`:
/// 1. no rule at all: allowed;
/// 2. the first deny rule matching on every field it sets: denied by it;
/// 3. the allow rules governing the operation (allowed_operations unset or matching it): none,
///    allowed; else allowed by the first of them matching on every field it sets, and denied
///    when none does.
services::AccessDecision evaluateAccess(const std::vector<AccessRule>& rules,
                                        const services::AccessRequest& request);

}  // namespace clxs::governance
