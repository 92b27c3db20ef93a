#include "plugins/clone/schedule/schedule_routes.hpp"

#include <string>

#include "plugins/clone/schedule/schedule_request.hpp"

namespace clxs::clone::schedule {
namespace {

Field scheduleIdParam() {
  return Field::string().required().maxLength(100).describe("Schedule id");
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

// A schedule as ScheduleService::describe() shows it.
Model scheduleModel() {
  return Model("CloneSchedule")
      .field("id", Field::string())
      .field("name", Field::string())
      .field("job_type", Field::string().describe("clone, sync or incremental_sync"))
      .field("source_catalog", Field::string())
      .field("destination_catalog", Field::string())
      .field("source", Field::string().describe("source_catalog, as the original web UI reads it"))
      .field("destination",
             Field::string().describe("destination_catalog, as the original web UI reads it"))
      .field("cron", Field::string())
      .field("timezone", Field::string().describe("Always UTC"))
      .field("clone_type", Field::string())
      .field("template", Field::string().nullable())
      .field("schema_name", Field::string().nullable())
      .field("status", Field::string().describe("active or paused"))
      .field("created_at", Field::string())
      .field("updated_at", Field::string())
      .field("next_run", Field::string().nullable().describe("Null when paused"))
      .field("last_run", Field::string().nullable())
      .field("last_run_at", Field::string().nullable())
      .field("last_job_id", Field::string().nullable())
      .field("last_error", Field::string().nullable())
      .field("last_fired_slot", Field::string().nullable())
      .field("run_count", Field::integer())
      .field("job_request", Field::object().describe("The body each run submits"));
}

}  // namespace

void registerScheduleRoutes(Routes& routes, std::shared_ptr<ScheduleService> service) {
  routes.get("/api/templates")
      .summary("List clone templates")
      .description(
          "The built-in clone templates (pre-configured clone profiles) and those of the "
          "`clone_templates` config key (key: {name, description, config, requires}; a "
          "configured key replaces the built-in). Each entry: name (the key a schedule's "
          "`template` names), title, description, clone_type, config (a partial POST /api/clone "
          "body), requires, ignored_keys (keys the clone does not take), available (false with "
          "unavailable_reason when it needs a capability this build lacks). A configured "
          "template that is not valid is listed with `error` and cannot be used.")
      .returns(Model("CloneTemplateEntry")
                   .field("name", Field::string().describe("The key a schedule names"))
                   .field("key", Field::string())
                   .field("title", Field::string())
                   .field("description", Field::string())
                   .field("clone_type", Field::string())
                   .field("source", Field::string().describe("builtin or config"))
                   .field("config", Field::object().describe("A partial POST /api/clone body"))
                   .field("requires", Field::array(Field::string()))
                   .field("ignored_keys", Field::array(Field::string()))
                   .field("available", Field::boolean())
                   .field("unavailable_reason", Field::string().describe("When not available"))
                   .field("error", Field::string().describe("Why a configured one is unusable")))
      .handle([service](const Request&) {
        Json out = Json::array();
        for (const auto& t : service->templates()) out.push_back(describeTemplate(t));
        return out;
      });

  routes.get("/api/schedules")
      .summary("List schedules")
      .description(std::string("Every saved schedule, active and paused, oldest first, with the "
                               "computed next_run (UTC ISO-8601; null when paused).") +
                   kFiring)
      .returns(scheduleModel())
      .handle([service](const Request&) { return service->list(); });

  routes.post("/api/schedules")
      .summary("Create a schedule")
      .description(
          std::string(
              "Stores a cron-scheduled clone, sync or incremental_sync and returns it. The run's "
              "request body is the template's config, then `options`, then the schedule's own "
              "fields; it is checked now as its route would check it, so a schedule that could "
              "never run is refused (422). A bad cron expression is 422 naming the field "
              "(minute, hour, day-of-month, month, day-of-week). No Databricks Job is created: "
              "the server itself fires the schedule.") +
          kFiring)
      .body<ScheduleCreate>()
      .returns(scheduleModel())
      .mutates()
      .handle([service](const Request& r, const ScheduleCreate& body) {
        return service->create(body, actor(r));
      });

  // /api/schedules/{id}/… is this server's form; /api/schedule/{id}/… is the original web
  // UI's, for the same schedules.
  for (const std::string prefix : {"/api/schedules/", "/api/schedule/"}) {
    routes.post(prefix + "{schedule_id}/pause")
        .summary("Pause a schedule")
        .description(
            "Stops firing and clears next_run. Pausing a paused schedule changes nothing. 404 for "
            "an unknown id.")
        .pathParam("schedule_id", scheduleIdParam())
        .returns(scheduleModel())
        .mutates()
        .handle([service](const Request& r) {
          return service->pause(r.param("schedule_id"), actor(r));
        });

    routes.post(prefix + "{schedule_id}/resume")
        .summary("Resume a schedule")
        .description(
            "Fires again from the next slot after now; slots missed while paused are not "
            "back-filled. Resuming an active schedule changes nothing. 404 for an unknown id.")
        .pathParam("schedule_id", scheduleIdParam())
        .returns(scheduleModel())
        .mutates()
        .handle([service](const Request& r) {
          return service->resume(r.param("schedule_id"), actor(r));
        });

    routes.del(prefix + "{schedule_id}")
        .summary("Delete a schedule")
        .description(
            "Idempotent: {\"deleted\": true} when it existed, {\"deleted\": false} otherwise; jobs "
            "it already submitted are not touched.")
        .pathParam("schedule_id", scheduleIdParam())
        .returns(Model("CloneScheduleDeleted")
                     .field("deleted", Field::boolean().describe("Whether it existed"))
                     .field("schedule_id", Field::string()))
        .mutates()
        .handle([service](const Request& r) {
          return service->remove(r.param("schedule_id"), actor(r));
        });
  }

  routes.get("/api/schedule")
      .summary("List scheduled clone jobs")
      .description(
          "The clone schedules (job_type \"clone\") of the same store as GET /api/schedules, in "
          "the same shape.")
      .returns(scheduleModel())
      .handle([service](const Request&) { return service->list("clone"); });

  routes.post("/api/schedule")
      .summary("Create a scheduled clone job")
      .description(std::string("POST /api/schedules with job_type \"clone\": the same fields, "
                               "checks and answer; stored with the others.") +
                   kFiring)
      .body<CloneScheduleCreate>()
      .returns(scheduleModel())
      .mutates()
      .handle([service](const Request& r, const CloneScheduleCreate& body) {
        return service->create(ScheduleCreate{body.fields, body.jobType}, actor(r));
      });
}

}  // namespace clxs::clone::schedule
