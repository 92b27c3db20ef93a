// Fixture: depends on a plugin that does not exist, so the host must not start it.
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct NeedsMissingPing {
  std::string plugin = "needsmissing";
  static const clxs::Schema<NeedsMissingPing>& schema() {
    static const auto s = clxs::Schema<NeedsMissingPing>("NeedsMissingPing")
                              .field("plugin", &NeedsMissingPing::plugin, "This plugin's name");
    return s;
  }
};

class NeedsMissingPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{
      "needsmissing", "1.0.0", "Test fixture: depends on a missing plugin", "doesnotexist"};

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/needsmissing/ping")
        .summary("Must never be served")
        .returns<NeedsMissingPing>()
        .handle([](const clxs::Request&) { return NeedsMissingPing{}; });
  }
};

}  // namespace

CLXS_PLUGIN(NeedsMissingPlugin)
