// The /api/auth routes that find and open Azure Databricks workspaces through Azure.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "kernel/auth/auth_service.hpp"
#include "kernel/auth/azure_api.hpp"
#include "kernel/auth/cli_launcher.hpp"

namespace clxs::kernel {

/// Registers POST /api/auth/azure-login, GET /api/auth/azure/tenants,
/// GET /api/auth/azure/subscriptions, GET /api/auth/azure/workspaces and
/// POST /api/auth/azure/connect. `service` must outlive the routes.
void registerAzureAuthRoutes(clxs::Routes& routes, AuthService& service,
                             const std::shared_ptr<CliLauncher>& launcher,
                             const std::shared_ptr<AzureApi>& azure);

}  // namespace clxs::kernel
