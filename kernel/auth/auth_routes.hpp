// The /api/auth routes.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "kernel/auth/auth_service.hpp"
#include "kernel/auth/azure_api.hpp"
#include "kernel/auth/cli_launcher.hpp"

namespace clxs::kernel {

/// The outside tools some logins use; tests replace them with fakes.
struct AuthTools {
  /// Starts the Databricks CLI and az.
  std::shared_ptr<CliLauncher> launcher;
  /// Azure AD and Azure Resource Manager.
  std::shared_ptr<AzureApi> azure;
};

/// The real tools, reading PATH and the ARM_* / CLXS_AZURE_* variables from the service's
/// environment.
AuthTools defaultAuthTools(const AuthService& service);

/// Registers every /api/auth route: status, logout, env-vars, profiles, use-profile,
/// auto-login, login, service-principal, oauth-login, the Azure routes
/// (registerAzureAuthRoutes) and the workspace listings (registerWorkspaceAuthRoutes), with
/// the default tools. `service` must outlive the routes.
void registerAuthRoutes(clxs::Routes& routes, AuthService& service);
/// The same with the given tools.
void registerAuthRoutes(clxs::Routes& routes, AuthService& service, AuthTools tools);

/// The auth headers of a request, names lower-cased (the resolver's input).
AuthService::Headers authHeaders(const clxs::Request& request);

}  // namespace clxs::kernel
