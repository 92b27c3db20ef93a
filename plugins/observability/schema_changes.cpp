#include "plugins/observability/schema_changes.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {

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

}  // namespace clxs::observability
