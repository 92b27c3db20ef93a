// Sampling: POST /api/sample (a table's first rows) and POST /api/sample/compare (the same
// rows of a table in two catalogs, matched by key).
#pragma once

#include "clxs/routes.hpp"

namespace clxs::quality {

/// Registers the two routes.
void registerSamplingRoutes(Routes& routes);

}  // namespace clxs::quality
