#include "plugins/observability/lineage_lookup.hpp"

namespace clxs::observability {

LineageLookup lookupLineage(const Services& services, Workspace& ws, const std::string& tableFqn,
                            services::LineageDirection direction, int depth,
                            const CallOptions& call) {
  if (!services.available<services::LineageGraph>()) {
    return {std::nullopt,
            "no lineage: the service lineage.graph is not available (enable the lineage plugin)"};
  }
  return {services.get<services::LineageGraph>()->walk(ws, tableFqn, direction, depth, call), ""};
}

}  // namespace clxs::observability
