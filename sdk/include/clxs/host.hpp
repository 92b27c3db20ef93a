// The services the kernel hands to a plugin.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace clxs {

class Routes;
class Jobs;
class Store;
class Events;
class Logger;
class Clock;
class Cache;
class ConfigView;
class Workspace;
class Services;
class Scheduler;
class ChangeLog;
struct Credentials;

/// What a plugin may use. Everything is scoped to the plugin: the routes, jobs, schedules,
/// services and subscriptions it creates end when it is disabled.
///
/// Lifetime, and what a plugin may capture. Every route handler, job body and event
/// subscription the plugin registers holds a lease on the plugin: its library, its instance
/// and this Host. So a handler, a job body or a subscription may capture `this` (the
/// plugin), `&host`, references to anything the Host returns, and shared_ptrs to the
/// plugin's own objects: they stay valid for as long as that handler, job or subscription
/// can run, even when the plugin is disabled meanwhile (disabling unroutes at once, asks its
/// jobs to cancel, and destroys the instance and the Host when the last of them ends). Once
/// disabled, the Host refuses new routes, jobs and subscriptions with HttpError 503.
/// Threads the plugin starts itself hold no lease: stop() must stop and join them. A
/// service obtained from services().get() keeps its provider loaded; hold it for one
/// request or job, not in a member.
class Host {
 public:
  virtual ~Host() = default;
  /// This plugin's name.
  [[nodiscard]] virtual const std::string& pluginName() const = 0;
  /// Route registrar.
  virtual Routes& routes() = 0;
  /// Job queue.
  virtual Jobs& jobs() = 0;
  /// State store (this plugin's tables).
  virtual Store& store() = 0;
  /// Event bus.
  virtual Events& events() = 0;
  /// The server log; lines carry the plugin's name (and the request or job id).
  virtual Logger& log() = 0;
  /// Time source.
  virtual const Clock& clock() = 0;
  /// Workspace-metadata cache.
  virtual Cache& cache() = 0;
  /// Server configuration.
  virtual const ConfigView& config() = 0;
  /// Opens the workspace for `credentials` (as Request::workspace() does).
  virtual std::shared_ptr<Workspace> workspace(const Credentials& credentials) = 0;
  /// A directory under the data directory that belongs to this plugin (created on demand).
  virtual std::filesystem::path dataDir() = 0;
  /// Services this plugin provides to others and uses from them.
  virtual Services& services() = 0;
  /// This plugin's schedules (cron or interval), persisted and fired once per slot.
  virtual Scheduler& scheduler() = 0;
  /// The kernel's record of every call of a mutating route.
  virtual const ChangeLog& changes() = 0;
};

}  // namespace clxs
