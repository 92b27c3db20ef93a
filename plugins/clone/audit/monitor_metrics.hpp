// Operation metrics over the audited runs: totals, failure rates, throughput and how run
// durations move.
//
// Rates are percentages (0–100) of the runs that were not cancelled: failure_rate counts
// failed runs, error_rate failed runs and runs completed with errors. Throughput is tables
// cloned per minute of run time. duration_trend lists the last `limit` runs oldest first;
// duration_trend_direction compares the mean duration of its newer half with the older half
// (±10 %: slower / faster, else stable).
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/audit/audit_runs.hpp"

namespace clxs::clone::audit {

/// Metrics of `newestFirst` (all matching runs) with a trend of at most `trendLength` runs.
Json monitorMetricsOf(const std::vector<AuditRun>& newestFirst, int trendLength);

/// GET /api/monitor/metrics over the runs matching `filter`.
Json monitorMetrics(Store& store, const RunFilter& filter, int trendLength);

}  // namespace clxs::clone::audit
