// The requests of POST /api/sync, /api/incremental/check and /api/incremental/sync: their
// models (validation, defaults, OpenAPI) and the SyncOptions they become.
#pragma once

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "plugins/clone/catalog_sync.hpp"

namespace clxs::clone {

/// The model of POST /api/sync.
Model syncRequestModel();
/// The model of POST /api/incremental/check (`forSync`: of POST /api/incremental/sync).
Model incrementalRequestModel(bool forSync);

/// Options of a sync from its body. The body may come from the route (validated) or from a
/// schedule; absent fields take the model's defaults and mistyped ones are a 422.
SyncOptions parseSyncOptions(const Json& body);
/// Options of an incremental check or sync: tables only, in `schema_name` ("*": every
/// schema), nothing dropped.
SyncOptions parseIncrementalOptions(const Json& body);

}  // namespace clxs::clone
