// POST /api/compare, /api/schema-drift, /api/diff-detail and /api/monitor: the column-level
// comparisons of two catalogs.
#pragma once

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "clxs/routes.hpp"

namespace clxs::analysis {

/// Registers the four routes: the first three take the catalog pair as their body
/// (CompareRequest, SchemaDriftRequest, DiffDetailRequest), the monitor takes query parameters
/// source_catalog, destination_catalog, warehouse_id, check_drift (default true) and
/// check_counts (default false). They answer synchronously and keep no state; `clock` sets
/// deadlines, duration_seconds and the monitor's checked_at, and `config` supplies the
/// monitor's exclude_schemas (the spec gives it no parameter). Both must outlive the routes.
void registerDriftRoutes(Routes& routes, const Clock& clock, const ConfigView& config);

}  // namespace clxs::analysis
