// Statement results in the JSON_ARRAY, CSV and ARROW_STREAM wire formats: every value a
// string (typed again for Arrow), the manifest with Databricks type names, and the rows cut
// into chunks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::emulator {

/// The ColumnTypeName enum value for a local type text ("DECIMAL(10,2)" → "DECIMAL",
/// "BIGINT" → "LONG", unknown → "STRING").
std::string columnTypeName(std::string_view typeText);

/// The precision and scale of "DECIMAL(p,s)"; false (both left alone) for other type texts.
bool decimalPrecision(const std::string& typeText, int& precision, int& scale);

/// A value as JSON_ARRAY sends it: null stays null, strings as they are, numbers as their
/// JSON text, booleans "true"/"false", arrays and objects as their JSON text.
Json encodeValue(const Json& value);

/// The format result chunks are served in.
enum class ResultFormat {
  JsonArray,    ///< JSON array of arrays of strings and nulls
  Csv,          ///< RFC 4180 text, nulls as `null`, the header row in the first chunk only
  ArrowStream,  ///< an Apache Arrow IPC stream per chunk (arrow_stream.hpp)
};

/// A finished result, encoded once and then served chunk by chunk.
class EncodedResult {
 public:
  /// Encodes `result`; chunks hold `chunkRows` rows (at least 1); `truncated` is reported in
  /// the manifest (rows were dropped by row_limit). With `byteLimit`, rows past the first
  /// that would take the JSON text of the rows beyond it are dropped (and `truncated` set).
  EncodedResult(const ResultSet& result, std::size_t chunkRows, bool truncated = false,
                ResultFormat format = ResultFormat::JsonArray,
                std::optional<std::size_t> byteLimit = std::nullopt);

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
  /// The chunk as an external link downloads it: JSON text, CSV text or an Arrow stream.
  [[nodiscard]] std::string chunkText(std::size_t index) const;
  /// Bytes of chunkText(index).
  [[nodiscard]] std::size_t chunkByteCount(std::size_t index) const;
  /// Bytes of every chunk's text.
  [[nodiscard]] std::size_t totalByteCount() const;
  /// The format chunks are served in.
  [[nodiscard]] ResultFormat format() const { return format_; }
  /// The manifest {format, schema{column_count, columns}, total_chunk_count,
  /// total_row_count, chunks, truncated}; `withBytes` adds byte counts (EXTERNAL_LINKS).
  [[nodiscard]] Json manifest(bool withBytes) const;

 private:
  std::vector<ResultColumn> columns_;
  std::vector<Json> rows_;
  std::size_t chunkRows_;
  bool truncated_;
  ResultFormat format_;
  std::vector<std::size_t> chunkBytes_;  // text size of each chunk, computed once
};

}  // namespace clxs::kernel::emulator
