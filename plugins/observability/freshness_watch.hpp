// Freshness as an incident source: a monitor that takes the `freshness` metric judges its
// table's last data commit on every run and opens (or resolves) the table's freshness
// incident, so late data shows up with the other failures and in the scores built on them.
#pragma once

#include <chrono>
#include <string>

#include "clxs/json.hpp"
#include "clxs/object_name.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/incident_store.hpp"

namespace clxs::observability {

/// Whether a freshness verdict (freshnessOf()) is a breach: late against the table's own
/// cadence when one is known (3 data commits), else stale past max_stale_hours; a table with
/// no data commit is not judged (nullopt).
std::optional<bool> freshnessBreached(const Json& freshness);

/// Reads the table's history, judges it (freshnessOf() with the default policy) and reports
/// the verdict to `incidents` as a `freshness` failure or pass; answers the verdict with
/// `breached` and, on a breach, `incident_id`.
Json watchFreshness(Workspace& ws, const ObjectName& table, IncidentStore& incidents,
                    std::chrono::system_clock::time_point now, const std::string& by,
                    const CallOptions& call);

}  // namespace clxs::observability
