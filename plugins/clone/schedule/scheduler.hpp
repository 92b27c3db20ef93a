// The thread that fires scheduled clones: it sleeps on a condition variable until the next
// slot (or a change, or stop) and hands due slots to the ScheduleService.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "clxs/clock.hpp"
#include "clxs/log.hpp"
#include "plugins/clone/schedule/schedule_service.hpp"

namespace clxs::clone::schedule {

/// Owns the firing thread. Destroying it stops and joins the thread.
class Scheduler {
 public:
  /// Longest sleep: wall-clock jumps and schedules added by another process are noticed
  /// within this time.
  static constexpr std::chrono::seconds kMaxSleep{30};

  /// Fires through `service`; `clock` decides how long to sleep.
  Scheduler(std::shared_ptr<ScheduleService> service, const Clock& clock, Logger& log);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Arms the active schedules at now (no back-fill of missed slots) and starts the thread.
  void start();
  /// Stops and joins the thread; returns within milliseconds (a run being submitted is
  /// finished first). Idempotent.
  void stop();
  /// Re-evaluates at once (a schedule changed, or a test moved its clock).
  void wake();
  /// Whether the thread runs.
  [[nodiscard]] bool running() const;
  /// The schedules.
  [[nodiscard]] ScheduleService& service() { return *service_; }

 private:
  void run();

  std::shared_ptr<ScheduleService> service_;
  const Clock& clock_;
  Logger& log_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace clxs::clone::schedule
