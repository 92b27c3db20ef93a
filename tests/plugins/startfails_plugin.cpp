// Fixture: registers a route and then fails to start; the host must list the error and
// must not serve the route registered before the failure.
#include <stdexcept>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class StartFailsPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"startfails", "1.0.0", "Test fixture: start() throws",
                                          ""};

  void start(clxs::Host& host) override {
    host.routes().add({.method = clxs::Method::Get,
                       .path = "/api/startfails/ghost",
                       .summary = "Registered before start() fails"},
                      [](const clxs::Request&) -> clxs::Response {
                        return clxs::Json{{"plugin", "startfails"}};
                      });
    throw std::runtime_error("startfails: start() failed on purpose");
  }
};

}  // namespace

CLXS_PLUGIN(StartFailsPlugin)
