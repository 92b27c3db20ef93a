#include "plugins/observability/copq_compute.hpp"

#include <map>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/lineage_links.hpp"

namespace clxs::observability {

DownstreamOf lineageDownstream(std::shared_ptr<services::LineageGraph> graph,
                               std::shared_ptr<Workspace> ws, CallOptions call) {
  if (!graph) {
    return [](const std::string&) {
      return DownstreamTables{0, false,
                              "lineage not available (service lineage.graph is not "
                              "installed or is disabled): downstream_tables counted as 0"};
    };
  }
  return [graph, ws, call](const std::string& tableFqn) {
    // One table's lineage failing (a dropped table, a timeout) costs that table its
    // downstream component, not the whole compute.
    const auto found = readLineage(graph.get(), *ws, tableFqn,
                                   services::LineageDirection::Downstream, kCopqLineageDepth, call);
    if (!found.walk) {
      return DownstreamTables{0, false, found.reason + "; downstream_tables counted as 0"};
    }
    return DownstreamTables{static_cast<std::int64_t>(found.walk->tables.size()), true,
                            "downstream_tables from lineage within " +
                                std::to_string(kCopqLineageDepth) + " hops" +
                                (found.walk->truncated ? " (the walk was cut there)" : "")};
  };
}

Json computeCopqEvents(const std::vector<Json>& incidents, const CopqRates& rates,
                       const DownstreamOf& downstreamOf, CopqStore& store, const std::string& at,
                       const std::string& by,
                       const std::function<void(std::size_t done)>& progress) {
  std::map<std::string, DownstreamTables> downstream;
  std::int64_t created = 0, updated = 0, unchanged = 0, totalCents = 0;
  std::size_t done = 0;
  for (const auto& incident : incidents) {
    if (progress) progress(done);
    ++done;
    const auto tableFqn = incident.value("table_fqn", "");
    const auto key = lowerAscii(tableFqn);
    auto it = downstream.find(key);
    if (it == downstream.end()) it = downstream.emplace(key, downstreamOf(tableFqn)).first;
    CopqEvent event{incident.value("id", ""), tableFqn, incident.value("source", ""),
                    incident.value("opened_at", ""), costOfIncident(incident, rates, it->second)};
    totalCents += event.cost.totalCents();
    switch (store.save(event, at, by)) {
      case CopqSaved::Created:
        ++created;
        break;
      case CopqSaved::Updated:
        ++updated;
        break;
      case CopqSaved::Unchanged:
        ++unchanged;
        break;
    }
  }
  if (progress) progress(done);
  return {{"incidents", incidents.size()},
          {"created", created},
          {"updated", updated},
          {"unchanged", unchanged},
          {"tables", downstream.size()},
          {"total_cost", centsToAmount(totalCents)}};
}

}  // namespace clxs::observability
