// Lineage as the observability routes use it: through the lineage.graph service when a
// plugin provides it, and otherwise no lineage with the reason, so impact, root cause and
// correlation still answer with what they know.
#pragma once

#include <optional>
#include <string>

#include "clxs/services.hpp"
#include "clxs/services/lineage_graph.hpp"

namespace clxs::observability {

/// A walk, or why there is none.
struct LineageLookup {
  std::optional<services::LineageWalk> walk;  ///< the walk when lineage is available
  std::string reason;                         ///< why not, otherwise
};

/// Walks from `tableFqn` through the lineage service of `services` when it is available.
LineageLookup lookupLineage(const Services& services, Workspace& ws, const std::string& tableFqn,
                            services::LineageDirection direction, int depth,
                            const CallOptions& call);

}  // namespace clxs::observability
