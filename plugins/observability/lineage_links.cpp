#include "plugins/observability/lineage_links.hpp"

#include "clxs/error.hpp"

namespace clxs::observability {

std::shared_ptr<services::LineageGraph> lineageGraphOf(const Services& registry) {
  if (!registry.available<services::LineageGraph>()) return nullptr;
  try {
    return registry.get<services::LineageGraph>();
  } catch (const HttpError&) {
    // Disabled between the two calls: the same as missing.
    return nullptr;
  }
}

LinkedTables linkedTables(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth,
                          const CallOptions& call) {
  if (!graph) {
    return {std::nullopt, "no lineage service (lineage.graph) is installed, so lineage is unknown"};
  }
  try {
    auto walk = graph->walk(ws, tableFqn, direction, depth, call);
    return {std::move(walk.tables), "from the lineage service"};
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
    return {std::nullopt, std::string("lineage could not be read: ") + e.what()};
  } catch (const HttpError& e) {
    return {std::nullopt, std::string("lineage could not be read: ") + e.what()};
  }
}

}  // namespace clxs::observability
