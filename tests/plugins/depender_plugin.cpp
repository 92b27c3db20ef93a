// Fixture: depends on testjobs, so testjobs cannot be disabled while this is enabled.
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class DependerPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"depender", "1.0.0", "Test fixture: depends on testjobs",
                                          "testjobs"};

  void start(clxs::Host& host) override {
    host.routes().add(
        {.method = clxs::Method::Get, .path = "/api/depender/ping", .summary = "Answers pong"},
        [](const clxs::Request&) -> clxs::Response {
          return clxs::Json{{"pong", true}, {"plugin", "depender"}};
        });
  }
};

}  // namespace

CLXS_PLUGIN(DependerPlugin)
