// Reading DuckDB result vectors into Json, for the values the row-by-row value API cannot
// read: arrays, maps and structs, nested to any depth, with every leaf type inside them; and
// the small helpers the engine functions read vectors with. Only the engine's own files
// include this (it brings in the C API header).
#pragma once

#include <duckdb.h>

#include <cstring>
#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Owns a logical type the C API handed out.
class TypeHandle {
 public:
  explicit TypeHandle(duckdb_logical_type t) : t_(t) {}
  ~TypeHandle() {
    if (t_ != nullptr) duckdb_destroy_logical_type(&t_);
  }
  TypeHandle(const TypeHandle&) = delete;
  TypeHandle& operator=(const TypeHandle&) = delete;
  /// The type, still owned here.
  [[nodiscard]] duckdb_logical_type get() const { return t_; }

 private:
  duckdb_logical_type t_;
};

/// The value at `row` of a flat vector whose rows are `T`s (read without aliasing the data).
template <class T>
T vectorAt(duckdb_vector vector, idx_t row) {
  T value;
  std::memcpy(&value, static_cast<const char*>(duckdb_vector_get_data(vector)) + row * sizeof(T),
              sizeof(T));
  return value;
}

/// A DuckDB HUGEINT as a 128-bit integer.
__int128 hugeint(const duckdb_hugeint& h);

/// The unscaled integer of the DECIMAL at `row` of `vector` (of type `type`), whatever width
/// the engine keeps it in.
__int128 unscaledDecimal(duckdb_vector vector, duckdb_logical_type type, idx_t row);

/// Exact decimal text of a 128-bit integer.
std::string int128Text(__int128 v);

/// `unscaled` with `scale` digits after the point: 12345, 2 -> "123.45"; -5, 2 -> "-0.05".
std::string decimalText(__int128 unscaled, int scale);

/// The value at `row` of `vector`: arrays as JSON arrays, structs as objects in field order,
/// maps as objects keyed by the key's text, decimals and 128-bit integers as exact text,
/// dates as `2024-01-31`, timestamps without zone as `2024-01-31 10:00:00[.ffffff]`, with a
/// zone as `2024-01-31T10:00:00.000Z` (UTC), binary as its bytes, NULL as null.
Json vectorValue(duckdb_vector vector, idx_t row);

/// The Databricks name of a DuckDB type: `INT`, `STRING`, `ARRAY<INT>`,
/// `MAP<STRING, INT>`, `STRUCT<a: INT, b: STRING>`, `DECIMAL(10,2)`.
std::string databricksTypeOf(duckdb_logical_type type);

/// The name Spark's typeof gives a DuckDB type: `int`, `array<int>`, `map<string,int>`,
/// `struct<a:int,b:string>` (lower case, no spaces; field names as they are).
std::string sparkSimpleTypeName(duckdb_logical_type type);

}  // namespace clxs::kernel
