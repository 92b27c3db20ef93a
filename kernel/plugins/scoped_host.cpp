#include "kernel/plugins/scoped_host.hpp"

#include <algorithm>
#include <stdexcept>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"
#include "clxs/jobs.hpp"
#include "clxs/store.hpp"
#include "kernel/events/event_bus.hpp"
#include "kernel/http/router.hpp"
#include "kernel/jobs/job_queue.hpp"
#include "kernel/log/json_logger.hpp"
#include "kernel/plugins/service_registry.hpp"
#include "kernel/scheduler/schedule_runner.hpp"
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

/// The plugin's view of the service registry: it may provide only what it declared.
class ScopedHost::ScopedServices final : public Services {
 public:
  ScopedServices(ServiceRegistry& registry, std::string owner, std::vector<std::string> provides,
                 LeaseSource lease)
      : registry_(registry),
        owner_(std::move(owner)),
        provides_(std::move(provides)),
        lease_(std::move(lease)) {}
  void provideErased(const std::string& name, std::shared_ptr<void> impl) override {
    if (std::find(provides_.begin(), provides_.end(), name) == provides_.end()) {
      throw std::logic_error("plugin '" + owner_ + "' provides service '" + name +
                             "' without declaring it in PluginInfo::provides");
    }
    registry_.provide(owner_, name, std::move(impl), lease_());
  }
  [[nodiscard]] std::shared_ptr<void> getErased(const std::string& name) const override {
    return registry_.get(name);
  }
  [[nodiscard]] bool availableErased(const std::string& name) const override {
    return registry_.available(name);
  }

 private:
  ServiceRegistry& registry_;
  std::string owner_;
  std::vector<std::string> provides_;
  LeaseSource lease_;
};

ScopedHost::ScopedHost(const HostServices& kernel, std::string name,
                       std::vector<std::string> provides, std::weak_ptr<const void> pluginLease)
    : kernel_(kernel), name_(std::move(name)), lease_(std::move(pluginLease)) {
  // The sources run only while this host exists (they live in its members).
  const auto source = [this] { return lease(); };
  routes_ = std::make_unique<OwnedRoutes>(kernel_.router, name_, source);
  jobs_ = kernel_.jobs.scoped(name_, source);
  store_ = kernel_.store.forPlugin(name_);
  events_ = std::make_unique<ScopedEvents>(kernel_.events, source);
  log_ = kernel_.log.forPlugin(name_);
  services_ =
      std::make_unique<ScopedServices>(kernel_.services, name_, std::move(provides), source);
  scheduler_ = kernel_.scheduler.forOwner(name_, source);
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
  return kernel_.clock;
}
Cache& ScopedHost::cache() {
  return kernel_.cache;
}
const ConfigView& ScopedHost::config() {
  return kernel_.config;
}

std::shared_ptr<Workspace> ScopedHost::workspace(const Credentials& credentials) {
  return kernel_.openWorkspace(credentials);
}

Services& ScopedHost::services() {
  return *services_;
}
Scheduler& ScopedHost::scheduler() {
  return *scheduler_;
}
const ChangeLog& ScopedHost::changes() {
  return kernel_.changes;
}

std::filesystem::path ScopedHost::dataDir() {
  auto dir = kernel_.dataDir / "plugins" / name_;
  std::filesystem::create_directories(dir);
  return dir;
}

std::shared_ptr<const void> ScopedHost::lease() const {
  auto held = released_ ? nullptr : lease_.lock();
  if (!held)
    throw unavailable("Plugin '" + name_ + "' is being disabled; try again once it is enabled");
  return held;
}

void ScopedHost::release() {
  released_ = true;
  kernel_.router.disableOwner(name_);
  kernel_.services.releaseOwner(name_);
  kernel_.scheduler.releaseOwner(name_);
  kernel_.jobs.cancelOwnedBy(name_);
  events_->releaseAll();
}

}  // namespace clxs::kernel
