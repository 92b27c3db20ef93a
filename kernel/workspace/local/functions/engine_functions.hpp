// Functions written in C++ and registered with the engine, for what no SQL expression over
// DuckDB's own functions computes: Spark's `hash`, `xxhash64` and `crc32` values, which depend
// on each argument's type; UTF-8 validation of strings and binary; `typeof` with Spark's type
// names. The function library calls them under their clxs_spark_ names.
#pragma once

#include <duckdb.h>

namespace clxs::kernel {

/// Registers the engine functions on `conn`'s database (they live in its system catalog, so
/// every connection sees them). Throws WorkspaceError (Unavailable) when the engine refuses.
void registerEngineFunctions(duckdb_connection conn);

}  // namespace clxs::kernel
