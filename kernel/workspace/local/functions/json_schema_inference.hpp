// Spark's `schema_of_json`: the type Spark's JSON reader infers for one document (JsonInferSchema
// with the default options), printed as Spark's DDL ('ARRAY<STRUCT<col: BIGINT>>'). The text is
// what users paste into from_json, so it must equal Spark's character for character: field
// order, merged element types, backquoting and the odd corners (an empty string counts as null,
// an empty object vanishes) included.
#pragma once

#include <string>
#include <string_view>

namespace clxs::kernel {

/// schema_of_json(json) with the default options. Integers are BIGINT, or DECIMAL(p,0) past
/// BIGINT's range (DOUBLE past 38 digits); numbers with a fraction or an exponent, NaN and the
/// infinities are DOUBLE; strings STRING; true/false BOOLEAN; null and "" stay open and end up
/// STRING. Objects are STRUCT<...> with their fields sorted by name, and arrays ARRAY<T> with
/// the element types merged as Spark merges them (BIGINT with DOUBLE is DOUBLE, a conflict is
/// STRING, structs take the union of their fields). Spark's reader is lenient by default, and so
/// is this: single-quoted strings, NaN/Infinity, and anything after the first complete value.
/// Blank text is STRING, as in Spark. Throws std::invalid_argument for text Spark's parser
/// rejects, nesting past Jackson's 1000 levels included.
std::string sparkSchemaOfJson(std::string_view json);

}  // namespace clxs::kernel
