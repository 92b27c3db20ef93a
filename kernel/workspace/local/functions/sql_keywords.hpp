// Spark's `sql_keywords()` table function: one row per keyword of Spark 4.1's SQL grammar, with
// whether it is reserved. Spark lists the literal of every lexer token that is a single word
// (so 'X' of X'FF' is there, while RLIKE/REGEXP and TEMPORARY/TEMP, each two spellings of one
// token, are not), sorted as Java sorts strings, and calls a keyword reserved when it cannot
// be parsed as a table name. That depends on spark.sql.ansi.enforceReservedKeywords, which is
// off by default (as in Databricks, which reserves no word outright): then no keyword is.
#pragma once

#include <span>
#include <string_view>

namespace clxs::kernel {

/// One row of sql_keywords(): keyword STRING NOT NULL, reserved BOOLEAN NOT NULL.
struct SqlKeyword {
  /// The keyword, upper case.
  std::string_view keyword;
  /// Whether it is reserved: it cannot name a table without backquotes.
  bool reserved;
};

/// sql_keywords()'s rows in Spark's order (ADD, AFTER, AGGREGATE, ...). `reserved` is all false
/// under Spark's defaults; `enforceReservedKeywords` (ANSI mode with
/// spark.sql.ansi.enforceReservedKeywords on) marks the ANSI reserved words instead (ALL, AND,
/// AS, ..., SELECT, ...). The rows are static: the span stays valid for the program's life.
std::span<const SqlKeyword> sqlKeywords(bool enforceReservedKeywords = false);

}  // namespace clxs::kernel
