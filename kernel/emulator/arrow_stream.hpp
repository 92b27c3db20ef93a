// Statement results in the ARROW_STREAM format: an Apache Arrow IPC stream (schema message,
// one record batch, end-of-stream marker) per result chunk, with the columns typed as
// Databricks types them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::emulator {

/// The Arrow IPC stream of rows [first, first + count) of `rows` (JSON_ARRAY values: strings
/// or null). Integers, floating point, BOOLEAN, DECIMAL(p,s) (128-bit), DATE (days) and
/// TIMESTAMP / TIMESTAMP_NTZ (microseconds, UTC for TIMESTAMP) are typed; every other type
/// (strings, binary, intervals, arrays, maps, structs) is a Utf8 column of the JSON_ARRAY text.
/// Throws std::invalid_argument for a value that does not parse as its column's type.
std::string arrowStream(const std::vector<ResultColumn>& columns, const std::vector<Json>& rows,
                        std::size_t first, std::size_t count);

}  // namespace clxs::kernel::emulator
