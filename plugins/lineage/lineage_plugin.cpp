// The lineage plugin: table lineage as a service (lineage.graph) for the plugins that need to
// know what feeds a table and what it feeds.
#include <memory>

#include "clxs/plugin.hpp"
#include "clxs/services.hpp"
#include "plugins/lineage/lineage_graph.hpp"

namespace clxs::lineage {

/// Provides the lineage.graph service on start.
class LineagePlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "lineage", "0.1.0",
      "Lineage: the tables upstream and downstream of a table, from the workspace's lineage "
      "system table",
      "", services::LineageGraph::kServiceName};

  void start(Host& host) override {
    host.services().provide<services::LineageGraph>(std::make_shared<WorkspaceLineageGraph>());
  }
};

}  // namespace clxs::lineage

CLXS_PLUGIN(clxs::lineage::LineagePlugin)
