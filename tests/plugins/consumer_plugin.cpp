// Fixture: uses the fixture.greeter service, reads the kernel's change log, and decorates the
// kernel's workspace from a plugin.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/change_log.hpp"
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"
#include "clxs/services.hpp"
#include "clxs/workspace.hpp"
#include "greeter_service.hpp"

namespace {

// Records the calls it sees.
class Seen final : public clxs::CallInterceptor {
 public:
  void before(const clxs::WorkspaceCall& call) override {
    const std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(std::string(call.service) + ":" + call.describe());
  }
  clxs::Json calls() const {
    const std::lock_guard<std::mutex> lock(mu_);
    return clxs::Json(calls_);
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> calls_;
};

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
    // The kernel made the workspace; this plugin links its own copy of the SDK. Each call
    // below must be seen once, not again for the SQL the kernel's catalog service runs.
    host.routes()
        .get("/api/consumer/intercepted")
        .summary("What an interceptor this plugin installs sees of two catalog calls")
        .handle([](const clxs::Request& req) {
          const auto ws = req.workspace();
          const auto seen = std::make_shared<Seen>();
          ws->intercept(seen);
          (void)ws->catalog().grants("CATALOG", "main", {});
          (void)ws->catalog().tags("CATALOG", "main", {});
          ws->stopIntercepting(seen.get());
          return seen->calls();
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
