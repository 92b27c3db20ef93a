// Target Workspace routes: POST /api/target/validate, /warehouses, /catalogs and /whoami.
// Stateless: the credentials in a body are used for that request and dropped.
#pragma once

#include <functional>
#include <memory>

#include "clxs/clock.hpp"
#include "clxs/credentials.hpp"
#include "clxs/host.hpp"
#include "clxs/routes.hpp"
#include "clxs/workspace.hpp"

namespace clxs::clone::target {

/// Opens the workspace given credentials reach (Host::workspace in the plugin).
using WorkspaceOpener = std::function<std::shared_ptr<Workspace>(const Credentials&)>;

/// Registers the four routes on the plugin's host, opening workspaces through it.
void registerTargetRoutes(Host& host);

/// Registers the four routes on `routes`; `clock` (for call deadlines) must outlive them.
/// Authentication failures and an unreachable workspace answer 401 with the workspace's
/// message, secrets removed.
void registerTargetRoutes(Routes& routes, WorkspaceOpener open, const Clock& clock);

}  // namespace clxs::clone::target
