// Governance › DQX routes of the quality plugin: the function registry, checks (create, list,
// update, delete, toggle, bulk delete, audit log) and runs (one scan per table) with their
// results.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"

namespace clxs::quality {

/// Registers the routes on `routes`; they keep `repository` and `clock` (the plugin's, which
/// outlive every request).
void registerDqxRoutes(Routes& routes, std::shared_ptr<CheckRepository> repository,
                       const Clock& clock);

}  // namespace clxs::quality
