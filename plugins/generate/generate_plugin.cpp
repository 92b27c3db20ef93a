// The generate plugin: the Generate area (demo data today).
#include "clxs/plugin.hpp"
#include "plugins/generate/demo_routes.hpp"

namespace clxs::generate {

/// Registers the demo-data routes on start; its jobs are stopped by the kernel on disable.
class GeneratePlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "generate", "1.0.0",
      "Generate: demo catalogs with synthetic data for ten industries (tables, views, "
      "functions, volumes, medallion layers)",
      ""};

  void start(Host& host) override { registerDemoDataRoutes(host); }
};

}  // namespace clxs::generate

CLXS_PLUGIN(clxs::generate::GeneratePlugin)
