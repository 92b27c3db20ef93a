// The Observability routes (dashboard, health-score, issues, trends/{metric},
// category-health) and GET /api/data-quality/health/trend: the estate's health by category
// from stored incidents and measurements, its open issues ranked, and its daily trend.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/metric_store.hpp"
#include "plugins/observability/monitor_store.hpp"

namespace clxs::observability {

/// What the routes read.
struct ObservabilityEvidence {
  std::shared_ptr<IncidentStore> incidents;  ///< every incident
  std::shared_ptr<MetricStore> metrics;      ///< when tables were first measured
  std::shared_ptr<MonitorStore> monitors;    ///< which tables are watched for freshness
};

/// Registers the routes.
void registerObservabilityRoutes(Routes& routes, const Services& services,
                                 ObservabilityEvidence evidence, const Clock& clock);

}  // namespace clxs::observability
