// Sync: make a destination catalog match its source again, touching only what differs.
// POST /api/sync adds missing schemas and objects, re-clones changed tables, re-creates
// changed views and (drop_extra) drops what the source no longer has; POST
// /api/incremental/sync is the tables-only form for one schema. Both clone through the
// clone engine (metadata, rollback log, retries) with each changed table pinned to the
// version the plan saw, then record those versions as the last sync.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/statement_runner.hpp"
#include "plugins/clone/sync_state_store.hpp"
#include "plugins/clone/table_versions.hpp"

namespace clxs::clone {

/// What a sync is told.
struct SyncOptions {
  std::string sourceCatalog;       ///< source
  std::string destinationCatalog;  ///< destination
  std::string warehouseId;         ///< SQL warehouse (Databricks)
  std::vector<std::string> excludeSchemas{"information_schema", "default"};  ///< never these
  std::vector<std::string> schemas;       ///< only these schemas (empty: every schema)
  bool tablesOnly = false;                ///< incremental: tables only, nothing dropped
  bool dryRun = false;                    ///< plan only
  bool dropExtra = false;                 ///< drop what the source does not have
  CloneType cloneType = CloneType::Deep;  ///< how tables are (re)cloned
  int maxWorkers = 4;                     ///< parallel listing and cloning
  int maxRetries = 3;                     ///< retries of transient failures
};

/// What differs between the catalogs.
struct SyncPlan {
  std::vector<std::string> schemas;         ///< source schemas in scope
  std::vector<std::string> schemasAdded;    ///< source schemas missing in the destination
  std::vector<std::string> schemasDropped;  ///< destination-only schemas (drop_extra)
  ChangeReport tables;                      ///< tables to (re)clone and those in sync
  std::vector<std::string> viewsAdded;      ///< schema.view missing in the destination
  std::vector<std::string> viewsChanged;    ///< schema.view with another definition
  std::vector<std::string> functionsAdded;  ///< schema.function missing in the destination
  std::vector<std::string> volumesAdded;    ///< schema.volume missing in the destination
  /// Destination-only objects in common schemas (drop_extra): {type, schema.name}.
  std::vector<std::pair<std::string, std::string>> extra;
};

/// Compares the catalogs (reads only). 404 when either catalog does not exist (the
/// destination may be missing for a sync that is not tables-only: everything is added).
SyncPlan planSync(StatementRunner& runner, const SyncOptions& options, const SyncStateStore& state);

/// The plan as the routes show it.
Json syncPlanJson(const SyncPlan& plan, const SyncOptions& options);

/// The clone options that carry out the additions and re-clones of `plan` (empty
/// include_objects when there is nothing to clone).
CloneOptions cloneOptionsFor(const SyncPlan& plan, const SyncOptions& options);

/// Plans and applies a sync: the clone of what is missing or changed, then the drops, then
/// the new sync records (not in a dry run). `now` gives the time recorded.
Json runSync(const SyncOptions& options, StatementRunner& runner, CloneStore* store,
             SyncStateStore& state, const RunIdentity& identity, const ProgressFn& progress,
             const std::function<std::string()>& now);

}  // namespace clxs::clone
