// The one list GET /api/governance/changes answers: the plugin's change history (values before
// and after, with the user) and the kernel's log of mutating calls of every plugin (who called
// which route, with what outcome), merged newest first. `source` tells them apart:
// "governance" for a history entry, "kernel" for a logged call.
#pragma once

#include <cstdint>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::governance {

/// A ChangeHistory::list() entry in the feed's shape (source "governance"; the original's
/// change_type too, and details {changed_fields}: the top-level fields whose values differ
/// between before and after, update stamps aside).
Json governanceChangeEntry(const Json& change);
/// A ChangeLog::list() entry in the feed's shape (source "kernel").
Json kernelChangeEntry(const Json& call);

/// Both lists (each newest first, already in the feed's shape) merged newest first by
/// changed_at, at most `limit` entries.
std::vector<Json> mergeChangeFeeds(const std::vector<Json>& governance,
                                   const std::vector<Json>& kernel, std::int64_t limit);

}  // namespace clxs::governance
