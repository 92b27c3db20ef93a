// Health of each destination catalog from its recent runs.
//
// Over the last `window` runs into a catalog: score = 100 × (succeeded + ½ × completed with
// errors) ÷ runs that were not cancelled, rounded (null when every run was cancelled); trend
// compares that rate over the newer half of those runs with the older half (±10 points:
// improving / declining, else stable; insufficient_data under two runs); skipped_table_ratio
// = tables skipped ÷ tables considered (0–1, null when no table was considered).
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/audit/audit_runs.hpp"

namespace clxs::clone::audit {

/// Health of one catalog from its runs, newest first.
Json catalogHealthOf(const std::string& catalog, const std::vector<AuditRun>& newestFirst);

/// GET /api/catalog-health: {"catalogs": [...], "window": window}, catalogs by name.
Json catalogHealth(Store& store, int window);

}  // namespace clxs::clone::audit
