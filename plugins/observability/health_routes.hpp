// GET /api/data-quality/health-score/{catalog}: the catalog's health from the freshness of
// its tables now and its unresolved incidents, each component explained.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/observability/incident_store.hpp"

namespace clxs::observability {

/// Registers the route.
void registerHealthRoutes(Routes& routes, std::shared_ptr<IncidentStore> incidents,
                          const Clock& clock);

}  // namespace clxs::observability
