// Convert to Delta routes: POST /api/convert-to-delta and GET /api/convert-to-delta/history.
#pragma once

#include <memory>

#include "clxs/cache.hpp"
#include "clxs/clock.hpp"
#include "clxs/host.hpp"
#include "clxs/log.hpp"
#include "clxs/routes.hpp"
#include "plugins/clone/convert/convert_store.hpp"

namespace clxs::clone::convert {

/// Applies the history table's migration and registers both routes on the plugin's host.
void registerConvertRoutes(Host& host);

/// What the routes use besides the request; each must outlive the routes.
struct ConvertServices {
  std::shared_ptr<ConvertStore> store;
  /// Metadata cache: a converted table's catalog is invalidated so format badges refresh.
  Cache* cache = nullptr;
  const Clock* clock = nullptr;
  Logger* log = nullptr;
  /// The job queue: a conversion is refused while a job writes to a target's catalog.
  const Jobs* jobs = nullptr;
};

/// Registers both routes on `routes` (the history table must exist).
void registerConvertRoutes(Routes& routes, const ConvertServices& services);

}  // namespace clxs::clone::convert
