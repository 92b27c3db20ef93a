// /api/rbac/…: the access policies (list, add, delete by id) and a dry run of their
// evaluation. Writes need a governance admin (governance_admin.hpp).
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/access_policy_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers GET/POST /api/rbac/policies, DELETE /api/rbac/policies/{policy_id} and
/// POST /api/rbac/evaluate.
void registerRbacRoutes(Routes& routes, const GovernanceDeps& deps,
                        std::shared_ptr<AccessPolicyStore> policies);

}  // namespace clxs::governance
