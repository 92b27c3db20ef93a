// Cost of Poor Quality (/api/copq/…): the cost assumptions, the compute that turns every
// incident into an auditable cost event, and the summary, per-table and weekly readings of
// those events.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/copq_config.hpp"
#include "plugins/observability/copq_store.hpp"
#include "plugins/observability/incident_store.hpp"

namespace clxs::observability {

/// What the COPQ routes need from the plugin and the host.
struct CopqDeps {
  std::shared_ptr<CopqStore> events;         ///< the cost events
  std::shared_ptr<CopqConfig> config;        ///< the cost assumptions
  std::shared_ptr<IncidentStore> incidents;  ///< what is costed
  Jobs* jobs = nullptr;                      ///< runs the compute
  Services* services = nullptr;              ///< lineage.graph, asked at compute time
  const Clock* clock = nullptr;              ///< time
};

/// Registers the six routes.
void registerCopqRoutes(Routes& routes, const CopqDeps& deps);

}  // namespace clxs::observability
