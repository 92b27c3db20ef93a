// Data Quality › schedules: a suite or a table's checks run on a cron, on the kernel's scheduler
// (each slot fires once, across restarts and processes), as a job that records its run.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/store.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/quality_settings.hpp"
#include "plugins/quality/suite_runner.hpp"

namespace clxs::quality {

/// What the schedules need from the plugin.
struct ScheduleDeps {
  Store* store = nullptr;                                 ///< the plugin's store
  Scheduler* scheduler = nullptr;                         ///< the plugin's scheduler
  Jobs* jobs = nullptr;                                   ///< the plugin's job queue
  const Clock* clock = nullptr;                           ///< the plugin's clock
  std::function<std::shared_ptr<Workspace>()> workspace;  ///< the workspace scheduled runs use
  std::shared_ptr<CheckRepository> checks;                ///< checks and runs
  std::shared_ptr<SuiteRepository> suites;                ///< suites
  std::shared_ptr<SuiteRunner> runner;                    ///< runs suites
  std::shared_ptr<QualitySettings> settings;              ///< failure_sample_limit
};

/// The schedules and their routes.
class QualitySchedules : public std::enable_shared_from_this<QualitySchedules> {
 public:
  /// Uses `deps` (all set; they outlive this).
  explicit QualitySchedules(ScheduleDeps deps) : d_(std::move(deps)) {}
  /// The table's migration (after the failure samples').
  static std::vector<Migration> migrations();
  /// Puts every schedule that is not paused on the scheduler (on plugin start).
  void start();
  /// Registers the six routes.
  void registerRoutes(Routes& routes);

  /// A schedule's run now, as a job; `by` is who started it ("scheduler" for a slot).
  std::string submit(const std::string& scheduleId, const std::string& by);

 private:
  void arm(const Json& row);
  Json rowJson(const Json& row) const;
  Json find(const std::string& id) const;

  ScheduleDeps d_;
};

}  // namespace clxs::quality
