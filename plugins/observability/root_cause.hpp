// GET /api/data-quality/root-cause/{table_fqn}: what went wrong in and upstream of a table in
// the last hours — its incidents (anomalies, volume drops, failing checks, …), schema
// changes and freshness gaps — each placed in time against the table's own first signal,
// and the most upstream table whose trouble started no later as the likely cause.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace/types.hpp"

namespace clxs::observability {

/// What is known of one table in the window.
struct TableEvidence {
  std::string tableFqn;               ///< lower case
  int depth = 0;                      ///< hops upstream of the table asked about (0: itself)
  std::vector<Json> incidents;        ///< its incidents active in the window
  std::vector<HistoryEntry> history;  ///< its Delta history, newest first (may be empty)
  std::string historyError;           ///< why the history could not be read
};

/// The signals of each table (incidents that started or recurred in the window, volume
/// drops among them, schema changes, a freshness gap now) and the likely root cause:
/// {signals [{table_fqn, depth, kind, at, offset_minutes, severity, title, …}] by time,
/// tables [{table_fqn, depth, signals, first_signal_at}], likely_root_cause {table_fqn,
/// depth, first_signal_at, reason} or null, reason}. Offsets are minutes after the asked
/// table's first signal (negative: before), or before now when it has none.
Json rootCauseOf(const std::vector<TableEvidence>& tables,
                 std::chrono::system_clock::time_point since,
                 std::chrono::system_clock::time_point now);

}  // namespace clxs::observability
