// The /api/auth routes that list what the request's workspace offers (warehouses, volumes,
// serving endpoints, Genie spaces) and test a warehouse.
#pragma once

#include "clxs/routes.hpp"

namespace clxs::kernel {

/// Registers GET /api/auth/warehouses, GET /api/auth/volumes, POST /api/auth/test-warehouse,
/// GET /api/auth/serving-endpoints and GET /api/auth/genie-spaces. They reach the workspace
/// only through the request's Workspace port.
void registerWorkspaceAuthRoutes(clxs::Routes& routes);

}  // namespace clxs::kernel
