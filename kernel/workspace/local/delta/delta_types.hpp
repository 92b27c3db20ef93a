// Column types in their three spellings: Databricks SQL (`BIGINT`, `ARRAY<INT>`,
// `STRUCT<a: INT>`), the Delta log's (`long`; an array, map or struct as the protocol's JSON
// object) and DuckDB's (`BIGINT`, `INTEGER[]`, `STRUCT("a" INTEGER)`). A DeltaColumn keeps the
// Delta type as text: a primitive's name, or a nested type's JSON object written out.
#pragma once

#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Delta type for a Databricks SQL type ("BIGINT"/"LONG" → "long", "DECIMAL(10,2)" →
/// "decimal(10,2)", "ARRAY<INT>" → `{"type":"array","elementType":"integer",…}` as text).
/// Throws [UNSUPPORTED_DATATYPE] for types the local engine cannot store.
std::string deltaTypeFor(std::string_view databricksType);
/// Databricks display type for a Delta type ("long" → "bigint", an array of integers →
/// "array<int>", a struct → "struct<a:int,b:string>").
std::string databricksTypeFor(const std::string& deltaType);
/// DuckDB type for a Delta type ("long" → BIGINT, "timestamp" → TIMESTAMPTZ, an array of
/// integers → INTEGER[]).
std::string duckdbTypeFor(const std::string& deltaType);
/// The Delta type as the schema's JSON holds it: a primitive's name, a nested type's object.
Json deltaTypeJson(const std::string& deltaType);

}  // namespace clxs::kernel
