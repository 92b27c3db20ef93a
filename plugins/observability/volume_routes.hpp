// GET /api/data-quality/volume/{catalog}, POST …/volume/snapshot and GET
// …/volume/{catalog}/history: row counts per table, read from Delta statistics where the
// workspace keeps them (no scan), compared with the last snapshot and charted over time.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/observability/volume_store.hpp"

namespace clxs::observability {

/// Registers the three volume routes.
void registerVolumeRoutes(Routes& routes, std::shared_ptr<VolumeStore> store, const Clock& clock);

}  // namespace clxs::observability
