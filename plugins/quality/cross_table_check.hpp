// Governance › POST /api/governance/dq/cross-table-check: one consistency check between two
// tables, computed on the warehouse. Kinds: row_count (the two counts agree, within a
// tolerance), aggregate (an aggregate of a column agrees), key_containment (every key of the
// source is in the destination, as a foreign key) and predicate (rows joined by key satisfy a
// condition over both, written with the aliases `s` and `d`).
#pragma once

#include "clxs/routes.hpp"

namespace clxs::quality {

/// Registers the route.
void registerCrossTableCheckRoute(Routes& routes);

}  // namespace clxs::quality
