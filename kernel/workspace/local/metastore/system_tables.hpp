// The `system` catalog's tables the local engine holds the truth for: query history, table
// access audit and lineage, kept in `<root>/metastore/system.db` (SQLite, WAL) so every
// process using the root records into, and reads, the same history.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// One column-level lineage edge.
struct ColumnLineageEdge {
  std::string sourceTable;   ///< catalog.schema.table
  std::string sourceColumn;  ///< column of the source
  std::string targetTable;   ///< catalog.schema.table
  std::string targetColumn;  ///< column of the target
};

/// What one statement did, recorded when it ends.
struct StatementRecord {
  std::string statementId;         ///< uuid
  std::string sessionId;           ///< the session's uuid
  std::string user;                ///< who ran it
  std::string text;                ///< statement text as received
  std::string type;                ///< SELECT, INSERT, CREATE, ...
  std::string status;              ///< FINISHED, FAILED or CANCELED
  std::string error;               ///< error message when not FINISHED
  std::int64_t startMs = 0;        ///< start, ms since the epoch
  std::int64_t endMs = 0;          ///< end, ms since the epoch
  std::int64_t producedRows = 0;   ///< rows returned (or affected, for DML)
  std::vector<std::string> reads;  ///< tables read (full names)
  std::vector<std::pair<std::string, std::string>> writes;  ///< (table, TABLE|VIEW) written
  std::vector<ColumnLineageEdge> columns;                   ///< column lineage edges
};

/// Column name and DuckDB type of a system table's column.
struct SystemColumn {
  std::string name;  ///< column name (Databricks')
  std::string type;  ///< DuckDB type
};

/// The recorded system tables.
class SystemTables {
 public:
  /// Opens `<root>/metastore/system.db`.
  explicit SystemTables(const std::filesystem::path& root);

  /// Records a statement with its audit events and lineage in one transaction.
  void record(const StatementRecord& r);
  /// Columns of `schema.table` ("query.history", "access.audit", "access.table_lineage",
  /// "access.column_lineage"), or nullopt for a table with no local truth.
  [[nodiscard]] static std::optional<std::vector<SystemColumn>> columns(const std::string& name);
  /// Rows of a table named as for columns(), oldest first, one value per column.
  [[nodiscard]] std::vector<std::vector<Json>> rows(const std::string& name);

 private:
  StateStore db_;
  std::atomic<std::uint64_t> recorded_{0};
};

}  // namespace clxs::kernel
