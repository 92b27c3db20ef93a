// The audit and monitoring routes of the clone plugin: the audit trail and run logs, the
// notifications, catalog health and operation metrics derived from it, and the Delta copy of
// the trail in the workspace (POST /api/audit/init, /api/audit/describe).
#pragma once

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "clxs/host.hpp"
#include "clxs/routes.hpp"
#include "clxs/store.hpp"

namespace clxs::clone::audit {

/// Registers the routes on the plugin's host; its store must hold CloneStore's tables.
void registerAuditRoutes(Host& host);

/// The same on explicit services (unit tests). Creates the feature's own state tables.
void registerAuditRoutes(Routes& routes, Store& store, const Clock& clock,
                         const ConfigView& config);

}  // namespace clxs::clone::audit
