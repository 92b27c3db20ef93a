// The tables lineage links to a table, read through the lineage.graph service when a plugin
// provides it. The trust score asks whether a table's sources are known, coverage how many
// tables depend on it; both say why when lineage cannot answer instead of failing.
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

/// Tables linked to one table, or why they are unknown.
struct LinkedTables {
  std::optional<std::vector<std::string>> tables;  ///< nullopt when lineage could not answer
  std::string note;  ///< why they are unknown, or where they were read from
};

/// The tables up to `depth` hops from `tableFqn` in `direction`; unknown (with the note) when
/// `graph` is null or the walk fails. Cancellation is rethrown.
LinkedTables linkedTables(services::LineageGraph* graph, Workspace& ws, const std::string& tableFqn,
                          services::LineageDirection direction, int depth, const CallOptions& call);

}  // namespace clxs::observability
