// Governance › DQ rules: the original's rule routes (create, list, update, delete, run,
// results, history), each rule run as a check of the one engine, one query per table.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/rule_repository.hpp"

namespace clxs::quality {

/// Registers the routes on `routes`; they keep `repository` and `clock`.
void registerDqRuleRoutes(Routes& routes, std::shared_ptr<RuleRepository> repository,
                          const Clock& clock);

}  // namespace clxs::quality
