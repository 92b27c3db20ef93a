#include "plugins/clone/schedule/schedule_service.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/schedule/cron_expression.hpp"

namespace clxs::clone::schedule {
namespace {

using std::chrono::sys_seconds;

std::string iso(std::int64_t epochSeconds) {
  return isoUtc(std::chrono::system_clock::time_point(std::chrono::seconds(epochSeconds)));
}

Json isoOrNull(const std::optional<sys_seconds>& t) {
  return t ? Json(isoUtc(*t)) : Json();
}

/// The first slot a schedule may still fire: after it was armed and after its last slot.
sys_seconds base(const ScheduleRecord& r) {
  return sys_seconds(
      std::chrono::seconds(std::max(r.armedAt, r.lastFiredSlot.value_or(r.armedAt))));
}

}  // namespace

ScheduleService::ScheduleService(Store& store, const Clock& clock, Logger& log,
                                 TemplateSource templates, JobSubmitter submit)
    : store_(store),
      clock_(clock),
      log_(log),
      templates_(std::move(templates)),
      submit_(std::move(submit)) {}

sys_seconds ScheduleService::nowSeconds() const {
  return std::chrono::floor<std::chrono::seconds>(clock_.now());
}

std::string ScheduleService::nowIso() const {
  return isoUtc(clock_.now());
}

void ScheduleService::onChange(std::function<void()> fn) {
  std::lock_guard lock(changeMu_);
  onChange_ = std::move(fn);
}

void ScheduleService::changed() {
  std::lock_guard lock(changeMu_);
  if (onChange_) onChange_();
}

Json ScheduleService::describe(const ScheduleRecord& r) const {
  std::optional<sys_seconds> next;
  if (r.status == "active") {
    try {
      next = CronExpression::parse(r.cron).next(base(r));
    } catch (const CronError&) {  // stored crons were validated; an old one simply never runs
    }
  }
  return Json{{"id", r.id},
              {"name", r.name},
              {"job_type", r.jobType},
              {"source_catalog", r.sourceCatalog},
              {"destination_catalog", r.destinationCatalog},
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
  changed();
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
    changed();
  }
  return describe(require(id));
}

Json ScheduleService::resume(const std::string& id, const std::string& actor) {
  auto r = require(id);
  const auto at = nowIso();
  if (r.status != "active") {
    store_.setStatus(id, "active", nowSeconds().time_since_epoch().count(), at);
    store_.audit(at, id, "resume", actor, "ok", nullptr);
    changed();
  }
  return describe(require(id));
}

Json ScheduleService::remove(const std::string& id, const std::string& actor) {
  const bool existed = store_.remove(id);
  if (existed) {
    store_.audit(nowIso(), id, "delete", actor, "ok", nullptr);
    changed();
  }
  return Json{{"deleted", existed}, {"schedule_id", id}};
}

std::vector<Json> ScheduleService::history(const std::string& id) const {
  return store_.auditOf(id);
}

void ScheduleService::arm() {
  store_.armActive(nowSeconds().time_since_epoch().count());
}

std::optional<sys_seconds> ScheduleService::fireOne(const ScheduleRecord& r, sys_seconds now) {
  std::optional<CronExpression> cron;
  try {
    cron = CronExpression::parse(r.cron);
  } catch (const CronError&) {
    return std::nullopt;  // refused at creation; an expression stored by an older build
  }
  auto slot = cron->next(base(r));
  if (!slot || *slot > now) return slot;
  // Several slots passed since the last look (a stalled thread): fire only the latest.
  for (auto later = cron->next(*slot); later && *later <= now; later = cron->next(*later)) {
    slot = later;
  }

  // Claim first: a crash or restart after this point never fires the slot again.
  const auto nowCount = now.time_since_epoch().count();
  if (!store_.claimSlot(r.id, slot->time_since_epoch().count(), nowCount)) {
    return cron->next(now);  // paused, deleted or claimed meanwhile
  }
  const auto at = nowIso();
  std::string jobId;
  std::string error;
  try {
    jobId = submit_(r.jobType, r.jobBody);
  } catch (const HttpError& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  store_.recordRun(r.id, at, jobId, error);
  const Json detail{
      {"slot", isoUtc(*slot)}, {"job_id", textOrNull(jobId)}, {"error", textOrNull(error)}};
  store_.audit(at, r.id, "fire", "scheduler", error.empty() ? "submitted" : "failed", detail);
  if (error.empty()) {
    log_.info("Schedule '" + r.name + "' (" + r.id + ") fired the " + isoUtc(*slot) +
              " slot as job " + jobId);
  } else {
    log_.error("Schedule '" + r.name + "' (" + r.id + ") could not submit its " + isoUtc(*slot) +
               " run: " + error);
  }
  return cron->next(now);
}

std::optional<sys_seconds> ScheduleService::fireDue() {
  const auto now = nowSeconds();
  std::optional<sys_seconds> earliest;
  for (const auto& r : store_.list()) {
    if (r.status != "active") continue;
    std::optional<sys_seconds> next;
    try {
      next = fireOne(r, now);
    } catch (const std::exception& e) {
      // The store failed for this schedule; the others still get their turn.
      log_.error("Schedule '" + r.name + "' (" + r.id + ") could not be fired: " + e.what());
      continue;
    }
    if (next && (!earliest || *next < earliest)) earliest = next;
  }
  return earliest;
}

}  // namespace clxs::clone::schedule
