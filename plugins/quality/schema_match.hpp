// has_valid_schema: a table's columns against an expected schema (a DDL string such as
// "id INT, name STRING NOT NULL" or another table's columns), as DQX compares them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace/types.hpp"

namespace clxs::quality {

/// Parses a schema in DDL ("name TYPE [NOT NULL] [COMMENT '…'], …"; types as Databricks
/// writes them, nested ARRAY<…>, MAP<…,…> and STRUCT<name: TYPE, …> too). Throws HttpError
/// 422 at {"body","arguments","expected_schema"} with what could not be read.
std::vector<ColumnInfo> parseSchemaDdl(std::string_view ddl);

/// What differs between `actual` and `expected`, one sentence per difference (empty when
/// they match). Permissive (strict false): every expected column exists in `actual`, with a
/// compatible type (all numeric types are compatible, all string types, all date and time
/// types; arrays, maps and structs element by element). Strict: the same columns in the same
/// order with the same types and nullability. Column names compare case-insensitively, as
/// Unity Catalog's do.
std::vector<std::string> schemaDifferences(const std::vector<ColumnInfo>& actual,
                                           const std::vector<ColumnInfo>& expected, bool strict);

}  // namespace clxs::quality
