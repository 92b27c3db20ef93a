// clxs_delta_deleted(where, storage, offset, size, row): whether a deletion vector marks row
// `row` of a data file deleted. Scans of files with a deletion vector filter on it
// (DeltaTable::deletedRowsLeftOut). Each vector is read and decoded once per database and kept
// while the database is open, keyed by where it is stored.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/delta/delta_table.hpp"
#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"

namespace clxs::kernel {

namespace {

using Positions = deletion_vector::Positions;

class DeletionVectorCache {
 public:
  static constexpr std::size_t kMaxVectors = 4096;

  // The positions of the vector at (where, storage, offset, size); throws DvError or
  // std::runtime_error when it cannot be read.
  std::shared_ptr<const Positions> get(const std::string& where, const std::string& storage,
                                       std::int32_t offset, std::int32_t size) {
    const std::string key = storage + ":" + std::to_string(offset) + ":" + where;
    {
      std::lock_guard lock(mutex_);
      if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
    }
    auto positions =
        std::make_shared<const Positions>(readDeletionVector(where, storage, offset, size));
    std::lock_guard lock(mutex_);
    // Vectors are immutable, so a cached one is never stale; the cap only bounds memory on a
    // long-running server (a vector in use stays alive through its shared_ptr).
    if (cache_.size() >= kMaxVectors) cache_.clear();
    return cache_.emplace(key, std::move(positions)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Positions>> cache_;
};

void deletedRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto* cache = static_cast<DeletionVectorCache*>(duckdb_scalar_function_get_extra_info(info));
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  duckdb_vector where = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector storage = duckdb_data_chunk_get_vector(input, 1);
  duckdb_vector offset = duckdb_data_chunk_get_vector(input, 2);
  duckdb_vector size = duckdb_data_chunk_get_vector(input, 3);
  duckdb_vector row = duckdb_data_chunk_get_vector(input, 4);
  try {
    std::shared_ptr<const Positions> positions;
    std::string last;
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const std::string key(bytesAt(where, r));
      if (!positions || key != last) {
        positions = cache->get(key, std::string(bytesAt(storage, r)),
                               vectorAt<std::int32_t>(offset, r), vectorAt<std::int32_t>(size, r));
        last = key;
      }
      const auto value = static_cast<std::uint64_t>(vectorAt<std::int64_t>(row, r));
      out[r] = std::binary_search(positions->begin(), positions->end(), value);
    }
  } catch (const std::exception& e) {
    failRows(info, std::string("[DELTA_INVALID_DELETION_VECTOR] A deletion vector cannot be "
                               "read: ") +
                       e.what() + ". SQLSTATE: XX000");
  }
}

void destroyCache(void* cache) {
  // Owned by the function since registration (the C API hands ownership as a pointer).
  std::unique_ptr<DeletionVectorCache> owned(static_cast<DeletionVectorCache*>(cache));
}

}  // namespace

void registerDeletionVectorFunctions(duckdb_connection conn) {
  duckdb_scalar_function f = duckdb_create_scalar_function();
  duckdb_scalar_function_set_name(f, "clxs_delta_deleted");
  for (const duckdb_type t : {DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_INTEGER,
                              DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_BIGINT}) {
    duckdb_logical_type type = duckdb_create_logical_type(t);
    duckdb_scalar_function_add_parameter(f, type);
    duckdb_destroy_logical_type(&type);
  }
  duckdb_logical_type boolean = duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
  duckdb_scalar_function_set_return_type(f, boolean);
  duckdb_destroy_logical_type(&boolean);
  duckdb_scalar_function_set_function(f, deletedRows);
  duckdb_scalar_function_set_extra_info(f, std::make_unique<DeletionVectorCache>().release(),
                                        destroyCache);
  const bool ok = duckdb_register_scalar_function(conn, f) == DuckDBSuccess;
  duckdb_destroy_scalar_function(&f);
  if (!ok) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         "the engine refused the function clxs_delta_deleted");
  }
}

}  // namespace clxs::kernel
