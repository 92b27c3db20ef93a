// Freshness from a Delta table's history: the newest commit that changed data (a comment,
// a property or an OPTIMIZE does not), how long ago it was, and the table's cadence (the
// median gap between its data commits), so a table written every minute is late long before
// one written daily is.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "clxs/delta_history.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace/types.hpp"

namespace clxs::observability {

/// What makes a table stale or late.
struct FreshnessPolicy {
  double maxStaleHours = 24;  ///< stale past this many hours since the last data commit
  double cadenceFactor = 3;   ///< late past this many median gaps between data commits
};

/// A table's freshness at `now` from its history (newest first, as history() gives it):
/// {status (fresh, stale or unknown), last_modified, last_data_operation, last_data_version,
/// hours_since_update, is_stale, median_commit_gap_hours, is_late, data_commits_read,
/// reason}. A table with no data commit in the history read is unknown, with the reason.
Json freshnessOf(const std::vector<HistoryEntry>& history,
                 std::chrono::system_clock::time_point now, const FreshnessPolicy& policy);

/// The data commits of a history, newest first, each with the gap since the data commit
/// before it: [{version, operation, last_modified, hours_since_update (null for the oldest
/// read), is_stale, status}].
Json dataCommitGaps(const std::vector<HistoryEntry>& history, const FreshnessPolicy& policy);

/// Event-time freshness: how old the newest event in the data is, not the newest commit.
/// Adds to a commit verdict `freshness_basis` (event_time, or commit with `event_time_note`)
/// and `event_time` {column, max_event_time, event_lag_hours, ingestion_latency_hours (the
/// last data commit less the newest event)}; with an event time, status and is_stale judge
/// the event lag against max_stale_hours.
void withEventTime(Json& verdict, const std::string& column,
                   std::optional<std::chrono::system_clock::time_point> maxEvent,
                   std::chrono::system_clock::time_point now, const FreshnessPolicy& policy);

}  // namespace clxs::observability
