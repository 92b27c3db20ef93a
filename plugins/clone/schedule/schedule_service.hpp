// Scheduled clones: create, list, pause, resume and delete schedules, and fire the slots
// that are due. Firing is at most once per cron slot, across restarts: a slot is claimed in
// the store before its job is submitted. Slots missed while the server was down or the
// schedule paused are not back-filled; the next slot after the server starts (or the
// schedule resumes) is the first to fire.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/log.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/schedule/clone_templates.hpp"
#include "plugins/clone/schedule/schedule_request.hpp"
#include "plugins/clone/schedule/schedule_store.hpp"

namespace clxs::clone::schedule {

/// Submits one run: job type and request body in, job id out; throws HttpError when the
/// route would refuse the body.
using JobSubmitter = std::function<std::string(const std::string& jobType, const Json& body)>;
/// The templates in force now (built-in plus configured).
using TemplateSource = std::function<std::vector<CloneTemplate>()>;

/// The schedules and their firing, over the plugin's store. Thread-safe.
class ScheduleService {
 public:
  /// Uses `store` (ScheduleStore::migrations() applied), `clock` for every decision,
  /// `templates` at creation and `submit` to run due slots.
  ScheduleService(Store& store, const Clock& clock, Logger& log, TemplateSource templates,
                  JobSubmitter submit);

  /// The templates in force now.
  [[nodiscard]] std::vector<CloneTemplate> templates() const { return templates_(); }

  /// Validates and stores a schedule (active); returns it as listed. Throws 422/501 as
  /// buildDraft().
  Json create(const ScheduleCreate& request, const std::string& actor);
  /// Every schedule, oldest first, with next_run; only one job type when given.
  [[nodiscard]] Json list(std::string_view jobType = {}) const;
  /// One schedule as listed; throws 404.
  [[nodiscard]] Json get(const std::string& id) const;
  /// Pauses (clears next_run); idempotent; throws 404 for an unknown id.
  Json pause(const std::string& id, const std::string& actor);
  /// Resumes, arming at now so slots missed while paused do not fire; idempotent; 404.
  Json resume(const std::string& id, const std::string& actor);
  /// Deletes; idempotent: {"deleted": whether it existed, "schedule_id"}.
  Json remove(const std::string& id, const std::string& actor);
  /// Audit rows of a schedule, oldest first.
  [[nodiscard]] std::vector<Json> history(const std::string& id) const;

  /// Arms every active schedule at now, so slots before now never fire (server start).
  void arm();
  /// Fires every due schedule once (the latest due slot; earlier missed ones are
  /// skipped), recording the job id or the error; never throws for one schedule's
  /// failure. Returns when the next slot of any active schedule comes, if ever.
  std::optional<std::chrono::sys_seconds> fireDue();

  /// Called after every change that may move the next slot (the scheduler's wake-up).
  void onChange(std::function<void()> fn);

 private:
  [[nodiscard]] Json describe(const ScheduleRecord& r) const;
  [[nodiscard]] ScheduleRecord require(const std::string& id) const;
  void changed();
  [[nodiscard]] std::chrono::sys_seconds nowSeconds() const;
  [[nodiscard]] std::string nowIso() const;
  /// Fires one schedule if due; returns its next slot.
  std::optional<std::chrono::sys_seconds> fireOne(const ScheduleRecord& r,
                                                  std::chrono::sys_seconds now);

  ScheduleStore store_;
  const Clock& clock_;
  Logger& log_;
  TemplateSource templates_;
  JobSubmitter submit_;
  mutable std::mutex changeMu_;
  std::function<void()> onChange_;
};

}  // namespace clxs::clone::schedule
