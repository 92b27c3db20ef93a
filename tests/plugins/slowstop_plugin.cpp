// Fixture: a plugin whose stop() takes 5 s, to prove that a slow plugin delays nothing but
// its own toggle (the health check and the plugin list answer at once meanwhile).
#include <chrono>
#include <thread>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class SlowStopPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"slowstop", "1.0.0",
                                          "Test fixture: stop() sleeps for 5 seconds", ""};

  void start(clxs::Host& host) override {
    host.routes().add({.method = clxs::Method::Get, .path = "/api/slowstop/ping", .summary = "Pong"},
                      [](const clxs::Request&) -> clxs::Response {
                        return clxs::Json{{"pong", true}};
                      });
  }
  void stop() override { std::this_thread::sleep_for(std::chrono::seconds(5)); }
};

}  // namespace

CLXS_PLUGIN(SlowStopPlugin)
