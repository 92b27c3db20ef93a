// POST /api/compare, /api/schema-drift, /api/diff-detail and /api/monitor: the column-level
// comparisons of two catalogs, with their request models.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "clxs/model.hpp"
#include "clxs/routes.hpp"

namespace clxs::analysis {

/// Body of POST /api/compare: source_catalog, destination_catalog, warehouse_id,
/// exclude_schemas.
Model compareRequestModel();
/// Body of POST /api/schema-drift: the same fields.
Model schemaDriftRequestModel();
/// Body of POST /api/diff-detail: the same fields.
Model diffDetailRequestModel();
/// Query of POST /api/monitor: source_catalog, destination_catalog (required identifiers),
/// warehouse_id, check_drift (default true), check_counts (default false).
std::vector<std::pair<std::string, Field>> monitorQuery();

/// Registers the four routes. They answer synchronously and keep no state; `clock` sets
/// deadlines, duration_seconds and the monitor's checked_at, and `config` supplies the
/// monitor's exclude_schemas (the spec gives it no parameter). Both must outlive the routes.
void registerDriftRoutes(Routes& routes, const Clock& clock, const ConfigView& config);

}  // namespace clxs::analysis
