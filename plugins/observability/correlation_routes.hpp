// The correlation routes: POST /api/anomalies/correlate groups the incidents that started in
// the last hours by time window and lineage and stores the groups; GET /api/anomalies/groups,
// /groups/{group_id} and /root-causes read them; GET /api/data-quality/root-cause/{table_fqn}
// looks for the cause of one table's trouble upstream.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/correlation_store.hpp"
#include "plugins/observability/incident_store.hpp"

namespace clxs::observability {

/// Registers the routes.
void registerCorrelationRoutes(Routes& routes, const Services& services,
                               std::shared_ptr<IncidentStore> incidents,
                               std::shared_ptr<CorrelationStore> groups, const Clock& clock);

}  // namespace clxs::observability
