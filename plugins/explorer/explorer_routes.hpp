// The Catalog Explorer routes: GET /api/catalogs and the metadata routes under it.
#pragma once

#include "clxs/cache.hpp"
#include "clxs/clock.hpp"
#include "clxs/routes.hpp"

namespace clxs::explorer {

/// Registers GET /api/catalogs, /api/catalogs/{catalog}/schemas, /api/catalogs/{catalog}/info,
/// /api/catalogs/{catalog}/{schema}/tables, .../tables/with-format, .../objects and
/// /api/catalogs/{catalog}/{schema}/{table}/info. Everything but the catalog list is served
/// through `cache` under the catalog's name, so POST /api/cache/invalidate drops it. `cache`
/// and `clock` must outlive the routes.
void registerExplorerRoutes(Routes& routes, Cache& cache, const Clock& clock);

}  // namespace clxs::explorer
