// Data Quality › suites and the gate: suites of checks and rules (create, list, get, delete,
// run) and POST /api/data-quality/gate/evaluate.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/suite_runner.hpp"

namespace clxs::quality {

/// Registers the routes; they keep `suites`, `runner` and `clock`.
void registerSuiteRoutes(Routes& routes, std::shared_ptr<SuiteRepository> suites,
                         std::shared_ptr<SuiteRunner> runner, const Clock& clock);

}  // namespace clxs::quality
