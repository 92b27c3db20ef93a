#include "plugins/clone/schedule/schedule_routes.hpp"

#include <string>
#include <utility>
#include <vector>

#include "plugins/clone/schedule/schedule_request.hpp"

namespace clxs::clone::schedule {
namespace {

RouteSpec route(Method method, std::string path, std::string summary, std::string description,
                bool mutates) {
  return {method, std::move(path), std::move(summary), std::move(description), std::nullopt, {},
          {},     mutates};
}

std::vector<std::pair<std::string, Field>> idParam() {
  return {{"schedule_id", Field::string().required().maxLength(100).describe("Schedule id")}};
}

std::string actor(const Request& r) {
  return "request " + r.requestId();
}

constexpr const char* kFiring =
    " A schedule fires at most once per cron slot (UTC): the slot is recorded before the job "
    "is submitted, so a restart never repeats it. Slots missed while the server was down or "
    "the schedule paused are not back-filled; the next slot fires. Each run is submitted with "
    "the server's local credentials; its job id (or the error that stopped it) is kept as "
    "last_job_id / last_error.";

}  // namespace

void registerScheduleRoutes(Routes& routes, std::shared_ptr<ScheduleService> service) {
  routes.add(route(Method::Get, "/api/templates", "List clone templates",
                   "The built-in clone templates (pre-configured clone profiles) and those of "
                   "the `clone_templates` config key (key: {name, description, config, "
                   "requires}; a configured key replaces the built-in). Each entry: name (the "
                   "key a schedule's `template` names), title, description, clone_type, "
                   "config (a partial POST /api/clone body), requires, ignored_keys (keys the "
                   "clone does not take), available (false with unavailable_reason when it "
                   "needs a capability this build lacks). A configured template that is not "
                   "valid is listed with `error` and cannot be used.",
                   false),
             [service](const Request&) -> Response {
               Json out = Json::array();
               for (const auto& t : service->templates()) out.push_back(describeTemplate(t));
               return out;
             });

  routes.add(route(Method::Get, "/api/schedules", "List schedules",
                   std::string("Every saved schedule, active and paused, oldest first, with the "
                               "computed next_run (UTC ISO-8601; null when paused).") +
                       kFiring,
                   false),
             [service](const Request&) -> Response { return service->list(); });

  auto create = route(
      Method::Post, "/api/schedules", "Create a schedule",
      std::string("Stores a cron-scheduled clone, sync or incremental_sync and returns it. "
                  "The run's request body is the template's config, then `options`, then the "
                  "schedule's own fields; it is checked now as its route would check it, so a "
                  "schedule that could never run is refused (422). A bad cron expression is "
                  "422 naming the field (minute, hour, day-of-month, month, day-of-week). No "
                  "Databricks Job is created: the server itself fires the schedule.") +
          kFiring,
      true);
  create.body = scheduleRequestModel(false);
  routes.add(std::move(create), [service](const Request& r) -> Response {
    return service->create(r.body(), false, actor(r));
  });

  auto pause = route(Method::Post, "/api/schedules/{schedule_id}/pause", "Pause a schedule",
                     "Stops firing and clears next_run. Pausing a paused schedule changes "
                     "nothing. 404 for an unknown id.",
                     true);
  pause.pathParams = idParam();
  routes.add(std::move(pause), [service](const Request& r) -> Response {
    return service->pause(r.param("schedule_id"), actor(r));
  });

  auto resume = route(Method::Post, "/api/schedules/{schedule_id}/resume", "Resume a schedule",
                      "Fires again from the next slot after now; slots missed while paused are "
                      "not back-filled. Resuming an active schedule changes nothing. 404 for an "
                      "unknown id.",
                      true);
  resume.pathParams = idParam();
  routes.add(std::move(resume), [service](const Request& r) -> Response {
    return service->resume(r.param("schedule_id"), actor(r));
  });

  auto del = route(Method::Delete, "/api/schedules/{schedule_id}", "Delete a schedule",
                   "Idempotent: {\"deleted\": true} when it existed, {\"deleted\": false} "
                   "otherwise; jobs it already submitted are not touched.",
                   true);
  del.pathParams = idParam();
  routes.add(std::move(del), [service](const Request& r) -> Response {
    return service->remove(r.param("schedule_id"), actor(r));
  });

  routes.add(route(Method::Get, "/api/schedule", "List scheduled clone jobs",
                   "The clone schedules (job_type \"clone\") of the same store as GET "
                   "/api/schedules, in the same shape.",
                   false),
             [service](const Request&) -> Response { return service->list("clone"); });

  auto createClone = route(Method::Post, "/api/schedule", "Create a scheduled clone job",
                           std::string("POST /api/schedules with job_type \"clone\": the same "
                                       "fields, checks and answer; stored with the others.") +
                               kFiring,
                           true);
  createClone.body = scheduleRequestModel(true);
  routes.add(std::move(createClone), [service](const Request& r) -> Response {
    return service->create(r.body(), true, actor(r));
  });
}

}  // namespace clxs::clone::schedule
