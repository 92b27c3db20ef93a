// Column drift: how the columns of a destination table differ from those of its source
// (missing, extra, retyped, nullability, order), for one table and for every table two
// catalogs have in common.
//
// The engine of POST /api/compare, /api/schema-drift, /api/diff-detail and /api/monitor, and
// of describeColumnDifference() (the validation's column check). SDK types only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/analysis/catalog_tables.hpp"

namespace clxs::analysis {

/// Type text as compared: ASCII upper case without white space, so "decimal(10, 2)" and
/// "DECIMAL(10,2)" are the same type.
std::string normalisedType(const std::string& type);

/// A column present on one side only.
struct ColumnPresence {
  std::string name;        ///< column name as that side spells it
  std::string type;        ///< its type text
  bool nullable = true;    ///< whether NULLs are allowed
  std::size_t position{};  ///< 0-based, like information_schema.columns.ordinal_position
};

/// A column whose type differs.
struct TypeChange {
  std::string column;      ///< name as the source spells it
  std::string sourceType;  ///< type in the source
  std::string destType;    ///< type in the destination
};

/// A column whose nullability differs.
struct NullabilityChange {
  std::string column;          ///< name as the source spells it
  bool sourceNullable = true;  ///< nullable in the source
  bool destNullable = true;    ///< nullable in the destination
};

/// A column that is out of order relative to the other common columns.
struct ColumnMove {
  std::string column;            ///< name as the source spells it
  std::size_t sourcePosition{};  ///< 0-based position in the source
  std::size_t destPosition{};    ///< 0-based position in the destination
};

/// How one destination column list differs from its source. Columns are matched by name
/// without regard to ASCII case, as Databricks resolves them.
struct ColumnDrift {
  std::size_t sourceColumns = 0;                      ///< columns in the source
  std::size_t destColumns = 0;                        ///< columns in the destination
  std::vector<ColumnPresence> missing;                ///< source only (removed), source order
  std::vector<ColumnPresence> extra;                  ///< destination only (added), its order
  std::vector<TypeChange> typeChanges;                ///< in source order
  std::vector<NullabilityChange> nullabilityChanges;  ///< in source order
  /// The fewest common columns whose moving explains the new order (those outside a longest
  /// run kept in the same relative order), in source order. Columns shifted only because
  /// others were added or removed are not moves.
  std::vector<ColumnMove> moved;

  /// Whether anything differs.
  [[nodiscard]] bool any() const;
  /// Whether anything but the order differs (types, nullability, presence).
  [[nodiscard]] bool anyBesidesOrder() const;
};

/// Compares a destination's columns with its source's.
ColumnDrift compareColumns(const std::vector<ColumnInfo>& source,
                           const std::vector<ColumnInfo>& destination);

/// A table both catalogs have, with its column drift and its size on both sides.
struct TableDrift {
  std::string schema;                           ///< schema name
  std::string table;                            ///< table name
  ColumnDrift columns;                          ///< empty when `error` is set
  std::optional<std::int64_t> sourceSizeBytes;  ///< when the workspace reports it
  std::optional<std::int64_t> destSizeBytes;    ///< when the workspace reports it
  std::optional<std::int64_t> sourceRows;       ///< when the table statistics hold it
  std::optional<std::int64_t> destRows;         ///< when the table statistics hold it
  /// Set when one side lists no columns, so comparing would invent drift (a table whose
  /// metadata could not be read).
  std::string error;

  /// "schema.table".
  [[nodiscard]] std::string fqn() const { return schema + "." + table; }
  /// dest - source, when both are known.
  [[nodiscard]] std::optional<std::int64_t> sizeDelta() const;
  /// dest - source, when both are known.
  [[nodiscard]] std::optional<std::int64_t> rowDelta() const;
};

/// Size of a table in bytes: TableInfo::sizeBytes, else the spark.sql.statistics.totalSize
/// property (Databricks after ANALYZE TABLE); nullopt when neither is known.
std::optional<std::int64_t> tableSizeBytes(const TableInfo& table);

/// Row count from the spark.sql.statistics.numRows property; nullopt when absent (the
/// Workspace port lists no row counts; COUNT(*) is table_comparison's job).
std::optional<std::int64_t> tableRowCount(const TableInfo& table);

/// The drift of every table (views excluded) present under the same schema and name in
/// both listings, sorted by schema then table.
std::vector<TableDrift> driftOfCommonTables(const CatalogTables& source,
                                            const CatalogTables& destination);

}  // namespace clxs::analysis
