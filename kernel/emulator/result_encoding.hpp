// Statement results in the JSON_ARRAY wire format: every value a string, the manifest with
// Databricks type names, and the rows cut into chunks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::emulator {

/// The ColumnTypeName enum value for a local type text ("DECIMAL(10,2)" → "DECIMAL",
/// "BIGINT" → "LONG", unknown → "STRING").
std::string columnTypeName(std::string_view typeText);

/// A value as JSON_ARRAY sends it: null stays null, strings as they are, numbers as their
/// JSON text, booleans "true"/"false", arrays and objects as their JSON text.
Json encodeValue(const Json& value);

/// A finished result, encoded once and then served chunk by chunk.
class EncodedResult {
 public:
  /// Encodes `result`; chunks hold `chunkRows` rows (at least 1); `truncated` is reported in
  /// the manifest (rows were dropped by row_limit).
  EncodedResult(const ResultSet& result, std::size_t chunkRows, bool truncated = false);

  /// Number of chunks (0 when there are no rows).
  [[nodiscard]] std::size_t chunkCount() const;
  /// Total rows.
  [[nodiscard]] std::size_t rowCount() const { return rows_.size(); }
  /// First row of chunk `index`.
  [[nodiscard]] std::size_t rowOffset(std::size_t index) const { return index * chunkRows_; }
  /// Rows in chunk `index` (0 past the end).
  [[nodiscard]] std::size_t chunkRowCount(std::size_t index) const;
  /// The rows of chunk `index` as a JSON array of arrays.
  [[nodiscard]] Json dataArray(std::size_t index) const;
  /// Bytes of the chunk's JSON text (what an external link downloads).
  [[nodiscard]] std::size_t chunkByteCount(std::size_t index) const;
  /// The manifest {format, schema{column_count, columns}, total_chunk_count,
  /// total_row_count, chunks, truncated}; `withBytes` adds byte counts (EXTERNAL_LINKS).
  [[nodiscard]] Json manifest(bool withBytes) const;

 private:
  std::vector<ResultColumn> columns_;
  std::vector<Json> rows_;
  std::size_t chunkRows_;
  bool truncated_;
  std::vector<std::size_t> chunkBytes_;  // JSON text size of each chunk, computed once
};

}  // namespace clxs::kernel::emulator
