// /api/coverage/…: coverage snapshots computed by a job (POST …/{catalog}/compute) and read
// back as the map, the summary and the ranked gaps; and GET /api/data-quality/coverage/
// {catalog}, the same map and summary computed at request time and not stored.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/coverage_store.hpp"
#include "plugins/observability/monitor_store.hpp"

namespace clxs::observability {

/// What the coverage routes need from the plugin and the host.
struct CoverageDeps {
  std::shared_ptr<CoverageStore> snapshots;  ///< stored snapshots
  std::shared_ptr<MonitorStore> monitors;    ///< the tables' monitors
  Jobs* jobs = nullptr;                      ///< computes
  const Services* services = nullptr;        ///< quality.catalog and lineage.graph
  const Clock* clock = nullptr;              ///< time
};

/// Registers the five routes.
void registerCoverageRoutes(Routes& routes, CoverageDeps deps);

}  // namespace clxs::observability
