// Data Quality › segmented runs: a table's checks counted per value of a column (one query,
// the largest segments and the rest as __other__), and the stored results.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"

namespace clxs::quality {

/// Registers POST /api/data-quality/segmented-run and GET /api/data-quality/segment-results.
void registerSegmentRoutes(Routes& routes, std::shared_ptr<CheckRepository> checks,
                           const Clock& clock);

}  // namespace clxs::quality
