// Table monitors: each enabled monitor's field health measured in one scan per table, every
// value judged by the anomaly detector (so a drift opens an incident), run as a job by POST
// …/monitoring/run or by the kernel scheduler, which looks for monitors due (their own
// frequency since their last run) every frequency_minutes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/anomaly_detector.hpp"
#include "plugins/observability/monitor_store.hpp"

namespace clxs::observability {

/// What monitoring needs from the host.
struct MonitoringDeps {
  std::shared_ptr<MonitorStore> store;                    ///< the monitors
  std::shared_ptr<AnomalyDetector> detector;              ///< judges every value
  std::shared_ptr<IncidentStore> incidents;               ///< freshness breaches
  Jobs* jobs = nullptr;                                   ///< runs
  Scheduler* scheduler = nullptr;                         ///< scheduled runs
  const Clock* clock = nullptr;                           ///< time
  std::function<std::shared_ptr<Workspace>()> workspace;  ///< the server's, for scheduled runs
};

/// The monitors' routes and schedule.
class Monitoring : public std::enable_shared_from_this<Monitoring> {
 public:
  /// Uses `deps` (they outlive this).
  explicit Monitoring(MonitoringDeps deps) : d_(std::move(deps)) {}
  /// Registers the schedule when the stored settings enable it.
  void start();
  /// Registers the monitoring routes.
  void registerRoutes(Routes& routes);

 private:
  // Queues a job measuring the enabled monitors (only those due when `dueOnly`).
  std::string submitRun(std::shared_ptr<Workspace> ws, bool dueOnly, const std::string& user);
  // Applies the stored scheduler settings to the kernel scheduler.
  void applySchedule();
  // The scheduler's state as the routes answer it.
  Json schedulerJson() const;

  MonitoringDeps d_;
};

}  // namespace clxs::observability
