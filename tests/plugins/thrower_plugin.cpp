// Fixture: handlers that throw, to prove a failing handler costs one 500 and nothing more.
#include <stdexcept>

#include "clxs/error.hpp"
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class ThrowerPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"thrower", "1.0.0", "Test fixture: routes that throw",
                                          ""};

  void start(clxs::Host& host) override {
    auto& routes = host.routes();
    routes.add({.method = clxs::Method::Get,
                .path = "/api/thrower/boom",
                .summary = "Throws std::runtime_error"},
               [](const clxs::Request&) -> clxs::Response {
                 throw std::runtime_error("thrower: boom on purpose");
               });
    routes.add({.method = clxs::Method::Get,
                .path = "/api/thrower/http",
                .summary = "Throws HttpError 418"},
               [](const clxs::Request&) -> clxs::Response {
                 throw clxs::HttpError(418, "thrower: I'm a teapot");
               });
    routes.add({.method = clxs::Method::Get, .path = "/api/thrower/ok", .summary = "Works"},
               [](const clxs::Request&) -> clxs::Response {
                 return clxs::Json{{"status", "ok"}, {"plugin", "thrower"}};
               });
  }
};

}  // namespace

CLXS_PLUGIN(ThrowerPlugin)
