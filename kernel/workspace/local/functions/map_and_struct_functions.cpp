// Maps and structs as Spark builds them: map(k1, v1, k2, v2, …), named_struct('a', 1, …),
// struct(1, 2) with fields col1, col2, and the accessors with Spark's names.
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

std::string map(const FunctionArgs& a) {
  if (a.empty()) return "MAP()";
  if (a.size() % 2 != 0) throwWrongArgCount("map", "an even number of", a.size());
  std::string keys;
  std::string values;
  for (std::size_t i = 0; i < a.size(); i += 2) {
    keys += (i > 0 ? ", " : "") + a[i];
    values += (i > 0 ? ", " : "") + a[i + 1];
  }
  return "MAP(list_value(" + keys + "), list_value(" + values + "))";
}

std::string namedStruct(const FunctionArgs& a) {
  if (a.empty() || a.size() % 2 != 0) {
    throwWrongArgCount("named_struct", "an even number of", a.size());
  }
  std::string fields;
  for (std::size_t i = 0; i < a.size(); i += 2) {
    std::string name;
    if (!literalText(a[i], name)) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING] "
                           "Cannot resolve \"named_struct\": only foldable STRING expressions "
                           "are allowed to appear at odd position. SQLSTATE: 42K09");
    }
    fields += (i > 0 ? ", " : "") + duckdbIdentifier(name) + " := " + a[i + 1];
  }
  return "struct_pack(" + fields + ")";
}

std::string structOf(const FunctionArgs& a) {
  std::string fields;
  for (std::size_t i = 0; i < a.size(); ++i) {
    fields += (i > 0 ? ", " : "") + std::string("col") + std::to_string(i + 1) + " := " + a[i];
  }
  return "struct_pack(" + fields + ")";
}

std::string strToMap(const FunctionArgs& a) {
  const std::string pairs = a.size() > 1 ? "(" + a[1] + ")" : "','";
  const std::string kv = a.size() > 2 ? "(" + a[2] + ")" : "':'";
  return "map_from_entries(list_transform(string_split((" + a[0] + "), " + pairs +
         "), __clxs_p -> struct_pack(key := split_part(__clxs_p, " + kv +
         ", 1), value := CASE WHEN strpos(__clxs_p, " + kv +
         ") > 0 THEN substr(__clxs_p, strpos(__clxs_p, " + kv + ") + length(" + kv + ")) END)))";
}

// The entries of `map` as (key, value) through a two-parameter lambda.
std::string entryLambda(const Lambda& l) {
  return applyLambda(l, {"__clxs_e.key", "__clxs_e.value"});
}

std::string mapFilter(const FunctionArgs& a) {
  const Lambda l = lambdaOf("map_filter", a[1], 2);
  return "map_from_entries(list_filter(map_entries((" + a[0] + ")), __clxs_e -> " + entryLambda(l) +
         "))";
}

std::string transformKeys(const FunctionArgs& a) {
  const Lambda l = lambdaOf("transform_keys", a[1], 2);
  return "map_from_entries(list_transform(map_entries((" + a[0] +
         ")), __clxs_e -> struct_pack(key := " + entryLambda(l) + ", value := __clxs_e.value)))";
}

std::string transformValues(const FunctionArgs& a) {
  const Lambda l = lambdaOf("transform_values", a[1], 2);
  return "map_from_entries(list_transform(map_entries((" + a[0] +
         ")), __clxs_e -> struct_pack(key := __clxs_e.key, value := " + entryLambda(l) + ")))";
}

// Keys of the first map, then the second's new ones, each with both values.
std::string mapZipWith(const FunctionArgs& a) {
  const Lambda l = lambdaOf("map_zip_with", a[2], 3);
  const std::string m1 = "(" + a[0] + ")";
  const std::string m2 = "(" + a[1] + ")";
  const std::string keys = "list_concat(map_keys(" + m1 + "), list_filter(map_keys(" + m2 +
                           "), __clxs_k -> NOT list_contains(map_keys(" + m1 + "), __clxs_k)))";
  return "map_from_entries(list_transform(" + keys +
         ", __clxs_k -> struct_pack(key := __clxs_k, value := " +
         applyLambda(l, {"__clxs_k", m1 + "[__clxs_k]", m2 + "[__clxs_k]"}) + ")))";
}

constexpr BuiltinFunction kMapAndStructFunctions[] = {
    {"map", 0, -1, {}, map},
    {"map_concat", 1, -1, "map_concat($*)"},
    {"map_contains_key", 2, 2, "map_contains($1, $2)"},
    {"map_entries", 1, 1, "map_entries($1)"},
    {"map_from_arrays", 2, 2, "MAP($1, $2)"},
    {"map_from_entries", 1, 1,
     "map_from_entries(list_transform($1, __clxs_e -> struct_pack(key := struct_extract_at("
     "__clxs_e, 1), value := struct_extract_at(__clxs_e, 2))))"},
    {"map_filter", 2, 2, {}, mapFilter},
    {"map_keys", 1, 1, "map_keys($1)"},
    {"map_zip_with", 3, 3, {}, mapZipWith},
    {"transform_keys", 2, 2, {}, transformKeys},
    {"transform_values", 2, 2, {}, transformValues},
    {"map_values", 1, 1, "map_values($1)"},
    {"named_struct", 2, -1, {}, namedStruct},
    {"str_to_map", 1, 3, {}, strToMap},
    {"struct", 1, -1, {}, structOf},
    // An array's or a map's element: arrays 1-based (negative from the end), maps by key.
    {"element_at", 2, 2, "($1)[$2]"},
    {"try_element_at", 2, 2, "($1)[$2]"},
};

}  // namespace

std::span<const BuiltinFunction> mapAndStructFunctions() {
  return kMapAndStructFunctions;
}

}  // namespace clxs::kernel
