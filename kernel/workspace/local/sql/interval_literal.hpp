// Spark's interval literals, which DuckDB reads only in part: `INTERVAL '1-2' YEAR TO MONTH`,
// `INTERVAL '1 12:30:01.5' DAY TO SECOND` (and the other ANSI field ranges), a sign before the
// string (`INTERVAL -'100' YEAR`) and several units in a row (`INTERVAL 5 days 3 hours`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

/// An interval's three parts, as DuckDB keeps one.
struct IntervalValue {
  std::int64_t months = 0;  ///< years and months
  std::int64_t days = 0;    ///< days (a day-time interval's whole days)
  std::int64_t micros = 0;  ///< the rest, under a day for a day-time interval
};

/// Reads the interval literal whose INTERVAL keyword is `toks[i]` (before `to`). Returns its
/// value and moves `i` to its last token, or returns nothing (and leaves `i`) for a form DuckDB
/// reads as it is. Throws Databricks' INVALID_INTERVAL_FORMAT for a malformed literal.
std::optional<IntervalValue> readIntervalLiteral(const std::vector<Token>& toks, std::size_t& i,
                                                 std::size_t to);

/// The value as a DuckDB interval expression.
std::string duckdbInterval(const IntervalValue& v);

}  // namespace clxs::kernel
