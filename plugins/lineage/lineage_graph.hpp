// The lineage.graph service over a workspace's `system.access.table_lineage`: one query per
// hop for the distinct edges touching the frontier, a breadth-first walk that visits each
// table once, so cycles and diamonds end where they meet.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "clxs/services/lineage_graph.hpp"

namespace clxs::lineage {

/// The distinct edges leaving (downstream) or entering (upstream) the tables of a frontier,
/// each with its entities merged and its newest event time.
using HopReader = std::function<std::vector<services::LineageEdge>(
    const std::vector<std::string>& frontier, services::LineageDirection direction)>;

/// The walk from `start` (lower case) through `readHop`, up to `maxDepth` hops.
services::LineageWalk walkLineage(const std::string& start, services::LineageDirection direction,
                                  int maxDepth, const HopReader& readHop);

/// Reads hops from a workspace's lineage table with bound parameters, at most 200 names per
/// statement. A workspace without the table gives no edges.
std::vector<services::LineageEdge> readLineageHop(Workspace& ws,
                                                  const std::vector<std::string>& frontier,
                                                  services::LineageDirection direction,
                                                  const CallOptions& call);

/// The service as the lineage plugin provides it.
class WorkspaceLineageGraph final : public services::LineageGraph {
 public:
  services::LineageWalk walk(Workspace& ws, const std::string& tableFqn,
                             services::LineageDirection direction, int maxDepth,
                             const CallOptions& call) override;
};

}  // namespace clxs::lineage
