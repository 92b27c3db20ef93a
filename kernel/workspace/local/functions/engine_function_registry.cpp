#include "kernel/workspace/local/functions/engine_function_registry.hpp"

#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/functions/engine_functions.hpp"

namespace clxs::kernel {

namespace {

// The engine's logical type for `t` (the caller destroys it).
duckdb_logical_type logicalType(const EngineType& t) {
  if (t.id != DUCKDB_TYPE_LIST) return duckdb_create_logical_type(t.id);
  duckdb_logical_type element = duckdb_create_logical_type(t.element);
  duckdb_logical_type list = duckdb_create_list_type(element);
  duckdb_destroy_logical_type(&element);
  return list;
}

duckdb_scalar_function makeOverload(const char* name, const EngineOverload& o) {
  duckdb_scalar_function f = duckdb_create_scalar_function();
  duckdb_scalar_function_set_name(f, name);
  for (std::size_t i = 0; i < o.params.size(); ++i) {
    duckdb_logical_type t = logicalType(o.params[i]);
    if (o.varargs && i + 1 == o.params.size()) {
      duckdb_scalar_function_set_varargs(f, t);
    } else {
      duckdb_scalar_function_add_parameter(f, t);
    }
    duckdb_destroy_logical_type(&t);
  }
  if (o.seesNulls) duckdb_scalar_function_set_special_handling(f);
  if (o.isVolatile) duckdb_scalar_function_set_volatile(f);
  if (o.bind != nullptr) duckdb_scalar_function_set_bind(f, o.bind);
  duckdb_logical_type out = logicalType(o.result);
  duckdb_scalar_function_set_return_type(f, out);
  duckdb_destroy_logical_type(&out);
  duckdb_scalar_function_set_function(f, o.body);
  return f;
}

}  // namespace

void registerEngineFunction(duckdb_connection conn, const char* name,
                            std::initializer_list<EngineOverload> overloads) {
  duckdb_scalar_function_set set = duckdb_create_scalar_function_set(name);
  bool ok = true;
  for (const EngineOverload& o : overloads) {
    duckdb_scalar_function f = makeOverload(name, o);
    ok = ok && duckdb_add_scalar_function_to_set(set, f) == DuckDBSuccess;
    duckdb_destroy_scalar_function(&f);
  }
  ok = ok && duckdb_register_scalar_function_set(conn, set) == DuckDBSuccess;
  duckdb_destroy_scalar_function_set(&set);
  if (!ok) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         std::string("the engine refused the function ") + name);
  }
}

std::string_view bytesAt(duckdb_vector vector, idx_t row) {
  auto* strings = static_cast<duckdb_string_t*>(duckdb_vector_get_data(vector));
  return {duckdb_string_t_data(&strings[row]), duckdb_string_t_length(strings[row])};
}

bool rowHasValues(duckdb_data_chunk input, idx_t row, duckdb_vector output) {
  const idx_t columns = duckdb_data_chunk_get_column_count(input);
  for (idx_t c = 0; c < columns; ++c) {
    std::uint64_t* validity = duckdb_vector_get_validity(duckdb_data_chunk_get_vector(input, c));
    if (validity != nullptr && !duckdb_validity_row_is_valid(validity, row)) {
      setNull(output, row);
      return false;
    }
  }
  return true;
}

void setNull(duckdb_vector output, idx_t row) {
  duckdb_vector_ensure_validity_writable(output);
  duckdb_validity_set_row_invalid(duckdb_vector_get_validity(output), row);
}

void failRows(duckdb_function_info info, const std::string& message) {
  duckdb_scalar_function_set_error(info, message.c_str());
}

void registerEngineFunctions(duckdb_connection conn) {
  registerHashAndTypeFunctions(conn);
  registerStringBinaryFunctions(conn);
  registerCryptoAndBitmapFunctions(conn);
  registerNumberFormatFunctions(conn);
  registerTextFunctions(conn);
  registerSketchFunctions(conn);
  registerDeletionVectorFunctions(conn);
  registerIntegralCastFunctions(conn);
  registerCsvFunctions(conn);
  registerDecimalFunctions(conn);
  registerTypeProbeFunction(conn);
  registerTextCastFunctions(conn);
}

}  // namespace clxs::kernel
