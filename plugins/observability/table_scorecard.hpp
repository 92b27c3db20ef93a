// GET /api/data-quality/scorecard/{table_fqn}: one table's quality from its evidence, each
// component scored 0–100 or null with the reason it has none: completeness (the NULL shares
// its monitor measured last), freshness (its last data commit against max_stale_hours),
// schema stability (schema changes in its recent history), SLA (none available yet) and
// anomalies (its unresolved anomaly incidents).
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/routes.hpp"
#include "clxs/workspace/types.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/metric_store.hpp"

namespace clxs::observability {

/// The scorecard from its inputs: the table's history (newest first), the newest null_pct
/// per column, its unresolved incidents, `now` and the staleness threshold.
Json scorecardOf(const std::vector<HistoryEntry>& history,
                 const std::map<std::string, double>& nullPct, const std::vector<Json>& incidents,
                 std::chrono::system_clock::time_point now, double maxStaleHours);

/// Registers the route.
void registerScorecardRoute(Routes& routes, std::shared_ptr<MetricStore> metrics,
                            std::shared_ptr<IncidentStore> incidents, const Clock& clock);

}  // namespace clxs::observability
