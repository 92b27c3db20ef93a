// GET /api/data-quality/incidents (the unified feed), acknowledging and resolving an
// incident, and the subscriptions that open and resolve them from other plugins' events.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/events.hpp"
#include "clxs/log.hpp"
#include "clxs/routes.hpp"
#include "plugins/observability/incident_store.hpp"

namespace clxs::observability {

/// Registers the incident routes.
void registerIncidentRoutes(Routes& routes, std::shared_ptr<IncidentStore> incidents,
                            const Clock& clock);

/// Subscribes to the events that report failures and passes: quality.check_result (a check
/// failing any row is an incident of its source, dqx or dq_rule, severity high for an error
/// check and medium for a warning; a pass resolves it) and observability.signal (any other
/// source: SLA, contract, reconciliation, …; severity as sent, medium when missing or not
/// one of critical, high, medium, low).
void subscribeIncidentFeeds(Events& events, Logger& log, std::shared_ptr<IncidentStore> incidents);

}  // namespace clxs::observability
