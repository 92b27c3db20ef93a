// GET /api/data-quality/anomalies/system-tables: the workspace's own usage judged against
// robust baselines, per source enabled in the anomaly settings — billing (daily usage per
// SKU, never mixing SKUs), compute (job runs that failed per day), query history (failed
// statements and p95 duration per day) and storage (the daily total size of the tables
// volume snapshots measured, per catalog). Each source says whether it ran, and why not;
// nothing is stored (a GET never writes).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/routes.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/anomaly_settings.hpp"
#include "plugins/observability/robust_baseline.hpp"
#include "plugins/observability/volume_store.hpp"

namespace clxs::observability {

/// A daily series: (YYYY-MM-DD, value), oldest first, one point per day that has data.
using DailySeries = std::vector<std::pair<std::string, double>>;

/// Judges each of the points dated `from` or later against the up to `window` points before
/// it (flagged ones left out): [{date, value, expected_low, expected_high, score, direction,
/// severity}] for the anomalies only.
Json dailyAnomalies(const DailySeries& series, const std::string& from, std::size_t window,
                    const AnomalyThresholds& thresholds);

/// What the scan needs.
struct SystemTableScan {
  Json sources;                  ///< {billing, compute, query_history, storage} → enabled
  int days = 7;                  ///< days judged
  std::size_t window = 28;       ///< baseline points
  AnomalyThresholds thresholds;  ///< scores
  std::chrono::system_clock::time_point now;  ///< the end of the last day
};

/// Runs the scan: {days, sources {name: {enabled, status (ok, disabled, unavailable,
/// error), reason?, series, anomalies}}, anomalies (all, with their source), total_anomalies}.
Json scanSystemTables(Workspace& ws, const VolumeStore& volumes, const SystemTableScan& scan,
                      const CallOptions& call);

/// Registers the route.
void registerSystemTableRoute(Routes& routes, std::shared_ptr<AnomalySettings> settings,
                              std::shared_ptr<VolumeStore> volumes, const Clock& clock);

}  // namespace clxs::observability
