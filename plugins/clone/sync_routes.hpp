// The sync routes: POST /api/sync, POST /api/incremental/check, POST /api/incremental/sync.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/clone/clone_service.hpp"

namespace clxs::clone {

/// Registers the routes on `routes`, answered by `service`.
void registerSyncRoutes(Routes& routes, const std::shared_ptr<CloneService>& service);

}  // namespace clxs::clone
