// Freshness of many tables at once: one history read per table, several at a time.
#pragma once

#include <chrono>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/data_freshness.hpp"

namespace clxs::observability {

/// Each table's freshness (freshnessOf() with table_fqn, catalog, schema_name, table_name and
/// table_type), in the order given. A table that is not Delta, or whose history cannot be
/// read, is unknown with the reason; cancellation propagates. With an `eventTimeColumn`,
/// the tables that have it are judged by event time instead (withEventTime()).
std::vector<Json> measureFreshness(Workspace& ws, const std::vector<TableInfo>& tables,
                                   const FreshnessPolicy& policy,
                                   std::chrono::system_clock::time_point now,
                                   const CallOptions& options,
                                   const std::string& eventTimeColumn = "");

}  // namespace clxs::observability
