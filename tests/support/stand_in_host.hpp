// A clxs::Host for unit tests that run a plugin's start() or route registration in-process:
// captured routes, an SQLite store, a manual clock and a plain service registry; jobs and
// configuration when a test hands them in; every other service throws, naming what the code
// under test reached for.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "clxs/host.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/services.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::testing {

/// Services by name, with no plugin lifetimes behind them.
class MapServices final : public Services {
 public:
  void provideErased(const std::string& name, std::shared_ptr<void> impl) override {
    if (!impl_.emplace(name, std::move(impl)).second) {
      throw std::logic_error("the service " + name + " is provided already");
    }
  }
  [[nodiscard]] std::shared_ptr<void> getErased(const std::string& name) const override {
    const auto it = impl_.find(name);
    if (it == impl_.end()) throw std::logic_error("no provider of " + name + " here");
    return it->second;
  }
  [[nodiscard]] bool availableErased(const std::string& name) const override {
    return impl_.count(name) != 0;
  }

 private:
  std::map<std::string, std::shared_ptr<void>> impl_;
};

/// See the file comment.
class StandInHost final : public Host {
 public:
  /// A host for plugin `name`.
  explicit StandInHost(std::string name) : name_(std::move(name)) {}

  /// Serve jobs() with `jobs` (owned by the test).
  void useJobs(Jobs& jobs) { jobs_ = &jobs; }
  /// Serve scheduler() with `scheduler` (owned by the test).
  void useScheduler(Scheduler& scheduler) { scheduler_ = &scheduler; }
  /// Serves dataDir() from `dir` (a test's temporary directory).
  void useDataDir(std::filesystem::path dir) { dataDir_ = std::move(dir); }
  /// Serve config() with `config` (owned by the test).
  void useConfig(const ConfigView& config) { config_ = &config; }

  const std::string& pluginName() const override { return name_; }
  Routes& routes() override { return routes_; }
  Store& store() override { return store_; }
  const Clock& clock() override { return clock_; }
  Jobs& jobs() override { return jobs_ != nullptr ? *jobs_ : throw unused("jobs"); }
  const ConfigView& config() override {
    return config_ != nullptr ? *config_ : throw unused("config");
  }
  Events& events() override { throw unused("events"); }
  Logger& log() override { throw unused("log"); }
  Cache& cache() override { throw unused("cache"); }
  std::shared_ptr<Workspace> workspace(const Credentials&) override { throw unused("workspace"); }
  std::filesystem::path dataDir() override {
    return !dataDir_.empty() ? dataDir_ : throw unused("dataDir");
  }
  Services& services() override { return services_; }
  Scheduler& scheduler() override {
    return scheduler_ != nullptr ? *scheduler_ : throw unused("scheduler");
  }
  const ChangeLog& changes() override { throw unused("changes"); }

  /// The routes registered so far.
  CaptureRoutes& captured() { return routes_; }
  /// The store, for direct inspection.
  SqliteTestStore& sqlite() { return store_; }
  /// The clock, to move time.
  ManualClock& manualClock() { return clock_; }
  /// The services provided so far.
  MapServices& provided() { return services_; }

 private:
  std::logic_error unused(const char* what) const {
    return std::logic_error("the " + name_ + " plugin should not need " + what + " here");
  }
  std::string name_;
  CaptureRoutes routes_;
  SqliteTestStore store_;
  ManualClock clock_;
  MapServices services_;
  Jobs* jobs_ = nullptr;
  Scheduler* scheduler_ = nullptr;
  std::filesystem::path dataDir_;
  const ConfigView* config_ = nullptr;
};

}  // namespace clxs::testing
