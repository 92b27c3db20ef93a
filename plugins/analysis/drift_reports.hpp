// The JSON documents of the column-drift routes, built from the same TableDrift list:
// POST /api/compare (every common table in full), POST /api/schema-drift (drifted tables
// as added/removed/modified columns) and POST /api/diff-detail (object diff + drift + size).
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "plugins/analysis/catalog_tables.hpp"
#include "plugins/analysis/column_drift.hpp"

namespace clxs::analysis {

/// One table's column comparison: {schema, table, table_fqn, match, source_columns,
/// dest_columns, missing_columns, extra_columns ([{column, type, nullable, position}]),
/// type_changes [{column, source_type, dest_type}], nullability_changes [{column,
/// source_nullable, dest_nullable}], moved_columns [{column, source_position,
/// dest_position}], error}. Positions are 0-based.
Json tableComparisonJson(const TableDrift& drift);

/// POST /api/compare: {tables (tableComparisonJson of every common table), missing_tables,
/// extra_tables (tables, views excluded, on one side only, as "schema.table": not compared),
/// summary {tables_compared, tables_matching, tables_with_differences, tables_with_errors,
/// missing_columns, extra_columns, type_changes, nullability_changes, moved_columns,
/// missing_tables, extra_tables}, in_sync}.
Json compareReport(const CatalogTables& source, const CatalogTables& destination,
                   const std::vector<TableDrift>& drifts);

/// POST /api/schema-drift, the destination relative to the source: {tables [{schema,
/// table, table_fqn, added_columns, removed_columns, modified_columns [{column, changes,
/// source_type, dest_type, source_nullable, dest_nullable}], moved_columns, order_changed}]
/// for drifted tables only, drifts (the same as flat rows {schema, table, column,
/// change_type ADDED|REMOVED|MODIFIED|MOVED, old_type, new_type, ...}), summary
/// {tables_checked, tables_with_drift, added_columns, removed_columns, modified_columns,
/// moved_columns, total_drift_count}, errors [{table_fqn, error}], in_sync}.
Json schemaDriftReport(const std::vector<TableDrift>& drifts);

/// POST /api/diff-detail from diffObjects() output and the drift of the matching tables:
/// {schemas, tables, views, functions, volumes: {missing, extra, matching}, drift [{table_fqn,
/// schema, table, source_columns, dest_columns, added_columns, removed_columns (names),
/// type_changes, nullability_changes, order_changed, source_size_bytes, dest_size_bytes,
/// size_delta_bytes, source_row_count, dest_row_count, row_delta}] for tables whose columns
/// differ or whose known size or row count differs, summary {total_matching_tables,
/// tables_with_drift, columns_added, columns_removed, type_changes, total_size_source_bytes,
/// total_size_dest_bytes, total_size_delta_bytes}, drift_errors [{table_fqn, error}],
/// in_sync (objects and columns agree; sizes do not count), warnings}. Unknown sizes and
/// counts are null and left out of the totals.
Json diffDetailReport(const Json& diff, const std::vector<TableDrift>& drifts);

}  // namespace clxs::analysis
