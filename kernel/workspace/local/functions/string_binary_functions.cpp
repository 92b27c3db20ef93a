// The string functions whose Spark forms take STRING and BINARY alike, as engine functions
// with one form per type: a STRING counts characters (UTF-8 code points), a BINARY bytes.
// DuckDB's own functions of these names take STRING only, and it has no padding, trimming or
// slicing of BLOBs. Positions and lengths follow Spark's substringSQL, lpad, rpad and trim.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"

namespace clxs::kernel {

namespace {

enum class Unit { Character, Byte };

// Offsets of each unit's start in `s`, plus s.size() at the end.
std::vector<std::size_t> unitStarts(std::string_view s, Unit unit) {
  std::vector<std::size_t> out;
  out.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (unit == Unit::Byte || (c & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

std::int64_t unitCount(std::string_view s, Unit unit) {
  if (unit == Unit::Byte) return static_cast<std::int64_t>(s.size());
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// Units [from, to) of `s`, both clamped to its length.
std::string_view unitSlice(std::string_view s, Unit unit, std::int64_t from, std::int64_t to) {
  const auto starts = unitStarts(s, unit);
  const auto n = static_cast<std::int64_t>(starts.size() - 1);
  from = std::clamp<std::int64_t>(from, 0, n);
  to = std::clamp<std::int64_t>(to, from, n);
  return s.substr(starts[from], starts[to] - starts[from]);
}

// Spark's substringSQL: 1-based `pos`, 0 taken as 1, a negative one counted from the end; a
// start before the beginning shortens the slice.
std::string_view substringSql(std::string_view s, Unit unit, std::int64_t pos, std::int64_t len) {
  const std::int64_t n = unitCount(s, unit);
  std::int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
  const std::int64_t end =
      len > std::numeric_limits<std::int64_t>::max() - std::max<std::int64_t>(start, 0)
          ? std::numeric_limits<std::int64_t>::max()
          : start + len;
  start = std::max<std::int64_t>(start, 0);
  if (start >= end) return {};
  return unitSlice(s, unit, start, end);
}

// Spark's lpad and rpad: `s` cut to `len` units, or filled to it with repeats of `pad` (an
// empty pad fills nothing).
std::string padded(std::string_view s, Unit unit, std::int64_t len, std::string_view pad,
                   bool left) {
  const std::int64_t have = unitCount(s, unit);
  if (len <= 0) return {};
  if (have >= len || pad.empty()) return std::string(unitSlice(s, unit, 0, len));
  std::int64_t missing = len - have;
  const std::int64_t padUnits = unitCount(pad, unit);
  std::string fill;
  while (missing >= padUnits) {
    fill += pad;
    missing -= padUnits;
  }
  fill += unitSlice(pad, unit, 0, missing);
  return left ? fill + std::string(s) : std::string(s) + fill;
}

enum class Side : std::int32_t { Both = 0, Leading = 1, Trailing = 2 };

// Spark's trim with a set: the units of `chars` removed from the chosen ends.
std::string_view trimmed(std::string_view s, Unit unit, std::string_view chars, Side side) {
  const auto starts = unitStarts(s, unit);
  const auto unitAt = [&](std::size_t i) { return s.substr(starts[i], starts[i + 1] - starts[i]); };
  const auto inSet = [&](std::string_view u) {
    const auto set = unitStarts(chars, unit);
    for (std::size_t i = 0; i + 1 < set.size(); ++i) {
      if (chars.substr(set[i], set[i + 1] - set[i]) == u) return true;
    }
    return false;
  };
  std::size_t from = 0;
  std::size_t to = starts.size() - 1;
  if (side != Side::Trailing) {
    while (from < to && inSet(unitAt(from))) ++from;
  }
  if (side != Side::Leading) {
    while (to > from && inSet(unitAt(to - 1))) --to;
  }
  return s.substr(starts[from], starts[to] - starts[from]);
}

template <class T>
T argAt(duckdb_data_chunk input, idx_t column, idx_t row) {
  return vectorAt<T>(duckdb_data_chunk_get_vector(input, column), row);
}

std::string_view textAt(duckdb_data_chunk input, idx_t column, idx_t row) {
  return bytesAt(duckdb_data_chunk_get_vector(input, column), row);
}

// Runs `each(row)` for the rows whose arguments are all non-NULL; the others are NULL.
template <class Each>
void forRows(duckdb_data_chunk input, duckdb_vector output, Each each) {
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    if (rowHasValues(input, r, output)) each(r);
  }
}

void assign(duckdb_vector output, idx_t row, std::string_view value) {
  duckdb_vector_assign_string_element_len(output, row, value.data(), value.size());
}

template <Unit kUnit>
void lengthRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<std::int32_t*>(duckdb_vector_get_data(output));
  forRows(input, output, [&](idx_t r) {
    out[r] = static_cast<std::int32_t>(unitCount(textAt(input, 0, r), kUnit));
  });
}

template <Unit kUnit>
void substringRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  const bool hasLength = duckdb_data_chunk_get_column_count(input) > 2;
  forRows(input, output, [&](idx_t r) {
    const std::int64_t len =
        hasLength ? argAt<std::int64_t>(input, 2, r) : std::numeric_limits<std::int64_t>::max();
    assign(output, r,
           substringSql(textAt(input, 0, r), kUnit, argAt<std::int64_t>(input, 1, r), len));
  });
}

template <Unit kUnit, bool kLeft>
void padRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  const bool hasPad = duckdb_data_chunk_get_column_count(input) > 2;
  // Spark pads a STRING with spaces and a BINARY with zero bytes unless told.
  const std::string_view fallback = kUnit == Unit::Byte ? std::string_view("\0", 1) : " ";
  forRows(input, output, [&](idx_t r) {
    const std::string_view pad = hasPad ? textAt(input, 2, r) : fallback;
    assign(output, r,
           padded(textAt(input, 0, r), kUnit, argAt<std::int64_t>(input, 1, r), pad, kLeft));
  });
}

template <Unit kUnit>
void trimRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  forRows(input, output, [&](idx_t r) {
    const auto side = static_cast<Side>(argAt<std::int32_t>(input, 2, r));
    assign(output, r, trimmed(textAt(input, 0, r), kUnit, textAt(input, 1, r), side));
  });
}

template <bool kStarts>
void affixRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  forRows(input, output, [&](idx_t r) {
    const std::string_view s = textAt(input, 0, r);
    const std::string_view affix = textAt(input, 1, r);
    out[r] = kStarts ? s.starts_with(affix) : s.ends_with(affix);
  });
}

}  // namespace

void registerStringBinaryFunctions(duckdb_connection conn) {
  constexpr auto kText = DUCKDB_TYPE_VARCHAR;
  constexpr auto kBytes = DUCKDB_TYPE_BLOB;
  constexpr auto kLong = DUCKDB_TYPE_BIGINT;
  constexpr auto kInt = DUCKDB_TYPE_INTEGER;
  registerEngineFunction(
      conn, "clxs_spark_length",
      {{{kText}, kInt, lengthRows<Unit::Character>}, {{kBytes}, kInt, lengthRows<Unit::Byte>}});
  registerEngineFunction(conn, "clxs_spark_substring",
                         {{{kText, kLong}, kText, substringRows<Unit::Character>},
                          {{kText, kLong, kLong}, kText, substringRows<Unit::Character>},
                          {{kBytes, kLong}, kBytes, substringRows<Unit::Byte>},
                          {{kBytes, kLong, kLong}, kBytes, substringRows<Unit::Byte>}});
  registerEngineFunction(conn, "clxs_spark_lpad",
                         {{{kText, kLong}, kText, padRows<Unit::Character, true>},
                          {{kText, kLong, kText}, kText, padRows<Unit::Character, true>},
                          {{kBytes, kLong}, kBytes, padRows<Unit::Byte, true>},
                          {{kBytes, kLong, kBytes}, kBytes, padRows<Unit::Byte, true>}});
  registerEngineFunction(conn, "clxs_spark_rpad",
                         {{{kText, kLong}, kText, padRows<Unit::Character, false>},
                          {{kText, kLong, kText}, kText, padRows<Unit::Character, false>},
                          {{kBytes, kLong}, kBytes, padRows<Unit::Byte, false>},
                          {{kBytes, kLong, kBytes}, kBytes, padRows<Unit::Byte, false>}});
  registerEngineFunction(conn, "clxs_spark_trim",
                         {{{kText, kText, kInt}, kText, trimRows<Unit::Character>},
                          {{kBytes, kBytes, kInt}, kBytes, trimRows<Unit::Byte>}});
  registerEngineFunction(conn, "clxs_spark_startswith",
                         {{{kText, kText}, DUCKDB_TYPE_BOOLEAN, affixRows<true>},
                          {{kBytes, kBytes}, DUCKDB_TYPE_BOOLEAN, affixRows<true>}});
  registerEngineFunction(conn, "clxs_spark_endswith",
                         {{{kText, kText}, DUCKDB_TYPE_BOOLEAN, affixRows<false>},
                          {{kBytes, kBytes}, DUCKDB_TYPE_BOOLEAN, affixRows<false>}});
}

}  // namespace clxs::kernel
