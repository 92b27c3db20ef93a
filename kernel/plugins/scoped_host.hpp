// The clxs::Host one plugin receives: every service scoped to that plugin, so that
// release() removes everything it registered.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/events.hpp"
#include "clxs/host.hpp"
#include "clxs/log.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/services.hpp"
#include "kernel/plugins/plugin_host.hpp"

namespace clxs::kernel {

class OwnedRoutes;

/// Host services for plugin `name`. Every route, job and subscription registered through it
/// holds the plugin's lease (`lease`: the library, the plugin instance and this host), so
/// none of them can outlive the code or the host it calls.
class ScopedHost final : public Host {
 public:
  /// `provides`: the services the plugin declared (PluginInfo::provides).
  ScopedHost(const HostServices& services, std::string name, std::vector<std::string> provides,
             std::weak_ptr<const void> pluginLease);
  ~ScopedHost() override;

  const std::string& pluginName() const override { return name_; }
  Routes& routes() override;
  Jobs& jobs() override;
  Store& store() override;
  Events& events() override;
  Logger& log() override;
  const Clock& clock() override;
  Cache& cache() override;
  const ConfigView& config() override;
  std::shared_ptr<Workspace> workspace(const Credentials& credentials) override;
  std::filesystem::path dataDir() override;
  Services& services() override;
  Scheduler& scheduler() override;
  const ChangeLog& changes() override;

  /// Unroutes the plugin, cancels its jobs and ends its subscriptions; from then on new
  /// routes, jobs and subscriptions are refused with 503.
  void release();

 private:
  class ScopedEvents;
  class ScopedServices;

  // A strong reference to the lease for one more route, job or subscription.
  std::shared_ptr<const void> lease() const;

  const HostServices& kernel_;
  std::string name_;
  std::weak_ptr<const void> lease_;
  std::atomic<bool> released_{false};
  std::unique_ptr<OwnedRoutes> routes_;
  std::unique_ptr<Jobs> jobs_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ScopedEvents> events_;
  std::unique_ptr<Logger> log_;
  std::unique_ptr<ScopedServices> services_;
  std::unique_ptr<Scheduler> scheduler_;
};

}  // namespace clxs::kernel
