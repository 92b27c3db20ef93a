// The analysis plugin: compare catalogs (POST /api/diff, /api/compare, /api/schema-drift,
// /api/diff-detail), validate clones (POST /api/validate) and monitor a copy (POST
// /api/monitor).
#include <memory>

#include "clxs/plugin.hpp"
#include "clxs/services.hpp"
#include "plugins/analysis/analysis_drift_routes.hpp"
#include "plugins/analysis/analysis_routes.hpp"
#include "plugins/analysis/table_comparer.hpp"

namespace clxs::analysis {

/// Registers the Analysis routes and provides the table comparison service on start; they
/// answer synchronously and keep no state, so stop() is empty.
class AnalysisPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "analysis", "1.0.0",
      "Catalog analysis: object-level diff, column drift, clone validation (row counts, "
      "checksums) and monitoring checks",
      "", services::TableComparer::kServiceName};

  void start(Host& host) override {
    host.services().provide<services::TableComparer>(std::make_shared<AnalysisTableComparer>());
    registerAnalysisRoutes(host.routes(), host.clock());
    registerDriftRoutes(host.routes(), host.clock(), host.config());
  }
};

}  // namespace clxs::analysis

CLXS_PLUGIN(clxs::analysis::AnalysisPlugin)
