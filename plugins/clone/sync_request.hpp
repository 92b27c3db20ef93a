// The requests of POST /api/sync, /api/incremental/check and /api/incremental/sync: their
// typed models (validation, defaults, OpenAPI, parsing, job parameters) and the SyncOptions
// they become.
#pragma once

#include <string>

#include "clxs/schema.hpp"
#include "plugins/clone/catalog_sync.hpp"
#include "plugins/clone/shared_models.hpp"

namespace clxs::clone {

/// The body of POST /api/sync.
struct SyncRequest {
  CatalogPair catalogs;
  RunBasics basics;
  ExcludedSchemas excluded;
  bool dropExtra = false;
  static const Schema<SyncRequest>& schema();
};

/// The body of POST /api/incremental/check: one schema ("*": every schema) of the pair.
struct IncrementalCheckRequest {
  CatalogPair catalogs;
  RunBasics basics;
  std::string schemaName;
  static const Schema<IncrementalCheckRequest>& schema();
};

/// The body of POST /api/incremental/sync: the check's fields plus serverless (refused with
/// 501: syncs run as jobs of this server).
struct IncrementalSyncRequest {
  IncrementalCheckRequest scope;
  bool serverless = false;
  std::string volume;
  static const Schema<IncrementalSyncRequest>& schema();
};

/// Options of a sync.
SyncOptions syncOptionsOf(const SyncRequest& request);
/// Options of an incremental check or sync: tables only, in `schema_name` ("*": every
/// schema), nothing dropped.
SyncOptions incrementalOptionsOf(const IncrementalCheckRequest& request);

}  // namespace clxs::clone
