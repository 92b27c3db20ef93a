// The platform plugin: Databricks platform assets around the catalogs.
#include "clxs/plugin.hpp"
#include "plugins/platform/warehouse_routes.hpp"

namespace clxs::platform {

/// Registers the platform routes on start; it holds no background work, so stop() is empty.
class PlatformPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{"platform", "1.0.0",
                                    "Platform assets: SQL warehouse start and stop", ""};

  void start(Host& host) override { registerWarehouseRoutes(host.routes(), host.clock()); }
};

}  // namespace clxs::platform

CLXS_PLUGIN(clxs::platform::PlatformPlugin)
