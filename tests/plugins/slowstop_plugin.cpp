// Fixture: a plugin whose stop() takes 5 s, to prove that a slow plugin delays nothing but
// its own toggle (the health check and the plugin list answer at once meanwhile); and a route
// whose handler sleeps 2 s, to prove that slow handlers do not delay the health check. Test
// fixture only: the shipped server has no sleeping route.
#include <chrono>
#include <thread>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct SlowStopPong {
  bool pong = true;
  static const clxs::Schema<SlowStopPong>& schema() {
    static const auto s = clxs::Schema<SlowStopPong>("SlowStopPong")
                              .field("pong", &SlowStopPong::pong, "Always true");
    return s;
  }
};

class SlowStopPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"slowstop", "1.0.0",
                                          "Test fixture: stop() sleeps for 5 seconds", ""};
  static constexpr auto kSlowHandler = std::chrono::seconds(2);

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/slowstop/ping")
        .summary("Pong")
        .returns<SlowStopPong>()
        .handle([](const clxs::Request&) { return SlowStopPong{}; });
    host.routes()
        .get("/api/slowstop/sleep")
        .summary("Pong after 2 seconds (a handler that blocks, like a long SQL statement)")
        .returns<SlowStopPong>()
        .handle([](const clxs::Request&) {
          std::this_thread::sleep_for(kSlowHandler);
          return SlowStopPong{};
        });
  }
  void stop() override { std::this_thread::sleep_for(std::chrono::seconds(5)); }
};

}  // namespace

CLXS_PLUGIN(SlowStopPlugin)
