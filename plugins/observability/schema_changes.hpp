// Schema changes in a Delta table's history: which commits change its columns, and whether a
// change keeps existing readers working (additive: columns added, a column altered in place)
// or may break them (columns renamed, dropped or replaced, the table replaced). The scorecard
// and the trust score count them the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "clxs/workspace/types.hpp"

namespace clxs::observability {

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

}  // namespace clxs::observability
