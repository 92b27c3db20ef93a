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
struct Credentials;

/// What a plugin may use. Everything is scoped to the plugin: routes, jobs, tables and
/// subscriptions it creates end when it is disabled.
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
  /// Log, lines prefixed with the plugin's name.
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
};

}  // namespace clxs
