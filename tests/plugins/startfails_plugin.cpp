// Fixture: registers a route and then fails to start; the host must list the error and
// must not serve the route registered before the failure.
#include <stdexcept>
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct StartFailsGhost {
  std::string plugin = "startfails";
  static const clxs::Schema<StartFailsGhost>& schema() {
    static const auto s = clxs::Schema<StartFailsGhost>("StartFailsGhost")
                              .field("plugin", &StartFailsGhost::plugin, "This plugin's name");
    return s;
  }
};

class StartFailsPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"startfails", "1.0.0", "Test fixture: start() throws",
                                          ""};

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/startfails/ghost")
        .summary("Registered before start() fails")
        .returns<StartFailsGhost>()
        .handle([](const clxs::Request&) { return StartFailsGhost{}; });
    throw std::runtime_error("startfails: start() failed on purpose");
  }
};

}  // namespace

CLXS_PLUGIN(StartFailsPlugin)
