// Routes the kernel itself serves: health and the plugin admin view.
#pragma once

#include <chrono>

#include "clxs/routes.hpp"

namespace clxs::kernel {

class PluginHost;

/// GET /api/health.
void registerHealthRoutes(Routes& routes, const PluginHost& plugins,
                          std::chrono::steady_clock::time_point started);
/// GET /api/plugins, POST /api/plugins/toggle.
void registerPluginRoutes(Routes& routes, PluginHost& plugins);

}  // namespace clxs::kernel
