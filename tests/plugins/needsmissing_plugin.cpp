// Fixture: depends on a plugin that does not exist, so the host must not start it.
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class NeedsMissingPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{
      "needsmissing", "1.0.0", "Test fixture: depends on a missing plugin", "doesnotexist"};

  void start(clxs::Host& host) override {
    host.routes().add({.method = clxs::Method::Get,
                       .path = "/api/needsmissing/ping",
                       .summary = "Must never be served"},
                      [](const clxs::Request&) -> clxs::Response {
                        return clxs::Json{{"plugin", "needsmissing"}};
                      });
  }
};

}  // namespace

CLXS_PLUGIN(NeedsMissingPlugin)
