// Drift between two profiles of a table (profileTable's form) and the check changes it calls
// for: a column that appeared, vanished or changed type, nulls that rose, a range that widened,
// a distinct ratio that moved, a row count that jumped.
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "plugins/quality/check_repository.hpp"

namespace clxs::quality {

/// {drift: [{column, metric, previous, current}], recommendations: [{action, check, check_id,
/// reason}]} from `baseline` to `current`, given the table's checks. `column` is null for the
/// table's row count. Actions: "add" (a check the new data supports, none like it exists),
/// "update" (an existing check the new data breaks, with the widened form), "remove" (a check
/// on a column that is gone).
Json profileDrift(const Json& baseline, const Json& current,
                  const std::vector<StoredCheck>& checks);

}  // namespace clxs::quality
