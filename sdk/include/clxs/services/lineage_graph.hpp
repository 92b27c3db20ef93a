// Service "lineage.graph": the tables upstream or downstream of a table, read from the
// workspace's lineage (`system.access.table_lineage`, which the local workspace records for
// CTAS, INSERT … SELECT, MERGE, CREATE VIEW and clones). Provided by the lineage plugin; used
// by impact analysis, root cause, correlation, trust and coverage.
#pragma once

#include <string>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs::services {

/// Which way to walk.
enum class LineageDirection {
  Upstream,    ///< the tables a table is built from
  Downstream,  ///< the tables (and views) built from it
};

/// One distinct edge source → target, with the newest event that established it.
struct LineageEdge {
  std::string source;         ///< catalog.schema.table, lower case
  std::string target;         ///< catalog.schema.table, lower case
  std::string sourceType;     ///< TABLE, VIEW, … as lineage records it ("" when unknown)
  std::string targetType;     ///< TABLE, VIEW, …
  std::string lastEventTime;  ///< newest event_time of the edge (ISO-8601 UTC)
  /// The jobs, notebooks, pipelines or dashboards that wrote the edge, as "TYPE:id"
  /// (lineage's entity_type and entity_id), distinct; empty when none is recorded.
  std::vector<std::string> entities;
  int depth = 1;  ///< hops from the start table to the far end of this edge
};

/// A walk from one table.
struct LineageWalk {
  std::string start;                ///< the table walked from, lower case
  LineageDirection direction{};     ///< which way
  std::vector<std::string> tables;  ///< tables reached (the start excluded), nearest first
  std::vector<LineageEdge> edges;   ///< every edge followed, each once
  bool truncated = false;           ///< maxDepth stopped the walk before it ran out of edges
};

/// The service.
class LineageGraph {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "lineage.graph";
  virtual ~LineageGraph() = default;

  /// Walks from `tableFqn` (catalog.schema.table, any case) up to `maxDepth` hops (1–10),
  /// each table visited once however many paths reach it (cycles end there). One lineage
  /// query per hop, names passed as bound parameters. Throws HttpError 400 for a bad name or
  /// depth; a workspace without lineage tables answers an empty walk.
  virtual LineageWalk walk(Workspace& ws, const std::string& tableFqn, LineageDirection direction,
                           int maxDepth, const CallOptions& call) = 0;
};

}  // namespace clxs::services
