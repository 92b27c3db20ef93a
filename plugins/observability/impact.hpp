// GET /api/data-quality/impact/{table_fqn}: what a failing table puts at risk, from its
// downstream lineage: the tables and views built from it (same catalog included), the jobs,
// notebooks, pipelines and dashboards that wrote them, its unresolved incidents, and a risk
// level with the reasons for it.
#pragma once

#include <memory>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/lineage_links.hpp"

namespace clxs::observability {

/// The impact of `tableFqn` from its downstream lookup and its unresolved incidents:
/// {table_fqn, lineage_available, reason?, downstream_tables [{table_fqn, type, depth, via,
/// last_event_time}], entities [{type, id, tables}], summary {tables, views, jobs, notebooks,
/// pipelines, dashboards, other_entities}, truncated, open_incidents, risk {level (none, low,
/// medium, high; unknown without lineage), reasons}}.
Json impactOf(const std::string& tableFqn, const LineageLookup& downstream,
              const std::vector<Json>& incidents);

/// Registers the route.
void registerImpactRoute(Routes& routes, const Services& services,
                         std::shared_ptr<IncidentStore> incidents, const Clock& clock);

}  // namespace clxs::observability
