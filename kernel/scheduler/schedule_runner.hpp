// The kernel's scheduler: every plugin's schedules, persisted in the state store, fired by
// one thread. A slot is claimed in the store (compare-and-set on the last fired slot) before
// its callback runs, so it fires once even with two processes on one data directory.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "clxs/clock.hpp"
#include "clxs/events.hpp"
#include "clxs/log.hpp"
#include "clxs/scheduler.hpp"

namespace clxs::kernel {

class StateStore;

/// Owns the firing thread (started by start(); tests drive tick() with an injected clock).
class ScheduleRunner {
 public:
  /// Longest sleep: wall-clock jumps, changes by another process and a slot whose wake-up was
  /// late are noticed this soon (a tick costs one query per schedule).
  static constexpr std::chrono::seconds kMaxSleep{5};
  /// Hands out what a schedule holds to keep its owner's code loaded (a plugin's lease);
  /// may throw HttpError 503 when the owner is being disabled.
  using LeaseSource = std::function<std::shared_ptr<const void>()>;

  ScheduleRunner(StateStore& store, const Clock& clock, Logger& log, Events& events);
  ~ScheduleRunner();
  ScheduleRunner(const ScheduleRunner&) = delete;
  ScheduleRunner& operator=(const ScheduleRunner&) = delete;

  /// Starts the firing thread.
  void start();
  /// Stops and joins it (a callback running finishes first). Idempotent.
  void stop();
  /// Fires every due slot now and returns the earliest next slot of any schedule.
  std::optional<std::chrono::sys_seconds> tick();

  /// The clxs::Scheduler of plugin `owner`.
  std::unique_ptr<Scheduler> forOwner(std::string owner, LeaseSource lease);
  /// Drops the owner's callbacks (its schedules pause; their records stay).
  void releaseOwner(const std::string& owner);

 private:
  class OwnerScheduler;
  struct Entry;
  using Key = std::pair<std::string, std::string>;  // owner, name

  void add(const std::string& owner, const std::string& name, const ScheduleSpec& spec,
           std::function<void(const ScheduleFiring&)> fn, std::shared_ptr<const void> lease);
  bool remove(const std::string& owner, const std::string& name);
  [[nodiscard]] std::vector<Json> list(const std::string& owner) const;
  void fireIfDue(Entry& entry, std::chrono::sys_seconds now);
  void reportMissed(const Entry& entry, std::int64_t missed, std::chrono::sys_seconds fired);
  [[nodiscard]] std::chrono::sys_seconds nowSeconds() const;
  void run();

  StateStore& store_;
  const Clock& clock_;
  Logger& log_;
  Events& events_;
  mutable std::mutex mu_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
  std::mutex fireMu_;  // one tick at a time
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace clxs::kernel
