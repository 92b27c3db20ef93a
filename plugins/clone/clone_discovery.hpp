// Discovery, the first phase of a clone run: what the source catalog holds, less what the
// filters (include and exclude lists, table regexes, load type, pinned versions) and the run
// being resumed leave out, and what the destination already has.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/clone/clone_run_state.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {

/// What one source schema contributes to a run.
struct SchemaPlan {
  SchemaInfo source;
  bool existsInDest = false;
  std::vector<TableInfo> tables;
  std::vector<TableInfo> views;
  std::vector<FunctionInfo> functions;
  std::vector<VolumeInfo> volumes;
  std::map<std::string, TableInfo> destTables;  ///< by lower-case name (views included)
  std::map<std::string, FunctionInfo> destFunctions;
  std::set<std::string> destVolumes;
};

/// What a run clones.
struct ClonePlan {
  CatalogInfo sourceCatalog;
  bool destinationExists = false;
  std::vector<SchemaPlan> schemas;
};

/// Lists what the run clones; what is left out goes into `ledger` as skipped (failed for a
/// schema of include_schemas that does not exist), and the planned total with it. The
/// catalog-wide metadata `copier` copies later is read meanwhile.
ClonePlan discoverClone(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger);

}  // namespace clxs::clone
