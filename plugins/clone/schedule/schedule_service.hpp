// Scheduled clones: create, list, pause, resume and delete schedules, and submit a run when
// one fires. Firing is the kernel scheduler's (Host::scheduler()): each active schedule is
// registered under its id, so a slot fires once across restarts and processes. Slots missed
// while the server was down or the schedule paused are not back-filled; the next slot after
// the server starts (or the schedule resumes) is the first to fire.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/log.hpp"
#include "clxs/scheduler.hpp"
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

/// The schedules, over the plugin's store, fired by `scheduler`. Thread-safe. The scheduler
/// calls back into this object: it must live while its schedules are registered (the
/// plugin keeps it for its whole instance; the kernel drops the callbacks on disable).
class ScheduleService {
 public:
  /// Uses `store` (ScheduleStore::migrations() applied), `clock` for timestamps,
  /// `scheduler` for firing, `templates` at creation and `submit` to run fired slots.
  ScheduleService(Store& store, const Clock& clock, Logger& log, Scheduler& scheduler,
                  TemplateSource templates, JobSubmitter submit);

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

  /// Registers every active schedule with the scheduler (plugin start). Slots that passed
  /// while the server was down or the plugin disabled are reported by the scheduler and
  /// not replayed.
  void start();

 private:
  [[nodiscard]] Json describe(const ScheduleRecord& r) const;
  [[nodiscard]] ScheduleRecord require(const std::string& id) const;
  [[nodiscard]] std::chrono::sys_seconds nowSeconds() const;
  [[nodiscard]] std::string nowIso() const;
  // Registers one schedule; its slots from now on fire fire().
  void enroll(const ScheduleRecord& r);
  // A slot of schedule `id` fired: submit its run and record the outcome.
  void fire(const std::string& id, const ScheduleFiring& firing);

  ScheduleStore store_;
  const Clock& clock_;
  Logger& log_;
  Scheduler& scheduler_;
  TemplateSource templates_;
  JobSubmitter submit_;
};

}  // namespace clxs::clone::schedule
