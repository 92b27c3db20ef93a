// POST /api/diff and POST /api/validate with their request models.
#pragma once

#include "clxs/clock.hpp"
#include "clxs/model.hpp"
#include "clxs/routes.hpp"

namespace clxs::analysis {

/// Body of POST /api/diff: source_catalog, destination_catalog, warehouse_id,
/// exclude_schemas.
Model diffRequestModel();
/// Body of POST /api/validate: the diff fields plus use_checksum and max_workers (1..64).
Model validateRequestModel();

/// Registers POST /api/diff and POST /api/validate. Both answer synchronously, as the
/// original did; `clock` (which must outlive the routes) sets deadlines and measures
/// duration_seconds.
void registerAnalysisRoutes(Routes& routes, const Clock& clock);

}  // namespace clxs::analysis
