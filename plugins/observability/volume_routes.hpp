// GET /api/data-quality/volume/{catalog}, POST …/volume/snapshot and GET
// …/volume/{catalog}/history: row counts per table, read from Delta statistics where the
// workspace keeps them (no scan), compared with the last snapshot and charted over time.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/observability/anomaly_detector.hpp"
#include "plugins/observability/volume_store.hpp"

namespace clxs::observability {

/// Registers the three volume routes; each snapshot's row counts also go to `detector` as the
/// metric row_count of column *.
void registerVolumeRoutes(Routes& routes, std::shared_ptr<VolumeStore> store,
                          std::shared_ptr<AnomalyDetector> detector, const Clock& clock);

}  // namespace clxs::observability
