// The Clone Snapshots routes: POST/GET /api/clone-snapshots and GET/DELETE
// /api/clone-snapshots/{snapshot_id}.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/clone/clone_service.hpp"

namespace clxs::clone {

/// Registers the routes on `routes`; snapshots live in the plugin's store.
void registerSnapshotRoutes(Routes& routes, const std::shared_ptr<CloneService>& service);

}  // namespace clxs::clone
