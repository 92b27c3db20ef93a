// Fixture: uses the fixture.greeter service and reads the kernel's change log.
#include <string>

#include "clxs/change_log.hpp"
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "greeter_service.hpp"

namespace {

class ConsumerPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{
      "consumer", "1.0.0", "Test fixture: uses a service, reads the change log",
      "",         nullptr, fixture::Greeter::kServiceName};

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/consumer/greet")
        .summary("Greets through the provider's service")
        .handle([&host](const clxs::Request&) {
          const auto greeter = host.services().get<fixture::Greeter>();  // 503 when missing
          return clxs::Json{{"greeting", greeter->greet("consumer")}};
        });
    host.routes()
        .post("/api/consumer/touch")
        .summary("Changes nothing, but is declared as a change")
        .mutates()
        .handle([](const clxs::Request&) {
          return clxs::Json{{"touched", true}};
        });
    host.routes()
        .get("/api/consumer/changes")
        .summary("The change log as a plugin reads it")
        .query("plugin", clxs::Field::string().defaultsTo(""))
        .handle([&host](const clxs::Request& req) {
          clxs::ChangeQuery q;
          q.plugin = req.query().value("plugin", std::string());
          clxs::Json out = clxs::Json::array();
          for (auto& e : host.changes().list(q)) out.push_back(std::move(e));
          return out;
        });
  }
};

}  // namespace

CLXS_PLUGIN(ConsumerPlugin)
