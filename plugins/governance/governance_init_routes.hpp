// POST /api/governance/init: creates the original's governance Delta tables in the audit
// catalog through the caller's workspace (see governance_tables.hpp).
#pragma once

#include "clxs/routes.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers the init route on `routes`.
void registerInitRoutes(Routes& routes, const GovernanceDeps& deps);

}  // namespace clxs::governance
