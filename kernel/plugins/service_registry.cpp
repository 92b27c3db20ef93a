#include "kernel/plugins/service_registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "clxs/error.hpp"

namespace clxs::kernel {

void ServiceRegistry::declare(const std::string& service, const std::string& plugin) {
  std::lock_guard lock(mu_);
  auto& plugins = declared_[service];
  if (std::find(plugins.begin(), plugins.end(), plugin) == plugins.end()) plugins.push_back(plugin);
}

void ServiceRegistry::provide(const std::string& owner, const std::string& service,
                              std::shared_ptr<void> impl, std::shared_ptr<const void> lease) {
  if (!impl) throw std::logic_error("service '" + service + "': no implementation given");
  auto live = std::make_shared<const Live>(Live{std::move(lease), owner, std::move(impl)});
  std::lock_guard lock(mu_);
  auto it = live_.find(service);
  if (it != live_.end() && it->second->owner != owner) {
    throw std::logic_error("service '" + service + "' is provided by plugin '" + it->second->owner +
                           "' already");
  }
  live_[service] = std::move(live);
}

std::shared_ptr<void> ServiceRegistry::get(const std::string& service) const {
  std::lock_guard lock(mu_);
  auto it = live_.find(service);
  if (it != live_.end()) {
    const std::shared_ptr<const Live>& live = it->second;
    return std::shared_ptr<void>(live, live->impl.get());
  }
  auto d = declared_.find(service);
  if (d == declared_.end() || d->second.empty()) {
    throw unavailable("Service '" + service + "' is unavailable: no installed plugin provides it");
  }
  std::string names;
  for (const auto& p : d->second) names += (names.empty() ? "'" : ", '") + p + "'";
  throw unavailable("Service '" + service + "' is unavailable: plugin " + names +
                    ", which provides it, is disabled or failed to start; enable it");
}

bool ServiceRegistry::available(const std::string& service) const {
  std::lock_guard lock(mu_);
  return live_.count(service) != 0;
}

void ServiceRegistry::releaseOwner(const std::string& owner) {
  std::vector<std::shared_ptr<const Live>> gone;  // destroyed after the lock
  std::lock_guard lock(mu_);
  for (auto it = live_.begin(); it != live_.end();) {
    if (it->second->owner == owner) {
      gone.push_back(std::move(it->second));
      it = live_.erase(it);
    } else {
      ++it;
    }
  }
}

std::vector<std::string> ServiceRegistry::providersOf(const std::string& service) const {
  std::lock_guard lock(mu_);
  auto d = declared_.find(service);
  return d == declared_.end() ? std::vector<std::string>{} : d->second;
}

}  // namespace clxs::kernel
