// Execution, the second phase of a clone run: creates the destination catalog, schemas,
// tables, functions, volumes and views of a plan and copies their metadata, recording what
// existed before each write in the rollback log and each object's outcome as it goes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugins/clone/clone_discovery.hpp"
#include "plugins/clone/clone_run_state.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {

/// An owner to set once everything else is done.
struct DeferredOwner {
  std::string type;               ///< CATALOG, SCHEMA, TABLE, FUNCTION or VOLUME
  std::string owner;              ///< the source object's owner
  std::vector<std::string> name;  ///< the destination object
};

/// What the execution leaves for the checks, the owners and the report.
struct ExecutionOutcome {
  std::vector<TableInfo> clonedTables;                ///< in the order their clones ended
  std::map<std::string, RollbackEntry> tablesBefore;  ///< by lower-case schema.table
  std::vector<DeferredOwner> owners;                  ///< of the objects created
  std::vector<std::string> catalogWarnings;  ///< the catalog's, and those of handing over owners
  std::optional<std::string> abortReason;    ///< why a guardrail stopped the run
};

/// Creates the catalog, then the schemas with their tables (in parallel), the functions,
/// volumes, the tables' keys, row filters and masks, and the views of `plan`. Each object's
/// outcome goes into `ledger`: an error fails only its object, a cancellation ends the run.
/// A schema that cannot be created, or that a guardrail stops before, takes its objects out
/// of `plan`.
ExecutionOutcome executeClone(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger,
                              ClonePlan& plan, RunClock::time_point started);

/// Hands the objects created (and the schemas and catalog the run created) to their source's
/// owners. Last: handing an object to someone else may take away the rights the run needs to
/// finish it.
void handOverOwners(const CloneRunInputs& in, MetadataCopier& copier, const ClonePlan& plan,
                    ExecutionOutcome& execution);

}  // namespace clxs::clone
