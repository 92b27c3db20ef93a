#include "clxs/delta_history.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"

namespace clxs {

bool isDataOperation(std::string_view operation) {
  // Delta's operation names for commits that add or remove rows. CLONE and RESTORE replace a
  // table's data; CREATE TABLE (empty), SET TBLPROPERTIES, CHANGE COLUMN, OPTIMIZE, VACUUM,
  // REORG and the like leave the rows as they were.
  static constexpr std::array<std::string_view, 13> kData{"WRITE",
                                                          "INSERT",
                                                          "MERGE",
                                                          "UPDATE",
                                                          "DELETE",
                                                          "TRUNCATE",
                                                          "STREAMING UPDATE",
                                                          "COPY INTO",
                                                          "CREATE TABLE AS SELECT",
                                                          "REPLACE TABLE AS SELECT",
                                                          "CREATE OR REPLACE TABLE AS SELECT",
                                                          "CLONE",
                                                          "RESTORE"};
  const auto upper = upperAscii(std::string(operation));
  return std::find(kData.begin(), kData.end(), upper) != kData.end();
}

const HistoryEntry* newestDataCommit(const std::vector<HistoryEntry>& history) {
  for (const auto& h : history) {
    if (isDataOperation(h.operation) && parseIsoUtc(h.timestamp)) return &h;
  }
  return nullptr;
}

SchemaChangeKind schemaChangeKind(std::string_view operation) {
  static constexpr std::array<std::string_view, 3> kAdditive{"ADD COLUMNS", "CHANGE COLUMN",
                                                             "CHANGE COLUMNS"};
  static constexpr std::array<std::string_view, 5> kBreaking{
      "REPLACE COLUMNS", "RENAME COLUMN", "DROP COLUMNS", "CREATE OR REPLACE TABLE",
      "REPLACE TABLE"};
  const auto upper = upperAscii(std::string(operation));
  if (std::find(kAdditive.begin(), kAdditive.end(), upper) != kAdditive.end())
    return SchemaChangeKind::Additive;
  if (std::find(kBreaking.begin(), kBreaking.end(), upper) != kBreaking.end())
    return SchemaChangeKind::Breaking;
  return SchemaChangeKind::None;
}

SchemaChanges schemaChangesOf(const std::vector<HistoryEntry>& history,
                              std::chrono::system_clock::time_point now, int days) {
  SchemaChanges out;
  for (const auto& h : history) {
    const auto at = parseIsoUtc(h.timestamp);
    if (!at || now - *at > std::chrono::hours(24 * days)) continue;
    ++out.commitsInWindow;
    if (h.version == 0) continue;
    switch (schemaChangeKind(h.operation)) {
      case SchemaChangeKind::Additive:
        ++out.additive;
        break;
      case SchemaChangeKind::Breaking:
        ++out.breaking;
        break;
      case SchemaChangeKind::None:
        break;
    }
  }
  return out;
}

}  // namespace clxs
