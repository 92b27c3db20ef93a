// A Delta table written and read through DuckDB: Parquet data files plus the Delta log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "kernel/workspace/local/delta_log.hpp"
#include "kernel/workspace/local/duckdb_engine.hpp"

namespace clxs::kernel {

/// A column in Delta's type vocabulary ("long", "string", "decimal(10,2)", ...).
struct DeltaColumn {
  std::string name;      ///< column name
  std::string type;      ///< Delta primitive type name
  bool nullable = true;  ///< false: NOT NULL invariant
};

/// One table directory. Writers of one table must be serialised by the caller; the log's
/// put-if-absent still turns a lost race into a Conflict error rather than corruption.
class DeltaTable {
 public:
  /// `root` is the table directory; `engine` runs the Parquet reads and writes.
  DeltaTable(std::filesystem::path root, DuckDbEngine& engine);

  /// Creates version 0 (protocol 1/2, metaData, CREATE TABLE commitInfo). Throws
  /// WorkspaceError Conflict when the table exists.
  void create(const std::vector<DeltaColumn>& columns, const Json& configuration = Json::object(),
              const std::string& name = {});
  /// Writes the rows of a DuckDB query as one Parquet file (data first, then the commit)
  /// and commits a WRITE (Append). Returns the new version; no commit for zero rows.
  std::int64_t append(std::string_view duckdbSelect);
  /// A DuckDB relation expression reading the table at `version` (latest when nullopt).
  [[nodiscard]] std::string scan(std::optional<std::int64_t> version = std::nullopt) const;
  /// Columns from the table's schema at `version`.
  [[nodiscard]] std::vector<DeltaColumn> columns(
      std::optional<std::int64_t> version = std::nullopt) const;
  /// The log.
  [[nodiscard]] const DeltaLog& log() const { return log_; }

 private:
  std::filesystem::path root_;
  DuckDbEngine& engine_;
  DeltaLog log_;
};

/// DuckDB type for a Delta type ("long" → BIGINT, "timestamp" → TIMESTAMPTZ).
std::string duckdbTypeFor(const std::string& deltaType);
/// A DuckDB string literal ('' doubles quotes).
std::string duckdbLiteral(std::string_view text);
/// A DuckDB quoted identifier ("" doubles quotes).
std::string duckdbIdentifier(std::string_view name);

}  // namespace clxs::kernel
