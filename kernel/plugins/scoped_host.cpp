#include "kernel/plugins/scoped_host.hpp"

#include <iostream>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"
#include "clxs/jobs.hpp"
#include "clxs/store.hpp"
#include "kernel/events/event_bus.hpp"
#include "kernel/http/router.hpp"
#include "kernel/jobs/job_queue.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// Subscriptions made through this wrapper hold the plugin's lease (declared first, so
/// released after the handler) and end on release().
class ScopedHost::ScopedEvents final : public Events {
 public:
  ScopedEvents(EventBus& bus, LeaseSource lease) : bus_(bus), lease_(std::move(lease)) {}
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
    auto id = bus_.subscribe(topic, Holder{lease_(), std::move(handler)});
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
  LeaseSource lease_;
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
                       std::weak_ptr<const void> pluginLease)
    : services_(services), name_(std::move(name)), lease_(std::move(pluginLease)) {
  // The sources run only while this host exists (they live in its members).
  routes_ = std::make_unique<OwnedRoutes>(services_.router, name_, [this] { return lease(); });
  jobs_ = services_.jobs.scoped(name_, [this] { return lease(); });
  store_ = services_.store.forPlugin(name_);
  events_ = std::make_unique<ScopedEvents>(services_.events, [this] { return lease(); });
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

std::shared_ptr<const void> ScopedHost::lease() const {
  auto held = released_ ? nullptr : lease_.lock();
  if (!held) throw unavailable("Plugin '" + name_ + "' is being disabled; try again once it is enabled");
  return held;
}

void ScopedHost::release() {
  released_ = true;
  services_.router.disableOwner(name_);
  services_.jobs.cancelOwnedBy(name_);
  events_->releaseAll();
}

}  // namespace clxs::kernel
