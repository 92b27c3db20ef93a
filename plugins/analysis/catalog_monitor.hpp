// One monitoring check of a destination catalog against its source (POST /api/monitor):
// missing and extra objects, column drift of the common tables and, on request, row counts.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::analysis {

/// What one check looks at.
struct MonitorOptions {
  /// Schemas to skip (exact names); information_schema is always skipped.
  std::vector<std::string> excludeSchemas{"information_schema", "default"};
  bool checkDrift = true;    ///< compare the columns of the common tables
  bool checkCounts = false;  ///< COUNT(*) every common MANAGED/EXTERNAL table on both sides
  std::size_t workers = 4;   ///< schemas listed and tables counted at once
};

/// Runs one check; both catalogs must exist (the caller checks). Answers {source_catalog,
/// destination_catalog, checked_at (UTC ISO-8601), status, in_sync, issues (one sentence per
/// finding), missing_schemas, extra_schemas, missing_tables, extra_tables, missing_views,
/// extra_views, diff {missing_in_dest, extra_in_dest, counts}, drift (null unless checked:
/// {tables_checked, tables_with_drift, tables [{table_fqn, added_columns, removed_columns,
/// modified_columns, order_changed}], errors}), count_mismatches and count_errors (null
/// unless checked: [{schema, table, source_count, dest_count}] / [{schema, table, error}]),
/// checks {drift, counts}, warnings}.
///
/// status is "drift_detected" when objects are missing or extra, columns drifted or counts
/// differ; otherwise "incomplete" when some table could not be checked; otherwise "in_sync".
/// Listing failures, cancellation and deadlines are thrown.
Json monitorCatalogs(Workspace& ws, const std::string& sourceCatalog,
                     const std::string& destCatalog, const MonitorOptions& options,
                     std::chrono::system_clock::time_point checkedAt, const CallOptions& call);

}  // namespace clxs::analysis
