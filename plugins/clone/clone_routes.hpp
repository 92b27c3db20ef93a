// The clone plugin's routes: POST /api/clone, GET /api/rollback/logs, POST /api/rollback.
#pragma once

#include <memory>
#include <string>

#include "clxs/routes.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/clone_service.hpp"

namespace clxs::clone {

/// Throws 404 unless `catalog` exists in `workspace` (`role` names it: "Source catalog").
void requireCatalog(Workspace& workspace, const std::string& catalog, const std::string& role);

/// Registers the routes on `routes`, answered by `service`.
void registerCloneRoutes(Routes& routes, const std::shared_ptr<CloneService>& service);

}  // namespace clxs::clone
