// Undoing a clone run from its rollback log.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/clone_store.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {

/// Restores tables that existed to their recorded version, puts back the previous
/// definition of views and functions that existed, and drops what the run created (views
/// and functions first, then volumes, tables, schemas and the catalog), newest first.
/// With `dropCatalog` the destination catalog is dropped with CASCADE at the end.
/// Returns {rollback_id, restored, dropped, unchanged, failed, objects:[...], status}.
Json runRollback(CloneStore& store, const RollbackLogInfo& log, bool dropCatalog,
                 StatementRunner& runner, const ProgressFn& progress);

}  // namespace clxs::clone
