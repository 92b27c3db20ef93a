// Fixture: provides the fixture.greeter service.
#include <memory>
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/services.hpp"
#include "greeter_service.hpp"

namespace {

class PoliteGreeter final : public fixture::Greeter {
 public:
  [[nodiscard]] std::string greet(const std::string& name) const override {
    return "Hello, " + name + "!";
  }
};

class ProviderPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"provider", "1.0.0", "Test fixture: provides a service",
                                          "", fixture::Greeter::kServiceName};

  void start(clxs::Host& host) override {
    host.services().provide<fixture::Greeter>(std::make_shared<PoliteGreeter>());
  }
};

}  // namespace

CLXS_PLUGIN(ProviderPlugin)
