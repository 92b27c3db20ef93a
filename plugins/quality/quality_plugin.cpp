// The quality plugin: DQX checks and the original's rules compiled to SQL and run as one scan
// per table (Governance › DQX and DQ rules), kept in the plugin's SQLite tables with their
// runs and change log.
#include <memory>

#include "clxs/plugin.hpp"
#include "clxs/store.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/dq_rules_routes.hpp"
#include "plugins/quality/dqx_routes.hpp"
#include "plugins/quality/rule_repository.hpp"

namespace clxs::quality {

/// Registers the DQX routes on start; runs answer synchronously, so stop() is empty.
class QualityPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "quality", "0.1.0",
      "Data quality: DQX checks compiled to SQL, run as one scan per table, with results and "
      "a change log",
      ""};

  void start(Host& host) override {
    host.store().migrate(CheckRepository::migrations());
    registerDqxRoutes(host.routes(), std::make_shared<CheckRepository>(host.store()), host.clock());
  }
};

}  // namespace clxs::quality

CLXS_PLUGIN(clxs::quality::QualityPlugin)
