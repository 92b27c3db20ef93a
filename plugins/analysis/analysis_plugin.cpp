// The analysis plugin: compare catalogs (POST /api/diff) and validate clones
// (POST /api/validate).
#include "clxs/plugin.hpp"
#include "plugins/analysis/analysis_routes.hpp"

namespace clxs::analysis {

/// Registers the Analysis routes on start; they answer synchronously and keep no state, so
/// stop() is empty.
class AnalysisPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "analysis", "1.0.0",
      "Catalog analysis: object-level diff and clone validation (row counts, checksums)", ""};

  void start(Host& host) override { registerAnalysisRoutes(host.routes(), host.clock()); }
};

}  // namespace clxs::analysis

CLXS_PLUGIN(clxs::analysis::AnalysisPlugin)
