// POST /api/copq/compute's work: every incident turned into its cost event, the tables
// downstream of each incident's table read once per table from the lineage service.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/lineage_graph.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/copq_costing.hpp"
#include "plugins/observability/copq_store.hpp"

namespace clxs::observability {

/// The tables downstream of a table (catalog.schema.table).
using DownstreamOf = std::function<DownstreamTables(const std::string& tableFqn)>;

/// Hops walked downstream of an incident's table: the lineage service's most, so the count is
/// every table the failure can reach short of very long chains (the note says when cut).
inline constexpr int kCopqLineageDepth = 10;

/// Downstream counts from `graph` (tables and views reached within kCopqLineageDepth hops);
/// with no graph, or when a walk fails, 0 with a note saying why.
DownstreamOf lineageDownstream(std::shared_ptr<services::LineageGraph> graph,
                               std::shared_ptr<Workspace> ws, CallOptions call);

/// Saves the event of every incident (IncidentStore records), asking `downstreamOf` once per
/// table, and calls `progress` with the incidents done so far before each. Answers
/// {incidents, created, updated, unchanged, tables, total_cost}, total_cost being the sum of
/// the events computed.
Json computeCopqEvents(const std::vector<Json>& incidents, const CopqRates& rates,
                       const DownstreamOf& downstreamOf, CopqStore& store, const std::string& at,
                       const std::string& by,
                       const std::function<void(std::size_t done)>& progress = {});

}  // namespace clxs::observability
