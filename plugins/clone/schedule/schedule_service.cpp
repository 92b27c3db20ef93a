#include "plugins/clone/schedule/schedule_service.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::schedule {
namespace {

using std::chrono::sys_seconds;

std::string iso(std::int64_t epochSeconds) {
  return isoUtc(std::chrono::system_clock::time_point(std::chrono::seconds(epochSeconds)));
}

Json isoOrNull(const std::optional<sys_seconds>& t) {
  return t ? Json(isoUtc(*t)) : Json();
}

}  // namespace

ScheduleService::ScheduleService(Store& store, const Clock& clock, Logger& log,
                                 Scheduler& scheduler, TemplateSource templates,
                                 JobSubmitter submit)
    : store_(store),
      clock_(clock),
      log_(log),
      scheduler_(scheduler),
      templates_(std::move(templates)),
      submit_(std::move(submit)) {}

sys_seconds ScheduleService::nowSeconds() const {
  return std::chrono::floor<std::chrono::seconds>(clock_.now());
}

std::string ScheduleService::nowIso() const {
  return isoUtc(clock_.now());
}

Json ScheduleService::describe(const ScheduleRecord& r) const {
  std::optional<sys_seconds> next;
  if (r.status == "active") {
    // After now, and after the last fired slot should the clock have gone back.
    const auto after =
        std::max(nowSeconds(), sys_seconds(std::chrono::seconds(r.lastFiredSlot.value_or(0))));
    try {
      next = scheduler_.nextSlot(ScheduleSpec{.cron = r.cron}, after);
    } catch (const HttpError&) {  // stored crons were validated; an old one simply never runs
    }
  }
  return Json{{"id", r.id},
              {"name", r.name},
              {"job_type", r.jobType},
              {"source_catalog", r.sourceCatalog},
              {"destination_catalog", r.destinationCatalog},
              // The original web UI lists schedules by these names.
              {"source", r.sourceCatalog},
              {"destination", r.destinationCatalog},
              {"cron", r.cron},
              {"timezone", "UTC"},
              {"clone_type", r.cloneType},
              {"template", textOrNull(r.templateKey)},
              {"schema_name", textOrNull(r.schemaName)},
              {"status", r.status},
              {"created_at", r.createdAt},
              {"updated_at", r.updatedAt},
              {"next_run", isoOrNull(next)},
              {"last_run", textOrNull(r.lastRunAt)},
              {"last_run_at", textOrNull(r.lastRunAt)},
              {"last_job_id", textOrNull(r.lastJobId)},
              {"last_error", textOrNull(r.lastError)},
              {"last_fired_slot", r.lastFiredSlot ? Json(iso(*r.lastFiredSlot)) : Json()},
              {"run_count", r.runCount},
              {"job_request", r.jobBody}};
}

ScheduleRecord ScheduleService::require(const std::string& id) const {
  auto r = store_.get(id);
  if (!r) throw notFound("No schedule '" + id + "'; GET /api/schedules lists them.");
  return std::move(*r);
}

Json ScheduleService::create(const ScheduleCreate& request, const std::string& actor) {
  const ScheduleDraft d = buildDraft(request, templates_());
  ScheduleRecord r;
  r.id = newUuid();
  r.name = d.name;
  r.jobType = d.jobType;
  r.cron = d.cron;
  r.sourceCatalog = d.sourceCatalog;
  r.destinationCatalog = d.destinationCatalog;
  r.cloneType = d.cloneType;
  r.templateKey = d.templateKey;
  r.schemaName = d.schemaName;
  r.jobBody = d.jobBody;
  r.createdAt = nowIso();
  r.updatedAt = r.createdAt;
  r.armedAt = nowSeconds().time_since_epoch().count();
  store_.insert(r);
  store_.audit(r.createdAt, r.id, "create", actor, "ok",
               Json{{"name", r.name}, {"job_type", r.jobType}, {"cron", r.cron}});
  log_.info("Schedule '" + r.name + "' (" + r.id + ") created: " + r.jobType + " at '" + r.cron +
            "' UTC");
  enroll(r);
  return describe(r);
}

Json ScheduleService::list(std::string_view jobType) const {
  Json out = Json::array();
  for (const auto& r : store_.list()) {
    if (jobType.empty() || r.jobType == jobType) out.push_back(describe(r));
  }
  return out;
}

Json ScheduleService::get(const std::string& id) const {
  return describe(require(id));
}

Json ScheduleService::pause(const std::string& id, const std::string& actor) {
  auto r = require(id);
  const auto at = nowIso();
  if (r.status != "paused") {
    store_.setStatus(id, "paused", r.armedAt, at);
    store_.audit(at, id, "pause", actor, "ok", nullptr);
    scheduler_.remove(id);
  }
  return describe(require(id));
}

Json ScheduleService::resume(const std::string& id, const std::string& actor) {
  auto r = require(id);
  const auto at = nowIso();
  if (r.status != "active") {
    store_.setStatus(id, "active", nowSeconds().time_since_epoch().count(), at);
    store_.audit(at, id, "resume", actor, "ok", nullptr);
    // Registered afresh, so slots missed while paused do not fire.
    enroll(require(id));
  }
  return describe(require(id));
}

Json ScheduleService::remove(const std::string& id, const std::string& actor) {
  const bool existed = store_.remove(id);
  scheduler_.remove(id);
  if (existed) store_.audit(nowIso(), id, "delete", actor, "ok", nullptr);
  return Json{{"deleted", existed}, {"schedule_id", id}};
}

std::vector<Json> ScheduleService::history(const std::string& id) const {
  return store_.auditOf(id);
}

void ScheduleService::start() {
  for (const auto& r : store_.list()) {
    if (r.status != "active") continue;
    try {
      enroll(r);
    } catch (const std::exception& e) {  // a cron stored by an older build: it never runs
      log_.error("Schedule '" + r.name + "' (" + r.id + ") cannot be scheduled: " + e.what());
    }
  }
}

void ScheduleService::enroll(const ScheduleRecord& r) {
  scheduler_.schedule(r.id, ScheduleSpec{.cron = r.cron},
                      [this, id = r.id](const ScheduleFiring& firing) { fire(id, firing); });
}

void ScheduleService::fire(const std::string& id, const ScheduleFiring& firing) {
  const auto r = store_.get(id);
  if (!r || r->status != "active") return;  // paused or deleted by another process
  store_.recordFiring(id, firing.slot.time_since_epoch().count());
  const auto at = nowIso();
  std::string jobId;
  std::string error;
  try {
    jobId = submit_(r->jobType, r->jobBody);
  } catch (const HttpError& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  store_.recordRun(id, at, jobId, error);
  const Json detail{{"slot", isoUtc(firing.slot)},
                    {"job_id", textOrNull(jobId)},
                    {"error", textOrNull(error)},
                    {"missed_slots", firing.missed}};
  store_.audit(at, id, "fire", "scheduler", error.empty() ? "submitted" : "failed", detail);
  if (error.empty()) {
    log_.info("Schedule '" + r->name + "' (" + id + ") fired the " + isoUtc(firing.slot) +
              " slot as job " + jobId);
  } else {
    log_.error("Schedule '" + r->name + "' (" + id + ") could not submit its " +
               isoUtc(firing.slot) + " run: " + error);
  }
}

}  // namespace clxs::clone::schedule
