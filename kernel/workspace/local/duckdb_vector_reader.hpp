// Reading DuckDB result vectors into Json, for the values the row-by-row value API cannot
// read: arrays, maps and structs, nested to any depth, with every leaf type inside them. Only
// duckdb_engine.cpp includes this (it brings in the C API header).
#pragma once

#include <duckdb.h>

#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// The value at `row` of `vector`: arrays as JSON arrays, structs as objects in field order,
/// maps as objects keyed by the key's text, decimals and 128-bit integers as exact text,
/// dates as `2024-01-31`, timestamps without zone as `2024-01-31 10:00:00[.ffffff]`, with a
/// zone as `2024-01-31T10:00:00.000Z` (UTC), binary as its bytes, NULL as null.
Json vectorValue(duckdb_vector vector, idx_t row);

/// The Databricks name of a DuckDB type: `INT`, `STRING`, `ARRAY<INT>`,
/// `MAP<STRING, INT>`, `STRUCT<a: INT, b: STRING>`, `DECIMAL(10,2)`.
std::string databricksTypeOf(duckdb_logical_type type);

}  // namespace clxs::kernel
