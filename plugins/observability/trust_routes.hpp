// /api/trust/…: trust scores computed per table by a job (POST …/compute/{catalog}) and kept
// with their history, read back by catalog, table and over time; and the weights of the
// dimensions (GET/PUT …/config).
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "plugins/observability/check_evidence_store.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/trust_store.hpp"

namespace clxs::observability {

/// What the trust routes need from the plugin and the host.
struct TrustDeps {
  std::shared_ptr<TrustStore> scores;            ///< scores and weights
  std::shared_ptr<CheckEvidenceStore> evidence;  ///< latest check results
  std::shared_ptr<IncidentStore> incidents;      ///< unresolved anomalies
  Jobs* jobs = nullptr;                          ///< computes
  const Services* services = nullptr;            ///< lineage, when provided
  const Clock* clock = nullptr;                  ///< time
};

/// Registers the six routes.
void registerTrustRoutes(Routes& routes, TrustDeps deps);

}  // namespace clxs::observability
