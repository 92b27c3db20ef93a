// Engine functions that read a value's text: conv (Spark's NumberConverter, spark_conv) and
// schema_of_json (Spark's JSON schema inference, json_schema_inference).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "clxs/json.hpp"
#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/json_path.hpp"
#include "kernel/workspace/local/functions/json_schema_inference.hpp"
#include "kernel/workspace/local/functions/spark_conv.hpp"

namespace clxs::kernel {

namespace {

// conv(number, fromBase, toBase): NULL for a base out of range; overflow is Databricks' error.
void convRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector numbers = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector from = duckdb_data_chunk_get_vector(input, 1);
  duckdb_vector to = duckdb_data_chunk_get_vector(input, 2);
  try {
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const auto out = spark_conv::convert(bytesAt(numbers, r), vectorAt<std::int32_t>(from, r),
                                           vectorAt<std::int32_t>(to, r));
      if (!out) {
        setNull(output, r);
        continue;
      }
      duckdb_vector_assign_string_element_len(output, r, out->data(), out->size());
    }
  } catch (const spark_conv::ConvError& e) {
    failRows(info, e.what());
  }
}

// schema_of_json(json): the DDL of the schema Spark infers; text that is not JSON is
// Databricks' error.
void schemaOfJsonRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector texts = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (!rowHasValues(input, r, output)) continue;
    try {
      const std::string schema = sparkSchemaOfJson(bytesAt(texts, r));
      duckdb_vector_assign_string_element_len(output, r, schema.data(), schema.size());
    } catch (const std::invalid_argument&) {
      failRows(info,
               "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected "
               "in record parsing: " +
                   std::string(bytesAt(texts, r)) +
                   ". Parse Mode: FAILFAST. To process malformed records as null result, try "
                   "setting the option 'mode' as 'PERMISSIVE'. SQLSTATE: 22023");
      return;
    }
  }
}

// JSON text with every object's keys in order (nlohmann::json keeps its keys sorted).
void sortedJsonRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector texts = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (!rowHasValues(input, r, output)) continue;
    const auto parsed = nlohmann::json::parse(bytesAt(texts, r), nullptr, false);
    if (parsed.is_discarded()) {
      failRows(info, "[INTERNAL_ERROR] to_json wrote text that is not JSON. SQLSTATE: XX000");
      return;
    }
    const std::string text = parsed.dump();
    duckdb_vector_assign_string_element_len(output, r, text.data(), text.size());
  }
}

// json `:` path: the operator's answer for the path the translator encoded (json_path).
void jsonPathRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector texts = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector paths = duckdb_data_chunk_get_vector(input, 1);
  std::string encoded;
  std::vector<json_path::Step> steps;
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (!rowHasValues(input, r, output)) continue;
    try {
      if (bytesAt(paths, r) != encoded || r == 0) {
        encoded = std::string(bytesAt(paths, r));
        steps = json_path::decode(encoded);
      }
      const auto value = json_path::extract(bytesAt(texts, r), steps);
      if (!value) {
        setNull(output, r);
        continue;
      }
      duckdb_vector_assign_string_element_len(output, r, value->data(), value->size());
    } catch (const json_path::AmbiguousField& e) {
      failRows(info, "[AMBIGUOUS_REFERENCE_TO_FIELDS] Ambiguous reference to the field `" + e.name +
                         "`: the JSON has more than one field of that name in "
                         "different cases. Use a bracketed name (['" +
                         e.name + "']) to match one exactly. SQLSTATE: 42000");
      return;
    } catch (const std::invalid_argument&) {
      failRows(info, "[INTERNAL_ERROR] a JSON path the translator did not write. SQLSTATE: XX000");
      return;
    }
  }
}

}  // namespace

void registerTextFunctions(duckdb_connection conn) {
  constexpr auto kText = DUCKDB_TYPE_VARCHAR;
  constexpr auto kInt = DUCKDB_TYPE_INTEGER;
  registerEngineFunction(conn, "clxs_spark_conv", {{{kText, kInt, kInt}, kText, convRows}});
  registerEngineFunction(conn, "clxs_spark_schema_of_json", {{{kText}, kText, schemaOfJsonRows}});
  registerEngineFunction(conn, "clxs_spark_json_path", {{{kText, kText}, kText, jsonPathRows}});
  registerEngineFunction(conn, "clxs_spark_sorted_json", {{{kText}, kText, sortedJsonRows}});
}

}  // namespace clxs::kernel
