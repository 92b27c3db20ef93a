// GET /api/governance/changes: the governance change history and the kernel's log of mutating
// calls in one newest-first list (see change_feed.hpp).
#pragma once

#include "clxs/routes.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers the change-history route on `routes`.
void registerChangeRoutes(Routes& routes, const GovernanceDeps& deps);

}  // namespace clxs::governance
