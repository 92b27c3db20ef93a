// The body of POST /api/2.0/sql/statements, checked the way the real API checks it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/emulator/result_encoding.hpp"

namespace clxs::kernel::emulator {

/// Where results go.
enum class Disposition {
  Inline,         ///< data_array in the response
  ExternalLinks,  ///< pre-signed links the client downloads without its token
};

/// A checked ExecuteStatementRequest.
struct StatementRequest {
  std::string statement;                          ///< SQL text
  std::string warehouseId;                        ///< warehouse to run on
  std::optional<std::string> catalog;             ///< default catalog
  std::optional<std::string> schema;              ///< default schema
  std::vector<SqlParam> parameters;               ///< named parameters
  std::chrono::seconds waitTimeout{10};           ///< 0, or 5..50 s
  bool cancelOnTimeout = false;                   ///< on_wait_timeout=CANCEL
  Disposition disposition = Disposition::Inline;  ///< INLINE or EXTERNAL_LINKS
  ResultFormat format = ResultFormat::JsonArray;  ///< JSON_ARRAY; CSV, ARROW_STREAM with links
  std::optional<std::size_t> rowLimit;            ///< row_limit
  std::optional<std::size_t> byteLimit;           ///< byte_limit
};

/// Checks and converts a request body; throws ApiError 400 INVALID_PARAMETER_VALUE naming
/// the bad field.
StatementRequest parseStatementRequest(const Json& body);

/// "0s" or "5s".."50s" → seconds; throws ApiError 400 otherwise.
std::chrono::seconds parseWaitTimeout(const std::string& text);

/// One {name, value?, type?} parameter as a SqlParam: integer types become integers,
/// DOUBLE/FLOAT/DECIMAL numbers, BOOLEAN booleans, anything else a string; an absent or
/// null value is NULL. Throws ApiError 400 when the value does not fit the type.
SqlParam convertParameter(const Json& parameter);

}  // namespace clxs::kernel::emulator
