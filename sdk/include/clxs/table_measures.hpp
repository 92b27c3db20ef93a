// Measures of a table that plugins share: its row count, from Delta statistics where the
// workspace knows them (no scan), and the NULL counts of its columns in one aggregate query.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs {

/// A table's row count and where it came from.
struct RowCount {
  std::int64_t rows = 0;  ///< rows
  /// delta_statistics (the listing's count from the Delta log: no scan) or count (COUNT(*),
  /// which a Databricks warehouse answers from the same statistics).
  std::string source;
};

/// The row count of `table` (as CatalogService::table() or tables() gives it).
RowCount rowCountOf(Workspace& ws, const TableInfo& table, const CallOptions& options);

/// One column's NULLs.
struct ColumnNulls {
  std::string column;      ///< column name
  std::int64_t nulls = 0;  ///< rows where it is NULL
};

/// The NULLs of some columns of a table.
struct NullCounts {
  std::int64_t rows = 0;             ///< rows of the table
  std::vector<ColumnNulls> columns;  ///< per column, in the order asked
};

/// Counts rows and the NULLs of `columns` of `table` with one query (names quoted).
NullCounts nullCountsOf(Workspace& ws, const TableInfo& table,
                        const std::vector<std::string>& columns, const CallOptions& options);

}  // namespace clxs
