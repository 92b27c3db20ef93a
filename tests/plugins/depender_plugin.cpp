// Fixture: depends on testjobs, so testjobs cannot be disabled while this is enabled.
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct DependerPong {
  bool pong = true;
  std::string plugin = "depender";
  static const clxs::Schema<DependerPong>& schema() {
    static const auto s = clxs::Schema<DependerPong>("DependerPong")
                              .field("pong", &DependerPong::pong, "Always true")
                              .field("plugin", &DependerPong::plugin, "This plugin's name");
    return s;
  }
};

class DependerPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"depender", "1.0.0", "Test fixture: depends on testjobs",
                                          "testjobs"};

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/depender/ping")
        .summary("Answers pong")
        .returns<DependerPong>()
        .handle([](const clxs::Request&) { return DependerPong{}; });
  }
};

}  // namespace

CLXS_PLUGIN(DependerPlugin)
