// Functions written in C++ and registered with the engine, for what no SQL expression over
// DuckDB's own functions computes: values that depend on an argument's type (Spark's hash,
// xxhash64 and crc32, typeof), UTF-8 validation, and the string functions whose Spark forms
// also take BINARY. The function library calls them under their clxs_spark_ names.
#pragma once

#include <duckdb.h>

namespace clxs::kernel {

/// Registers the engine functions on `conn`'s database (they live in its system catalog, so
/// every connection sees them). Throws WorkspaceError (Unavailable) when the engine refuses.
void registerEngineFunctions(duckdb_connection conn);

}  // namespace clxs::kernel
