// The Cache Management routes.
#pragma once

#include "clxs/routes.hpp"
#include "kernel/cache/metadata_cache.hpp"

namespace clxs::kernel {

/// GET /api/cache/stats, POST /api/cache/clear, POST /api/cache/invalidate.
void registerCacheRoutes(Routes& routes, MetadataCache& cache);

}  // namespace clxs::kernel
