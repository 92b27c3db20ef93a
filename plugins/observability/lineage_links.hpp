// Lineage as observability reads it: through the lineage.graph service when a plugin provides
// it, and otherwise (or when the walk fails) no lineage with the reason, so that impact, root
// cause, correlation, trust, coverage and the cost of poor quality answer with what they know.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clxs/services.hpp"
#include "clxs/services/lineage_graph.hpp"
#include "clxs/workspace.hpp"

namespace clxs::observability {

/// The lineage service when it is available now, else null. Hold it for one request or job.
std::shared_ptr<services::LineageGraph> lineageGraphOf(const Services& registry);

/// A walk, or why there is none.
struct LineageLookup {
  std::optional<services::LineageWalk> walk;  ///< the walk when lineage answered
  std::string reason;                         ///< why not, otherwise
};

/// Walks through `graph` (null: no lineage, said so). A failed walk is no lineage with the
/// reason, so callers answer with what they know; cancellation is rethrown.
LineageLookup readLineage(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth, const CallOptions& call);

/// readLineage() through the service of `registry` when it is available now.
LineageLookup lookupLineage(const Services& registry, Workspace& ws, const std::string& tableFqn,
                            services::LineageDirection direction, int depth,
                            const CallOptions& call);

/// Tables linked to one table, or why they are unknown.
struct LinkedTables {
  std::optional<std::vector<std::string>> tables;  ///< nullopt when lineage could not answer
  std::string note;  ///< why they are unknown, or where they were read from
};

/// The tables up to `depth` hops from `tableFqn` in `direction` (readLineage()); unknown, with
/// the note, when there is no walk.
LinkedTables linkedTables(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth, const CallOptions& call);

}  // namespace clxs::observability
