// Fixture: handlers that throw, to prove a failing handler costs one 500 and nothing more.
#include <stdexcept>
#include <string>

#include "clxs/error.hpp"
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct ThrowerOk {
  std::string status = "ok";
  std::string plugin = "thrower";
  static const clxs::Schema<ThrowerOk>& schema() {
    static const auto s = clxs::Schema<ThrowerOk>("ThrowerOk")
                              .field("status", &ThrowerOk::status, "Always ok")
                              .field("plugin", &ThrowerOk::plugin, "This plugin's name");
    return s;
  }
};

class ThrowerPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"thrower", "1.0.0", "Test fixture: routes that throw",
                                          ""};

  void start(clxs::Host& host) override {
    auto& routes = host.routes();
    // The two failing routes never answer 200, so they declare no response model.
    routes.get("/api/thrower/boom")
        .summary("Throws std::runtime_error")
        .handle([](const clxs::Request&) -> clxs::Response {
          throw std::runtime_error("thrower: boom on purpose");
        });
    routes.get("/api/thrower/http")
        .summary("Throws HttpError 418")
        .handle([](const clxs::Request&) -> clxs::Response {
          throw clxs::HttpError(418, "thrower: I'm a teapot");
        });
    routes.get("/api/thrower/ok")
        .summary("Works")
        .returns<ThrowerOk>()
        .handle([](const clxs::Request&) { return ThrowerOk{}; });
  }
};

}  // namespace

CLXS_PLUGIN(ThrowerPlugin)
