// The demo-data routes of the Generate area.
#pragma once

#include "clxs/host.hpp"

namespace clxs::generate {

/// Registers POST /api/generate/demo-data (a `demo_data` job), GET
/// /api/generate/demo-data/catalogs and DELETE /api/generate/demo-data/{catalog_name}.
/// `host` must outlive the routes and the jobs they submit (the kernel guarantees this for
/// the plugin's own host).
void registerDemoDataRoutes(Host& host);

}  // namespace clxs::generate
