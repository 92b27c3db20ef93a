// GET /api/uc-objects: the Unity Catalog objects outside catalogs (external locations,
// storage credentials, connections, registered models, the metastore, shares, recipients).
#pragma once

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/routes.hpp"
#include "clxs/workspace.hpp"

namespace clxs::explorer {

/// {external_locations, storage_credentials, connections, registered_models, metastore,
/// shares, recipients}, each list sorted by name, read through Workspace::securables() and
/// metastoreSummary() (no SQL warehouse involved). A section whose call fails is empty ([] or
/// {}) and `errors` maps its name to the message; `errors` is absent when nothing failed.
/// Unauthenticated fails the whole call, since no section could succeed.
Json ucObjects(Workspace& ws, const CallOptions& options);

/// Registers GET /api/uc-objects (not cached: the objects live outside any catalog, so the
/// cache's per-catalog invalidation could not refresh them). `clock` must outlive the route.
void registerUcObjectsRoute(Routes& routes, const Clock& clock);

}  // namespace clxs::explorer
