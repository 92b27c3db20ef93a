// The audit feature's own state in the clone plugin's store: where the Delta audit tables were
// initialised (so finished runs can be mirrored there) and how far notifications were read.
#pragma once

#include <string>
#include <vector>

#include "clxs/store.hpp"

namespace clxs::clone::audit {

/// Where the Delta audit tables live: run_logs and clone_operations in `catalog`.`schema`,
/// clone_metrics in `catalog`.metrics, on the workspace whose host is `workspaceHost`.
struct AuditTarget {
  std::string catalog;        ///< audit catalog
  std::string schema;         ///< schema of run_logs and clone_operations
  std::string warehouseId;    ///< SQL warehouse to write through (empty: the default)
  std::string workspaceHost;  ///< Workspace::host() of the workspace they live in
};

/// Creates the feature's tables when missing (migration 300 of the clone plugin; repeated
/// calls do nothing).
void ensureAuditState(Store& store);

/// Remembers an initialised target (replacing one of the same host, catalog and schema).
void saveTarget(Store& store, const AuditTarget& target, const std::string& initialisedAt);
/// Every initialised target, oldest first.
std::vector<AuditTarget> targets(Store& store);

/// The time up to which notifications were marked read (ISO-8601 UTC), or "" when never.
std::string readMarker(Store& store);
/// Moves the read marker to `until` unless it is already later.
void advanceReadMarker(Store& store, const std::string& until);

}  // namespace clxs::clone::audit
