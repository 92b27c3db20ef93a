// The /api/auth routes that need no remote call of their own.
#pragma once

#include "clxs/routes.hpp"
#include "kernel/auth/auth_service.hpp"

namespace clxs::kernel {

/// Registers GET /api/auth/status, POST /api/auth/logout, GET /api/auth/env-vars,
/// GET /api/auth/profiles, POST /api/auth/use-profile and GET /api/auth/auto-login.
/// `service` must outlive the routes.
void registerAuthRoutes(clxs::Routes& routes, AuthService& service);

/// The auth headers of a request, names lower-cased (the resolver's input).
AuthService::Headers authHeaders(const clxs::Request& request);

}  // namespace clxs::kernel
