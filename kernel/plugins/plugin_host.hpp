// Loads plugins from a directory with Boost.DLL, checks their ABI before anything else,
// starts them in dependency order and enables/disables them at run time.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs {
class Cache;
class ChangeLog;
class Clock;
class ConfigView;
class Workspace;
struct Credentials;
}  // namespace clxs

namespace clxs::kernel {

class EventBus;
class JobQueue;
class JsonLogger;
class Router;
class ScheduleRunner;
class ServiceRegistry;
class StateStore;
struct LoadedLibrary;

/// The kernel services a plugin's Host is built from.
struct HostServices {
  Router& router;             ///< routes
  JobQueue& jobs;             ///< job queue
  StateStore& store;          ///< state store
  EventBus& events;           ///< event bus
  const Clock& clock;         ///< time
  Cache& cache;               ///< metadata cache
  const ConfigView& config;   ///< configuration
  JsonLogger& log;            ///< the server log
  ServiceRegistry& services;  ///< services between plugins
  ScheduleRunner& scheduler;  ///< schedules
  const ChangeLog& changes;   ///< the change log
  /// Opens a workspace for credentials (the kernel's workspace provider).
  std::function<std::shared_ptr<Workspace>(const Credentials&)> openWorkspace;
  std::filesystem::path dataDir;  ///< server data directory
};

/// Owns every plugin library. A library stays loaded while the host, a route or a job
/// references it; disabling drops the host's reference, so the code unloads once the last
/// in-flight request or job ends.
class PluginHost {
 public:
  /// Plugins are looked up in `pluginsDir` (every `*.so`, in name order).
  PluginHost(HostServices services, std::filesystem::path pluginsDir);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  /// Loads every library, checks it, and starts the enabled ones in dependency order.
  /// Failures are recorded per plugin; the rest carry on.
  void loadAll();
  /// Stops every running plugin in reverse start order.
  void stopAll();

  /// GET /api/plugins: one entry per plugin file found.
  [[nodiscard]] Json list() const;
  /// How many plugins are found, running, enabled, and enabled but failed (/api/health).
  struct Counts {
    int total = 0;    ///< plugin libraries found
    int loaded = 0;   ///< running
    int enabled = 0;  ///< enabled
    int failed = 0;   ///< enabled but failed to start
    bool operator==(const Counts&) const = default;
  };
  /// The counts now (a consistent set; lock-free, since the health check asks on every call).
  [[nodiscard]] Counts counts() const;
  /// Enables or disables at once and persists the choice. Throws HttpError 404 (unknown),
  /// 409 (dependency constraints) or 500 (start failed, with its message). Disabling
  /// unroutes the plugin and cancels its jobs at once; its instance and host are destroyed
  /// when the last in-flight request or job that holds them ends. list() and counts()
  /// never wait for a plugin's start() or stop().
  Json setEnabled(const std::string& name, bool enabled);

  struct Record;

 private:
  void startRecord(Record& r, std::shared_ptr<LoadedLibrary> lib = nullptr);
  void rememberRoutes(const std::string& name);
  void stopRecord(Record& r);
  Record* find(const std::string& name);
  Json entry(const Record& r) const;  // with mu_ held

  // Holds mu_ while a record changes; on release it refreshes packedCounts_.
  class Editing {
   public:
    explicit Editing(PluginHost& host) : host_(host), lock_(host.mu_) {}
    ~Editing() { host_.recountLocked(); }
    Editing(const Editing&) = delete;
    Editing& operator=(const Editing&) = delete;

   private:
    PluginHost& host_;
    std::lock_guard<std::mutex> lock_;
  };
  void recountLocked();  // with mu_ held

  HostServices services_;
  std::filesystem::path pluginsDir_;
  std::mutex opMu_;  // serialises load, start, stop and toggles

  // counts() in 16 bits a field, so the set is one lock-free atomic; written under mu_.
  struct PackedCounts {
    std::uint16_t total = 0;
    std::uint16_t loaded = 0;
    std::uint16_t enabled = 0;
    std::uint16_t failed = 0;
  };
  std::atomic<PackedCounts> packedCounts_{};
  mutable std::mutex mu_;                         // guards each record's enabled, running and error
  std::vector<std::unique_ptr<Record>> records_;  // in start (dependency) order
};

}  // namespace clxs::kernel
