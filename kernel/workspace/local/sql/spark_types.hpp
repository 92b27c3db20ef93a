// Databricks type specifications (`ARRAY<INT>`, `MAP<STRING, BIGINT>`,
// `STRUCT<a: INT, b: ARRAY<STRING>>`, `DECIMAL(10,2)`) as DuckDB writes them, for CAST targets
// and for the schemas that from_json takes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

/// A simple (not nested) Databricks type name in DuckDB's words: LONG → BIGINT, STRING →
/// VARCHAR, TIMESTAMP → TIMESTAMPTZ, TIMESTAMP_NTZ → TIMESTAMP; other names upper-cased.
std::string duckdbSimpleType(std::string_view name);

/// Reads the type starting at `toks[i]` (before `to`) and returns it in DuckDB's syntax
/// (`INTEGER[]`, `MAP(VARCHAR, BIGINT)`, `STRUCT("a" INTEGER)`); `i` moves past it. Throws
/// PARSE_SYNTAX_ERROR when the tokens are not a type.
std::string duckdbTypeSpec(const std::vector<Token>& toks, std::size_t& i, std::size_t to);

/// A from_json schema (`a INT, b ARRAY<STRING>` or `STRUCT<…>`, or one type such as
/// `ARRAY<INT>`) as the JSON structure DuckDB's from_json takes.
std::string duckdbJsonStructure(std::string_view schema);

}  // namespace clxs::kernel
