// The notebooks plugin: SQL notebooks for Data Lab, kept in the state store.
#include <memory>

#include "clxs/plugin.hpp"
#include "clxs/store.hpp"
#include "plugins/notebooks/notebook_repository.hpp"
#include "plugins/notebooks/notebook_routes.hpp"

namespace clxs::notebooks {

/// Registers the Notebooks area on start; it holds no background work, so stop() is empty.
class NotebooksPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{"notebooks", "1.0.0",
                                    "SQL notebooks: create, edit, delete and export as .sql", ""};

  void start(Host& host) override {
    host.store().migrate(NotebookRepository::migrations());
    registerNotebookRoutes(host.routes(), std::make_shared<NotebookRepository>(host.store()),
                           host.clock());
  }
};

}  // namespace clxs::notebooks

CLXS_PLUGIN(clxs::notebooks::NotebooksPlugin)
