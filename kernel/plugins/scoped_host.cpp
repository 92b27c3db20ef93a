#include "kernel/plugins/scoped_host.hpp"

#include <iostream>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/store.hpp"
#include "kernel/events/event_bus.hpp"
#include "kernel/http/router.hpp"
#include "kernel/jobs/job_queue.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// Subscriptions made through this wrapper hold the plugin's library (declared first, so
/// destroyed after the handler) and end on release().
class ScopedHost::ScopedEvents final : public Events {
 public:
  ScopedEvents(EventBus& bus, std::shared_ptr<const void> library)
      : bus_(bus), library_(std::move(library)) {}
  void publish(const std::string& topic, const Json& payload) override {
    bus_.publish(topic, payload);
  }
  std::uint64_t subscribe(const std::string& topic,
                          std::function<void(const Json&)> handler) override {
    struct Holder {
      std::shared_ptr<const void> library;
      std::function<void(const Json&)> handler;
      void operator()(const Json& j) const { handler(j); }
    };
    auto id = bus_.subscribe(topic, Holder{library_, std::move(handler)});
    std::lock_guard lock(mu_);
    ids_.push_back(id);
    return id;
  }
  void unsubscribe(std::uint64_t id) override {
    bus_.unsubscribe(id);
    std::lock_guard lock(mu_);
    std::erase(ids_, id);
  }
  void releaseAll() {
    std::lock_guard lock(mu_);
    for (auto id : ids_) bus_.unsubscribe(id);
    ids_.clear();
  }

 private:
  EventBus& bus_;
  std::shared_ptr<const void> library_;
  std::mutex mu_;
  std::vector<std::uint64_t> ids_;
};

/// JSON lines on stderr, tagged with the plugin's name.
class ScopedHost::PluginLogger final : public Logger {
 public:
  explicit PluginLogger(std::string name) : name_(std::move(name)) {}
  void log(LogLevel level, std::string_view message) override {
    static constexpr const char* kNames[] = {"debug", "info", "warning", "error"};
    const Json line{{"ts", isoUtc(std::chrono::system_clock::now())},
                    {"level", kNames[static_cast<int>(level)]},
                    {"plugin", name_},
                    {"msg", std::string(message)}};
    std::cerr << line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  std::string name_;
};

ScopedHost::ScopedHost(const HostServices& services, std::string name,
                       std::shared_ptr<const void> library)
    : services_(services), name_(std::move(name)), library_(std::move(library)) {
  routes_ = std::make_unique<OwnedRoutes>(services_.router, name_, library_);
  jobs_ = services_.jobs.scoped(name_, library_);
  store_ = services_.store.forPlugin(name_);
  events_ = std::make_unique<ScopedEvents>(services_.events, library_);
  log_ = std::make_unique<PluginLogger>(name_);
}

ScopedHost::~ScopedHost() = default;

Routes& ScopedHost::routes() {
  return *routes_;
}
Jobs& ScopedHost::jobs() {
  return *jobs_;
}
Store& ScopedHost::store() {
  return *store_;
}
Events& ScopedHost::events() {
  return *events_;
}
Logger& ScopedHost::log() {
  return *log_;
}
const Clock& ScopedHost::clock() {
  return services_.clock;
}
Cache& ScopedHost::cache() {
  return services_.cache;
}
const ConfigView& ScopedHost::config() {
  return services_.config;
}

std::shared_ptr<Workspace> ScopedHost::workspace(const Credentials& credentials) {
  return services_.openWorkspace(credentials);
}

std::filesystem::path ScopedHost::dataDir() {
  auto dir = services_.dataDir / "plugins" / name_;
  std::filesystem::create_directories(dir);
  return dir;
}

void ScopedHost::release() {
  services_.router.disableOwner(name_);
  services_.jobs.cancelOwnedBy(name_);
  events_->releaseAll();
}

}  // namespace clxs::kernel
