// Operation metrics over the audited runs: totals, failure rates, throughput and how run
// durations move.
//
// Rates are percentages (0–100) of the runs that were not cancelled: failure_rate counts
// failed runs, error_rate failed runs and runs completed with errors. Throughput is tables
// cloned per minute of run time. duration_trend lists the last `limit` runs oldest first;
// duration_trend_direction compares the mean duration of its newer half with the older half
// (±10 %: slower / faster, else stable).
#pragma once

#include <chrono>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/audit/audit_runs.hpp"

namespace clxs::clone::audit {

/// Metrics of `newestFirst` (all matching runs) with a trend of at most `trendLength` runs.
/// Also the original's dashboard fields, which its web UI reads: total_clones, success_rate
/// (an integer percent of all runs), avg/min/max_duration (seconds, runs with a duration),
/// total_tables/views/volumes_cloned, total_data_bytes, avg_tables_per_clone, by_status,
/// clone_type_split, operation_type_split, top_catalogs and active_users (top 5, most first),
/// peak_hours (24 hours of start times, UTC), activity (the 7 days ending on `now`'s UTC
/// date, oldest first), week_over_week (weeks from Monday, UTC) and recent_jobs (newest 20).
Json monitorMetricsOf(const std::vector<AuditRun>& newestFirst, int trendLength,
                      std::chrono::system_clock::time_point now);

/// GET /api/monitor/metrics over the runs matching `filter`.
Json monitorMetrics(Store& store, const RunFilter& filter, int trendLength,
                    std::chrono::system_clock::time_point now);

}  // namespace clxs::clone::audit
