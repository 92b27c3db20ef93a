// JSON text as Spark reads it: malformed input gives NULL rather than an error, paths are
// `$.a.b[0]`, from_json takes a Databricks schema (`a INT, b ARRAY<STRING>`).
#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"
#include "kernel/workspace/local/sql/spark_types.hpp"

namespace clxs::kernel {

namespace {

std::string fromJson(const FunctionArgs& a) {
  std::string schema;
  if (!literalText(a[1], schema)) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_SCHEMA.NON_STRING_LITERAL] The input schema is not a valid "
                         "schema string: it must be a string literal. SQLSTATE: 42K07");
  }
  return "CASE WHEN json_valid((" + a[0] + ")) THEN from_json((" + a[0] + "), " +
         duckdbLiteral(duckdbJsonStructure(schema)) + ") END";
}

// to_json(value[, options]): with the option sortKeys true, every object's keys in order.
std::string toJson(const FunctionArgs& a) {
  const std::string json = "CAST(to_json(" + a[0] + ") AS VARCHAR)";
  const auto sortKeys = a.size() > 1 ? optionValue(a[1], "sortKeys") : std::nullopt;
  if (sortKeys && lowerAscii(*sortKeys) == "true") return "clxs_spark_sorted_json(" + json + ")";
  return json;
}

// A field of a JSON object as json_tuple gives it: a string's value, other values as JSON
// text, NULL for a missing field, JSON null or text that is not an object.
std::string jsonField(const std::string& json, const std::string& name) {
  // Nested, not AND: the engine evaluates both sides of an AND, and json_type fails on text
  // that is not JSON.
  return "CASE WHEN json_valid((" + json + ")) THEN CASE WHEN json_type((" + json +
         ")) = 'OBJECT' THEN json_extract_string((" + json + "), (" + name + ")) END END";
}

}  // namespace

std::string jsonTupleColumns(const FunctionArgs& a) {
  std::string fields;
  for (std::size_t i = 1; i < a.size(); ++i) {
    fields += (i > 1 ? ", " : "") + jsonField(a[0], a[i]);
  }
  return fields;
}

namespace {

// json_tuple(json, k1, k2, …): one row with a column per key, named c0, c1, …
std::string jsonTuple(const FunctionArgs& a) {
  std::string fields;
  for (std::size_t i = 1; i < a.size(); ++i) {
    fields += (i > 1 ? ", " : "") + std::string("c") + std::to_string(i - 1) +
              " := " + jsonField(a[0], a[i]);
  }
  return "unnest([struct_pack(" + fields + ")], recursive := true)";
}

constexpr BuiltinFunction kJsonFunctions[] = {
    {"json_tuple", 2, -1, {}, jsonTuple},
    {"from_json", 2, 3, {}, fromJson},
    {"schema_of_json", 1, 2, "clxs_spark_schema_of_json($1)"},
    {"get_json_object", 2, 2, "CASE WHEN json_valid($1) THEN json_extract_string($1, $2) END"},
    {"json_array_length", 1, 1,
     "CASE WHEN json_valid($1) THEN CASE WHEN json_type($1) = 'ARRAY' THEN "
     "CAST(json_array_length($1) AS INTEGER) "
     "END END"},
    {"json_object_keys", 1, 1,
     "CASE WHEN json_valid($1) THEN CASE WHEN json_type($1) = 'OBJECT' THEN json_keys($1) END END"},
    {"to_json", 1, 2, {}, toJson},
};

}  // namespace

std::span<const BuiltinFunction> jsonFunctions() {
  return kJsonFunctions;
}

}  // namespace clxs::kernel
