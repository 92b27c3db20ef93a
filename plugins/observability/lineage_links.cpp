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

LineageLookup readLineage(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth,
                          const CallOptions& call) {
  if (!graph) {
    return {std::nullopt,
            "no lineage: the service lineage.graph is not available (enable the lineage plugin)"};
  }
  try {
    return {graph->walk(ws, tableFqn, direction, depth, call), ""};
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
    return {std::nullopt, std::string("lineage could not be read: ") + e.what()};
  } catch (const HttpError& e) {
    return {std::nullopt, std::string("lineage could not be read: ") + e.what()};
  }
}

LineageLookup lookupLineage(const Services& registry, Workspace& ws, const std::string& tableFqn,
                            services::LineageDirection direction, int depth,
                            const CallOptions& call) {
  return readLineage(lineageGraphOf(registry).get(), ws, tableFqn, direction, depth, call);
}

LinkedTables linkedTables(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth,
                          const CallOptions& call) {
  auto found = readLineage(graph, ws, tableFqn, direction, depth, call);
  if (!found.walk) return {std::nullopt, found.reason};
  return {std::move(found.walk->tables), "from the lineage service"};
}

}  // namespace clxs::observability
