// The explorer plugin: read-only browsing of catalogs, schemas, tables and their metadata.
#include "clxs/plugin.hpp"
#include "plugins/explorer/explorer_routes.hpp"

namespace clxs::explorer {

/// Registers the Catalog Explorer routes on start; it keeps no state and runs no background
/// work, so stop() is empty.
class ExplorerPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "explorer", "1.0.0",
      "Catalog explorer: catalogs, schemas, tables, views, functions, volumes and table metadata",
      ""};

  void start(Host& host) override {
    registerExplorerRoutes(host.routes(), host.cache(), host.clock());
  }
};

}  // namespace clxs::explorer

CLXS_PLUGIN(clxs::explorer::ExplorerPlugin)
