// Field health of one table in one scan: its row count and, per monitored column, the share
// of NULLs, of empty strings and of distinct values, and for numbers min, max and mean.
#pragma once

#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/observability/metric_store.hpp"

namespace clxs::observability {

/// The metrics a monitor may take, in the order they are reported; `freshness` is judged
/// from the table's history (watchFreshness()), not by the scan.
const std::vector<std::string>& fieldHealthMetrics();

/// Measures `metrics` (names from fieldHealthMetrics()) of `columns` (all when empty) of
/// `table` with one query; row_count is for the table ("*"), the others per column (min, max
/// and mean of numeric columns only). 404 when the table or a named column does not exist.
std::vector<Measurement> measureFieldHealth(Workspace& ws, const TableInfo& table,
                                            const std::vector<std::string>& columns,
                                            const std::vector<std::string>& metrics,
                                            const CallOptions& options);

}  // namespace clxs::observability
