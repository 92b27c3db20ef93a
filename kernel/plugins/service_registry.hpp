// The registry behind clxs::Services: which plugin provides which service, and the live
// implementations. A consumer gets a pointer that also holds the provider's lease, so a
// provider disabled meanwhile stays loaded until that call ends.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace clxs::kernel {

/// Thread-safe.
class ServiceRegistry {
 public:
  /// Records that `plugin` declares it provides `service` (from its PluginInfo), so a
  /// missing service's 503 can name the plugin to enable.
  void declare(const std::string& service, const std::string& plugin);
  /// Publishes `owner`'s implementation; `lease` keeps the owner's code loaded. Throws
  /// std::logic_error when another plugin provides the service already.
  void provide(const std::string& owner, const std::string& service, std::shared_ptr<void> impl,
               std::shared_ptr<const void> lease);
  /// The implementation, holding the provider's lease; throws HttpError 503 naming the
  /// service and the plugin that provides it (or that none does).
  [[nodiscard]] std::shared_ptr<void> get(const std::string& service) const;
  /// Whether the service is provided now.
  [[nodiscard]] bool available(const std::string& service) const;
  /// Withdraws every service of `owner` (it is being disabled).
  void releaseOwner(const std::string& owner);
  /// Plugins declared as providing `service`.
  [[nodiscard]] std::vector<std::string> providersOf(const std::string& service) const;

 private:
  struct Live {
    std::shared_ptr<const void> lease;  // first, so released after the implementation
    std::string owner;
    std::shared_ptr<void> impl;
  };

  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::string>> declared_;  // service -> plugins
  std::map<std::string, std::shared_ptr<const Live>> live_;   // service -> provider
};

}  // namespace clxs::kernel
