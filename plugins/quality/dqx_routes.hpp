// Governance › DQX routes of the quality plugin: the function registry, checks (create, list,
// update, delete, toggle, bulk delete, audit log) and runs (one scan per table) with their
// results.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/quality_settings.hpp"

namespace clxs::quality {

/// Registers the routes on `routes` (and GET /api/data-quality/failure-samples); they keep
/// `repository`, `settings` and `clock` (the plugin's, which outlive every request).
void registerDqxRoutes(Routes& routes, std::shared_ptr<CheckRepository> repository,
                       std::shared_ptr<QualitySettings> settings, const Clock& clock);

}  // namespace clxs::quality
