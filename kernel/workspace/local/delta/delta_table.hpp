// A Delta table written and read through DuckDB: Parquet data files plus the Delta log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/delta/deletion_vector.hpp"
#include "kernel/workspace/local/delta/delta_log.hpp"
#include "kernel/workspace/local/delta/delta_types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {

/// A column in Delta's type vocabulary ("long", "string", "decimal(10,2)", ...).
struct DeltaColumn {
  std::string name;      ///< column name
  std::string type;      ///< Delta primitive type name
  bool nullable = true;  ///< false: NOT NULL invariant
  std::string comment;   ///< column comment (field metadata "comment")
};

/// What version 0 of a new table holds.
struct DeltaCreate {
  std::vector<DeltaColumn> columns;           ///< schema
  Json configuration = Json::object();        ///< table properties
  std::string name;                           ///< metaData name (optional)
  std::string description;                    ///< metaData description (table comment)
  std::string operation = "CREATE TABLE";     ///< commitInfo operation
  Json operationParameters = Json::object();  ///< commitInfo operationParameters (extra)
  Json operationMetrics = Json::object();     ///< commitInfo operationMetrics
  std::vector<Json> actions;                  ///< further actions (adds of files in place)
  std::vector<std::string> partitionColumns;  ///< partition columns (names in `columns`)
};

/// One table directory. Writers of one table must be serialised by the caller; the log's
/// put-if-absent still turns a lost race into a Conflict error rather than corruption.
class DeltaTable {
 public:
  /// `root` is the table directory; `engine` runs the Parquet reads and writes.
  DeltaTable(std::filesystem::path root, DuckDbEngine& engine);

  /// Creates version 0 (protocol 1/2, metaData, commitInfo, then `spec.actions`). Throws
  /// WorkspaceError Conflict when the table exists.
  void createFrom(const DeltaCreate& spec);
  /// Shorthand for an empty table.
  void create(const std::vector<DeltaColumn>& columns, const Json& configuration = Json::object(),
              const std::string& name = {});
  /// Writes the rows of a DuckDB query as one Parquet file (data first, then the commit)
  /// and commits a WRITE (Append). Returns the new version; no commit for zero rows.
  std::int64_t append(std::string_view duckdbSelect);
  /// Writes the rows of a DuckDB query, cast to `columns`, as Parquet files in the table
  /// directory (one per partition value, under `col=value/`, partition columns left out of
  /// the files) and returns their add actions with stats; none for zero rows.
  std::vector<Json> writeFiles(DuckDbConnection& conn, std::string_view duckdbSelect,
                               const std::vector<DeltaColumn>& columns,
                               const std::vector<std::string>& partitionColumns = {}) const;
  /// Delta stats (numRecords, minValues, maxValues, nullCount) of one Parquet file.
  static Json statsFor(DuckDbConnection& conn, const std::filesystem::path& file,
                       const std::vector<DeltaColumn>& columns);
  /// Rows recorded in the stats of add actions.
  [[nodiscard]] static std::int64_t recordsOf(const std::vector<Json>& adds);
  /// Bytes of add actions.
  [[nodiscard]] static std::int64_t bytesOf(const std::vector<Json>& adds);
  /// Partition columns of a snapshot.
  [[nodiscard]] static std::vector<std::string> partitionColumnsOf(const DeltaSnapshot& s);
  /// Commits `actions` as version `read.version + 1` with a commitInfo for `operation`.
  /// Returns the new version; Conflict when another writer committed it first.
  std::int64_t commit(const DeltaSnapshot& read, const std::string& operation,
                      const Json& parameters, const std::vector<Json>& actions, const Json& metrics,
                      bool blindAppend = false) const;
  /// Total bytes of the live files of `s`.
  [[nodiscard]] static std::int64_t sizeOf(const DeltaSnapshot& s);
  /// Rows of a snapshot from its files' statistics (numRecords, less each deletion vector's
  /// cardinality), without reading data; nullopt when a live file has no numRecords.
  [[nodiscard]] static std::optional<std::int64_t> rowsOf(const DeltaSnapshot& s);
  /// Writes the rows of `duckdbSelect` (the columns `cols`, then `_change_type`) as one change
  /// data file under `_change_data/`, all columns in the file, and returns its `cdc` action;
  /// nothing when there are no rows.
  [[nodiscard]] std::optional<Json> writeChangeFile(DuckDbConnection& conn,
                                                    std::string_view duckdbSelect,
                                                    const std::vector<DeltaColumn>& cols) const;
  /// Remove actions for every live file of `s`.
  [[nodiscard]] static std::vector<Json> removeAll(const DeltaSnapshot& s);
  /// A remove action for one add action.
  [[nodiscard]] static Json removeFor(const Json& add);
  /// A metaData action like `s`'s with a new schema, configuration and description.
  [[nodiscard]] static Json metadataWith(const DeltaSnapshot& s,
                                         const std::vector<DeltaColumn>& columns,
                                         const Json& configuration, const std::string& description);

  /// A DuckDB relation expression reading the table at `version` (latest when nullopt).
  [[nodiscard]] std::string scan(std::optional<std::int64_t> version = std::nullopt) const;
  /// A DuckDB relation expression reading snapshot `s`: a parenthesised SELECT of the
  /// table's columns in order, then, with `withFile`, `__clxs_file`: the data file each row
  /// is in (as fileFor names it). Throws [DELTA_FILE_NOT_FOUND] when a data file is missing.
  [[nodiscard]] std::string scan(const DeltaSnapshot& s, bool withFile = false) const;
  /// Where a deletion vector descriptor's bitmap is: its file's path, or the inline Z85 text.
  [[nodiscard]] std::string deletionVectorWhere(const Json& dv) const;
  /// The row positions an add action's deletion vector marks deleted (none without one).
  [[nodiscard]] deletion_vector::Positions deletedPositions(const Json& add) const;
  /// Writes `positions` as a new deletion vector file of the table; returns its descriptor.
  [[nodiscard]] Json writeDeletionVector(const deletion_vector::Positions& positions) const;
  /// The rows of `file` its add action's deletion vector keeps, as a SELECT of the table's
  /// columns (partition values from the action), then `__clxs_file` with `withFile`.
  [[nodiscard]] std::string deletedRowsLeftOut(const std::filesystem::path& file, const Json& add,
                                               const std::vector<DeltaColumn>& cols,
                                               const std::vector<std::string>& partitions,
                                               bool withFile) const;
  /// Columns from the table's schema at `version`.
  [[nodiscard]] std::vector<DeltaColumn> columns(
      std::optional<std::int64_t> version = std::nullopt) const;
  /// Columns of a snapshot's schema.
  [[nodiscard]] static std::vector<DeltaColumn> columnsOf(const DeltaSnapshot& s);
  /// Commit `version` of a snapshot as DESCRIBE HISTORY shows it (the snapshot keeps every
  /// commitInfo, so no file is read).
  [[nodiscard]] static HistoryEntry commitOf(const DeltaSnapshot& s, std::int64_t version);
  /// Absolute path of a file named in an add or remove action.
  [[nodiscard]] std::filesystem::path fileFor(const std::string& decodedPath) const;
  /// The table directory.
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  /// The log.
  [[nodiscard]] const DeltaLog& log() const { return log_; }
  /// Recorded as commitInfo userName on the commits this handle writes.
  std::string commitUser;

 private:
  std::filesystem::path root_;
  DuckDbEngine& engine_;
  DeltaLog log_;
};

/// Milliseconds since the epoch, now.
std::int64_t deltaNowMs();

/// The positions of a deletion vector stored at `where` (a file, or the Z85 text of an inline
/// one for storage type `i`) at `offset`, `size` bytes. Throws on a missing or damaged one.
deletion_vector::Positions readDeletionVector(const std::string& where, const std::string& storage,
                                              std::int32_t offset, std::int32_t size);

}  // namespace clxs::kernel
