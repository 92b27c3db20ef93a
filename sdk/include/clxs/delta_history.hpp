// What a Delta table's history says about its data and its schema, shared by every plugin
// that judges tables from their commits (observability's freshness, scorecard and trust score,
// governance's SLA rules): which commits change rows (a comment, a property or an OPTIMIZE
// does not), which change columns, and whether a column change keeps existing readers working.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "clxs/workspace/types.hpp"

namespace clxs {

/// Whether a Delta history operation changes a table's rows (ASCII case ignored).
bool isDataOperation(std::string_view operation);

/// The newest commit of `history` (newest first, as CatalogService::history() gives it) that
/// changed rows and has a readable time, or null when it has none.
const HistoryEntry* newestDataCommit(const std::vector<HistoryEntry>& history);

/// What a commit does to a table's schema.
enum class SchemaChangeKind {
  None,      ///< not a schema change
  Additive,  ///< ADD COLUMNS, CHANGE COLUMN(S): existing readers keep working
  Breaking,  ///< RENAME COLUMN, DROP COLUMNS, REPLACE COLUMNS, (CREATE OR) REPLACE TABLE
};

/// The kind of a Delta history operation (ASCII case ignored).
SchemaChangeKind schemaChangeKind(std::string_view operation);

/// The schema changes among the commits of the last `days` days before `now`.
struct SchemaChanges {
  std::int64_t breaking = 0;         ///< breaking changes
  std::int64_t additive = 0;         ///< additive changes
  std::int64_t commitsInWindow = 0;  ///< commits read in the window, changes or not
  /// Every change, breaking or additive.
  [[nodiscard]] std::int64_t total() const { return breaking + additive; }
};

/// Counts the schema changes of `history` in the `days` days before `now`; commits without a
/// readable time are left out, and the commit that created the table (version 0) is counted
/// as a commit but never as a change.
SchemaChanges schemaChangesOf(const std::vector<HistoryEntry>& history,
                              std::chrono::system_clock::time_point now, int days);

}  // namespace clxs
