// CAST(x AS STRING) of the values whose text Spark writes otherwise than the engine: doubles
// and floats as Java writes them (`1.0E10`, not `10000000000.0`), and arrays, structs and maps
// as `[1, null]`, `{1, a}` and `{1 -> a}` (the engine writes `{'x': 1, 'y': a}` and `{1=a}`).
// The type probe routes only types this renders (typeSparkRenders) here.
#include <cstdint>
#include <string>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/java_text.hpp"
#include "kernel/workspace/local/functions/type_probe.hpp"

namespace clxs::kernel {

namespace {

bool validAt(duckdb_vector v, idx_t row) {
  std::uint64_t* validity = duckdb_vector_get_validity(v);
  return validity == nullptr || duckdb_validity_row_is_valid(validity, row);
}

// Appends the value at `row` of `v` (of type `t`) as Spark's cast to string writes it; a NULL
// inside a collection is `null`.
void appendText(std::string& out, duckdb_vector v, duckdb_logical_type t, idx_t row) {
  if (!validAt(v, row)) {
    out += "null";
    return;
  }
  switch (duckdb_get_type_id(t)) {
    case DUCKDB_TYPE_BOOLEAN:
      out += vectorAt<bool>(v, row) ? "true" : "false";
      return;
    case DUCKDB_TYPE_TINYINT:
      out += std::to_string(vectorAt<std::int8_t>(v, row));
      return;
    case DUCKDB_TYPE_SMALLINT:
      out += std::to_string(vectorAt<std::int16_t>(v, row));
      return;
    case DUCKDB_TYPE_INTEGER:
      out += std::to_string(vectorAt<std::int32_t>(v, row));
      return;
    case DUCKDB_TYPE_BIGINT:
      out += std::to_string(vectorAt<std::int64_t>(v, row));
      return;
    case DUCKDB_TYPE_HUGEINT:
      out += int128Text(hugeint(vectorAt<duckdb_hugeint>(v, row)));
      return;
    case DUCKDB_TYPE_FLOAT:
      out += javaFloatText(vectorAt<float>(v, row));
      return;
    case DUCKDB_TYPE_DOUBLE:
      out += javaDoubleText(vectorAt<double>(v, row));
      return;
    case DUCKDB_TYPE_DECIMAL:
      out += decimalText(unscaledDecimal(v, t, row), duckdb_decimal_scale(t));
      return;
    case DUCKDB_TYPE_VARCHAR:
      out += bytesAt(v, row);
      return;
    case DUCKDB_TYPE_DATE:
    case DUCKDB_TYPE_TIMESTAMP: {
      const Json text = vectorValue(v, row);
      out += text.is_string() ? text.get<std::string>() : text.dump();
      return;
    }
    case DUCKDB_TYPE_LIST: {
      const auto entry = vectorAt<duckdb_list_entry>(v, row);
      duckdb_vector child = duckdb_list_vector_get_child(v);
      const TypeHandle childType(duckdb_list_type_child_type(t));
      out += '[';
      for (idx_t i = 0; i < entry.length; ++i) {
        if (i > 0) out += ", ";
        appendText(out, child, childType.get(), entry.offset + i);
      }
      out += ']';
      return;
    }
    case DUCKDB_TYPE_STRUCT: {
      const idx_t n = duckdb_struct_type_child_count(t);
      out += '{';
      for (idx_t i = 0; i < n; ++i) {
        if (i > 0) out += ", ";
        const TypeHandle fieldType(duckdb_struct_type_child_type(t, i));
        appendText(out, duckdb_struct_vector_get_child(v, i), fieldType.get(), row);
      }
      out += '}';
      return;
    }
    case DUCKDB_TYPE_MAP: {
      const auto entry = vectorAt<duckdb_list_entry>(v, row);
      duckdb_vector entries = duckdb_list_vector_get_child(v);
      const TypeHandle keyType(duckdb_map_type_key_type(t));
      const TypeHandle valueType(duckdb_map_type_value_type(t));
      out += '{';
      for (idx_t i = 0; i < entry.length; ++i) {
        if (i > 0) out += ", ";
        appendText(out, duckdb_struct_vector_get_child(entries, 0), keyType.get(),
                   entry.offset + i);
        out += " -> ";
        appendText(out, duckdb_struct_vector_get_child(entries, 1), valueType.get(),
                   entry.offset + i);
      }
      out += '}';
      return;
    }
    default:
      out += vectorValue(v, row).dump();  // not routed here (see typeSparkRenders)
      return;
  }
}

// (value ANY) -> its text.
void textRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector value = duckdb_data_chunk_get_vector(input, 0);
  const TypeHandle type(duckdb_vector_get_column_type(value));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  std::string text;
  for (idx_t r = 0; r < rows; ++r) {
    if (!rowHasValues(input, r, output)) continue;
    text.clear();
    appendText(text, value, type.get(), r);
    duckdb_vector_assign_string_element_len(output, r, text.data(), text.size());
  }
}

}  // namespace

bool typeSparkRenders(duckdb_logical_type t) {
  switch (duckdb_get_type_id(t)) {
    case DUCKDB_TYPE_BOOLEAN:
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_HUGEINT:
    case DUCKDB_TYPE_FLOAT:
    case DUCKDB_TYPE_DOUBLE:
    case DUCKDB_TYPE_DECIMAL:
    case DUCKDB_TYPE_VARCHAR:
    case DUCKDB_TYPE_DATE:
    case DUCKDB_TYPE_TIMESTAMP:
      return true;
    case DUCKDB_TYPE_LIST: {
      const TypeHandle child(duckdb_list_type_child_type(t));
      return typeSparkRenders(child.get());
    }
    case DUCKDB_TYPE_STRUCT: {
      const idx_t n = duckdb_struct_type_child_count(t);
      for (idx_t i = 0; i < n; ++i) {
        const TypeHandle field(duckdb_struct_type_child_type(t, i));
        if (!typeSparkRenders(field.get())) return false;
      }
      return true;
    }
    case DUCKDB_TYPE_MAP: {
      const TypeHandle key(duckdb_map_type_key_type(t));
      const TypeHandle value(duckdb_map_type_value_type(t));
      return typeSparkRenders(key.get()) && typeSparkRenders(value.get());
    }
    default:
      return false;
  }
}

void registerTextCastFunctions(duckdb_connection conn) {
  using enum duckdb_type;
  registerEngineFunction(conn, "clxs_spark_text",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_VARCHAR, textRows}});
}

}  // namespace clxs::kernel
