// The clone plugin's routes: POST /api/clone, GET /api/rollback/logs, POST /api/rollback.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/clone/clone_service.hpp"

namespace clxs::clone {

/// Registers the routes on `routes`, answered by `service`.
void registerCloneRoutes(Routes& routes, const std::shared_ptr<CloneService>& service);

}  // namespace clxs::clone
