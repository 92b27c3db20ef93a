// Turns a Statement Execution result (JSON_ARRAY: every value a string) into typed rows,
// using the column types of the statement's manifest.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::databricks {

/// How a column's string values become JSON values.
enum class ValueKind {
  Integer,  ///< LONG, INT, SHORT, BYTE
  Float,    ///< DOUBLE, FLOAT ("NaN" and "Infinity" stay strings)
  Decimal,  ///< DECIMAL: the JSON number of the text
  Boolean,  ///< BOOLEAN
  Nested,   ///< ARRAY, MAP, STRUCT: the parsed JSON text
  Null,     ///< NULL
  Text,     ///< everything else (STRING, DATE, TIMESTAMP, BINARY, INTERVAL, ...)
};

/// The kind of a `type_name` (ASCII case ignored).
ValueKind valueKind(const std::string& typeName);

/// One value of a column of `kind`; a value that does not parse stays a string.
Json decodeValue(const Json& value, ValueKind kind);

/// Decodes the rows of one statement.
class ResultDecoder {
 public:
  /// Reads `manifest.schema.columns` (absent: no columns).
  explicit ResultDecoder(const Json& manifest);
  /// The result columns, in position order.
  [[nodiscard]] const std::vector<ResultColumn>& columns() const { return columns_; }
  /// Appends the rows of a `data_array` (or a downloaded JSON_ARRAY chunk) to `rows`.
  void append(const Json& dataArray, std::vector<std::vector<Json>>& rows) const;

 private:
  std::vector<ResultColumn> columns_;
  std::vector<ValueKind> kinds_;
};

}  // namespace clxs::kernel::databricks
