// Schedules for plugins: cron expressions or fixed intervals, persisted in the state store,
// each slot fired once (across restarts and across processes sharing a data directory).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs {

/// When a schedule fires: a cron expression or a fixed interval.
struct ScheduleSpec {
  /// Five-field cron expression (see clxs/cron.hpp); empty when `everySeconds` is set.
  std::string cron;
  /// A fixed interval in seconds (> 0) instead of cron; slots are multiples of it since the
  /// epoch, so every process agrees on them.
  std::int64_t everySeconds = 0;
  /// Time zone the cron expression is read in: "UTC" or a fixed offset such as "+05:30".
  std::string timeZone = "UTC";
};

/// One firing of a schedule.
struct ScheduleFiring {
  /// The schedule's name.
  std::string name;
  /// The slot being fired (UTC).
  std::chrono::sys_seconds slot;
  /// Slots that passed without firing since the previous firing (server down, plugin
  /// disabled): reported here and in the log, never replayed.
  std::int64_t missed = 0;
};

/// A plugin's schedules. Each schedule's record (its last fired slot) is kept in the state
/// store; its callback lives only while the plugin is enabled, so disabling the plugin
/// pauses its schedules and start() registers them again.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  /// Adds or replaces schedule `name`. A new schedule first fires at its first slot after
  /// now. A known one (same name, e.g. after a restart) keeps its record: a slot fired
  /// before does not fire again, and slots missed meanwhile are reported in the next
  /// firing's `missed`. Each slot is claimed in the store before `fn` runs, so exactly one
  /// process fires it. `fn` runs on the scheduler's thread: keep it short (submit a job for
  /// long work); what it throws is logged. Throws HttpError 422 for a bad spec.
  virtual void schedule(const std::string& name, const ScheduleSpec& spec,
                        std::function<void(const ScheduleFiring&)> fn) = 0;
  /// Removes schedule `name` and its record; false when unknown.
  virtual bool remove(const std::string& name) = 0;
  /// This plugin's registered schedules: {name, cron, every_seconds, time_zone, next_slot,
  /// last_slot, fired, missed}.
  [[nodiscard]] virtual std::vector<Json> list() const = 0;
  /// The first slot of `spec` strictly after `after`, or nullopt when none comes within 30
  /// years. Throws HttpError 422 for a bad spec (validation at a route's boundary).
  [[nodiscard]] virtual std::optional<std::chrono::sys_seconds> nextSlot(
      const ScheduleSpec& spec, std::chrono::sys_seconds after) const = 0;
};

}  // namespace clxs
