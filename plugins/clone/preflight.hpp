// Pre-flight checks before a clone: can the workspace be reached, does the source exist and
// read, can the destination be written (by a real probe), is the warehouse there.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::clone {

/// What POST /api/preflight is asked.
struct PreflightOptions {
  std::string sourceCatalog;       ///< source
  std::string destinationCatalog;  ///< destination
  std::string warehouseId;         ///< SQL warehouse to check (empty: any)
  bool checkWrite = true;          ///< create and drop a probe object in the destination
};

/// Runs the checks in order; each is {name, status: pass|warn|fail|skipped, detail}. A
/// check that cannot run because an earlier one failed is `skipped`. `probeSuffix` makes the
/// probe's name unique (a fresh id). Result: {checks, ready, passed, warnings, failed}.
Json runPreflight(Workspace& workspace, const PreflightOptions& options,
                  const std::string& probeSuffix);

}  // namespace clxs::clone
