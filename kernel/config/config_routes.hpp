// The Config area of the API: 11 routes over the configuration service.
#pragma once

#include "clxs/routes.hpp"
#include "kernel/config/config_service.hpp"

namespace clxs::kernel {

/// Registers GET/PUT /api/config, POST /api/config/diff, POST /api/config/audit,
/// GET /api/config/profiles, PATCH /api/config/warehouse|performance|pricing,
/// GET+PATCH /api/config/streaming-limits and GET /api/generate/demo-data/streaming/limits.
/// `config` must outlive the routes.
void registerConfigRoutes(clxs::Routes& routes, ConfigService& config);

}  // namespace clxs::kernel
