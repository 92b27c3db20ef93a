// GET /api/data-quality/freshness/{catalog}, …/{catalog}/{schema}/{table}/history and
// …/freshness/summary: freshness measured from each table's Delta history when asked. They
// only read (the original appended to a history table on every GET).
#pragma once

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"

namespace clxs::observability {

/// Registers the three freshness routes.
void registerFreshnessRoutes(Routes& routes, const Clock& clock);

}  // namespace clxs::observability
