// Registering C++ functions with the engine, and the row helpers their bodies share. Only the
// engine function files include this (it brings in the C API header).
#pragma once

#include <duckdb.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::kernel {

/// A parameter's type: a simple type, or a list of one (`{DUCKDB_TYPE_LIST, DUCKDB_TYPE_BLOB}`).
struct EngineType {
  EngineType(duckdb_type t) : id(t) {}  // NOLINT(google-explicit-constructor): reads as a type
  EngineType(duckdb_type t, duckdb_type e) : id(t), element(e) {}
  duckdb_type id;                             ///< the type; DUCKDB_TYPE_ANY takes any type
  duckdb_type element = DUCKDB_TYPE_INVALID;  ///< a list's element type
};

/// One typed form of an engine function.
struct EngineOverload {
  std::vector<EngineType> params;  ///< parameter types
  EngineType result;               ///< the result type
  duckdb_scalar_function_t body;   ///< computes a chunk of rows
  bool varargs = false;            ///< the last parameter repeats any number of times
  bool seesNulls = false;          ///< NULL arguments reach the body (else the result is NULL)
  duckdb_scalar_function_bind_t bind = nullptr;  ///< runs when a statement binds a call
  bool isVolatile = false;  ///< never folded to a constant (a bind with an effect needs it)
};

/// Registers `name` with its forms on `conn`'s database. Throws WorkspaceError (Unavailable)
/// when the engine refuses.
void registerEngineFunction(duckdb_connection conn, const char* name,
                            std::initializer_list<EngineOverload> overloads);

/// The bytes of the VARCHAR or BLOB at `row`.
std::string_view bytesAt(duckdb_vector vector, idx_t row);

/// Whether every argument of `input` at `row` is non-NULL; if not, marks `output`'s row NULL.
bool rowHasValues(duckdb_data_chunk input, idx_t row, duckdb_vector output);

/// Marks row `row` of `output` NULL.
void setNull(duckdb_vector output, idx_t row);

/// Fails the statement with `message` (a Databricks error line). No exception may cross into
/// the engine, so bodies report errors through this.
void failRows(duckdb_function_info info, const std::string& message);

/// The registrations of each family of engine functions.
void registerHashAndTypeFunctions(duckdb_connection conn);
void registerStringBinaryFunctions(duckdb_connection conn);
void registerCryptoAndBitmapFunctions(duckdb_connection conn);
void registerNumberFormatFunctions(duckdb_connection conn);
void registerTextFunctions(duckdb_connection conn);
void registerSketchFunctions(duckdb_connection conn);
void registerDeletionVectorFunctions(duckdb_connection conn);
void registerIntegralCastFunctions(duckdb_connection conn);
void registerCsvFunctions(duckdb_connection conn);
void registerDecimalFunctions(duckdb_connection conn);
void registerTypeProbeFunction(duckdb_connection conn);
void registerTextCastFunctions(duckdb_connection conn);

/// Whether clxs_spark_text writes values of type `t` (scalars but intervals, times with a zone
/// and binaries; collections of them).
bool typeSparkRenders(duckdb_logical_type t);

}  // namespace clxs::kernel
