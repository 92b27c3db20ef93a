#include "plugins/quality/quality_schedules.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_run.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

struct ScheduleBody {
  std::string name;
  std::string cron;
  std::string scheduleType = "checks";
  std::string tableFqn;
  std::string suiteId;
  std::vector<std::string> checkIds;
  static const Schema<ScheduleBody>& schema() {
    static const auto s =
        Schema<ScheduleBody>("QualitySchedule")
            .field("name", &ScheduleBody::name,
                   Field::string().required().minLength(1).maxLength(255).describe("Name"))
            .field("cron", &ScheduleBody::cron,
                   Field::string().required().describe("Five-field cron, UTC"))
            .field("schedule_type", &ScheduleBody::scheduleType,
                   Field::string()
                       .oneOf({"suite", "checks"})
                       .defaultsTo("checks")
                       .describe("suite: run suite_id; checks: run table_fqn's checks"))
            .field("table_fqn", &ScheduleBody::tableFqn, "checks: the table")
            .field("suite_id", &ScheduleBody::suiteId, "suite: the suite")
            .field("check_ids", &ScheduleBody::checkIds, "checks: these (empty: every enabled)");
    return s;
  }
};

std::string schedulerName(const std::string& id) {
  return "quality:" + id;
}

Field scheduleIdParam() {
  return Field::string().required().maxLength(64).describe("Schedule id");
}

Model scheduleModel() {
  return Model("QualityScheduleStored")
      .field("schedule_id", Field::string().describe("Id"))
      .field("name", Field::string().describe("Name"))
      .field("cron", Field::string().describe("Cron (UTC)"))
      .field("schedule_type", Field::string().describe("suite or checks"))
      .field("table_fqn", Field::string().describe("checks: the table"))
      .field("suite_id", Field::string().describe("suite: the suite"))
      .field("check_ids", Field::array(Field::string()).describe("checks: these"))
      .field("paused", Field::boolean().describe("Not firing"))
      .field("next_run", Field::string().nullable().describe("Next slot (null when paused)"))
      .field("last_run", Field::string().nullable().describe("When it last ran"))
      .field("last_status", Field::string().nullable().describe("completed or failed"))
      .field("last_started_by", Field::string().nullable().describe("scheduler or a user"))
      .field("created_by", Field::string().describe("Who created it"))
      .field("created_at", Field::string().describe("ISO-8601 UTC"));
}

}  // namespace

std::vector<Migration> QualitySchedules::migrations() {
  return {{9,
           "CREATE TABLE quality_schedules (schedule_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
           "cron TEXT NOT NULL, schedule_type TEXT NOT NULL, table_fqn TEXT NOT NULL, suite_id "
           "TEXT NOT NULL, check_ids TEXT NOT NULL, paused INTEGER NOT NULL, created_by TEXT NOT "
           "NULL, created_at TEXT NOT NULL, last_run TEXT, last_status TEXT, last_started_by "
           "TEXT, last_result TEXT);"}};
}

Json QualitySchedules::find(const std::string& id) const {
  const auto rows = d_.store->query("SELECT * FROM quality_schedules WHERE schedule_id = ?", {id});
  if (rows.empty()) throw notFound("Schedule " + id + " not found.");
  return rows[0];
}

Json QualitySchedules::rowJson(const Json& row) const {
  const std::string id = textOf(row["schedule_id"]);
  const bool paused = row["paused"].is_number_integer() && row["paused"].get<std::int64_t>() != 0;
  Json next;
  if (!paused) {
    for (const auto& s : d_.scheduler->list()) {
      if (s.value("name", "") == schedulerName(id)) next = s.value("next_slot", Json());
    }
  }
  const auto ids = Json::parse(textOf(row["check_ids"]), nullptr, false);
  return Json{{"schedule_id", id},
              {"name", row["name"]},
              {"cron", row["cron"]},
              {"schedule_type", row["schedule_type"]},
              {"table_fqn", row["table_fqn"]},
              {"suite_id", row["suite_id"]},
              {"check_ids", ids.is_array() ? ids : Json::array()},
              {"paused", paused},
              {"next_run", next},
              {"last_run", row["last_run"]},
              {"last_status", row["last_status"]},
              {"last_started_by", row["last_started_by"]},
              {"created_by", row["created_by"]},
              {"created_at", row["created_at"]}};
}

void QualitySchedules::arm(const Json& row) {
  const std::string id = textOf(row["schedule_id"]);
  std::weak_ptr<QualitySchedules> self = weak_from_this();
  d_.scheduler->schedule(schedulerName(id), {.cron = textOf(row["cron"])},
                         [self, id](const ScheduleFiring&) {
                           if (auto s = self.lock()) s->submit(id, "scheduler");
                         });
}

void QualitySchedules::start() {
  for (const auto& row : d_.store->query("SELECT * FROM quality_schedules WHERE paused = 0")) {
    arm(row);
  }
}

std::string QualitySchedules::submit(const std::string& scheduleId, const std::string& by) {
  const Json row = find(scheduleId);
  auto self = shared_from_this();
  return d_.jobs->submit(
      JobSpec{.type = "quality.schedule", .params = Json{{"schedule_id", scheduleId}}},
      [self, row, by](JobContext& ctx) {
        const ScheduleDeps& d = self->d_;
        const std::string at = isoUtc(d.clock->now());
        const std::string id = textOf(row["schedule_id"]);
        Json result;
        std::string status = "completed";
        try {
          auto ws = d.workspace();
          CallOptions call;
          call.cancel = &ctx.cancellation();
          if (textOf(row["schedule_type"]) == "suite") {
            const auto suite = d.suites->find(textOf(row["suite_id"]));
            if (!suite)
              throw notFound("The suite " + textOf(row["suite_id"]) + " no longer exists.");
            result = d.runner->run(*ws, *suite, call, by, at);
          } else {
            const std::string table = textOf(row["table_fqn"]);
            const auto wanted = Json::parse(textOf(row["check_ids"]), nullptr, false);
            std::vector<Check> checks;
            for (const auto& s : d.checks->list(table)) {
              const bool chosen =
                  wanted.is_array() && !wanted.empty()
                      ? std::find(wanted.begin(), wanted.end(), Json(s.check.id)) != wanted.end()
                      : s.check.enabled;
              if (chosen) checks.push_back(s.check);
            }
            if (checks.empty()) throw badRequest("The table " + table + " has no checks to run.");
            const auto perCheck = d.settings->samplesPerCheck();
            result = runJson(runAndRecord(*ws, *d.checks, table, checks, perCheck, call, by, at));
          }
        } catch (const JobCancelled&) {
          throw;
        } catch (const std::exception& e) {
          status = "failed";
          result = Json{{"error", e.what()}};
        }
        d.store->execute(
            "UPDATE quality_schedules SET last_run = ?, last_status = ?, last_started_by = ?, "
            "last_result = ? WHERE schedule_id = ?",
            {at, status, by, result.dump(), id});
        if (status == "failed") return JobOutcome{JobEnd::Failed, result, textOf(result["error"])};
        return JobOutcome::completed(result);
      });
}

void QualitySchedules::registerRoutes(Routes& routes) {
  auto self = shared_from_this();
  const std::string base = "/api/data-quality/schedules";

  routes.get(base)
      .summary("Data-quality schedules")
      .description("Every schedule with its next slot (null when paused) and its last run.")
      .returnsListOf(scheduleModel())
      .handle([self](const Request&) {
        Json out = Json::array();
        for (const auto& row :
             self->d_.store->query("SELECT * FROM quality_schedules ORDER BY created_at, rowid")) {
          out.push_back(self->rowJson(row));
        }
        return out;
      });

  routes.post(base)
      .summary("Schedule a suite or a table's checks")
      .description(
          "Runs on a five-field cron (UTC) on the kernel's scheduler: each slot fires once, "
          "also with several servers on one data directory, and slots missed while the server "
          "was down are reported, not replayed. A run is a job and is recorded like any other. "
          "A bad cron is a 422; a suite that does not exist or a table that is not "
          "catalog.schema.table is a 422 too.")
      .body<ScheduleBody>()
      .returns(scheduleModel())
      .mutates()
      .handle([self](const Request& req, const ScheduleBody& b) {
        const ScheduleDeps& d = self->d_;
        d.scheduler->nextSlot({.cron = b.cron},
                              std::chrono::floor<std::chrono::seconds>(d.clock->now()));
        if (b.scheduleType == "suite" && !d.suites->find(b.suiteId)) {
          throw unprocessable(Json::array({"body", "suite_id"}), "No suite '" + b.suiteId + "'",
                              "value_error");
        }
        if (b.scheduleType != "suite" && splitQualified(b.tableFqn).size() != 3) {
          throw unprocessable(Json::array({"body", "table_fqn"}),
                              "A checks schedule names its table as catalog.schema.table",
                              "value_error");
        }
        const std::string id = newUuid();
        d.store->execute(
            "INSERT INTO quality_schedules (schedule_id, name, cron, schedule_type, table_fqn, "
            "suite_id, check_ids, paused, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, "
            "?, ?)",
            {id, b.name, b.cron, b.scheduleType, b.tableFqn, b.suiteId, Json(b.checkIds).dump(),
             req.workspace()->identity().currentUser({}), isoUtc(d.clock->now())});
        const Json row = self->find(id);
        self->arm(row);
        return self->rowJson(row);
      });

  routes.del(base + "/{schedule_id}")
      .summary("Delete a schedule")
      .pathParam("schedule_id", scheduleIdParam())
      .returns(Model("QualityScheduleDeleted")
                   .field("status", Field::string().describe("deleted"))
                   .field("schedule_id", Field::string().describe("The schedule")))
      .mutates()
      .handle([self](const Request& req) {
        const std::string id = req.param("schedule_id");
        self->find(id);
        self->d_.scheduler->remove(schedulerName(id));
        self->d_.store->execute("DELETE FROM quality_schedules WHERE schedule_id = ?", {id});
        return Json{{"status", "deleted"}, {"schedule_id", id}};
      });

  routes.post(base + "/{schedule_id}/pause")
      .summary("Pause a schedule")
      .description("Stops it firing (409 when it is paused already).")
      .pathParam("schedule_id", scheduleIdParam())
      .returns(scheduleModel())
      .mutates()
      .handle([self](const Request& req) {
        const std::string id = req.param("schedule_id");
        if (self->rowJson(self->find(id))["paused"] == true) {
          throw conflict("Schedule " + id + " is paused already.");
        }
        self->d_.scheduler->remove(schedulerName(id));
        self->d_.store->execute("UPDATE quality_schedules SET paused = 1 WHERE schedule_id = ?",
                                {id});
        return self->rowJson(self->find(id));
      });

  routes.post(base + "/{schedule_id}/resume")
      .summary("Resume a schedule")
      .description("Fires again from the next slot after now (409 when it is not paused).")
      .pathParam("schedule_id", scheduleIdParam())
      .returns(scheduleModel())
      .mutates()
      .handle([self](const Request& req) {
        const std::string id = req.param("schedule_id");
        if (self->rowJson(self->find(id))["paused"] == false) {
          throw conflict("Schedule " + id + " is not paused.");
        }
        self->d_.store->execute("UPDATE quality_schedules SET paused = 0 WHERE schedule_id = ?",
                                {id});
        const Json row = self->find(id);
        self->arm(row);
        return self->rowJson(row);
      });

  routes.post(base + "/{schedule_id}/run")
      .summary("Run a schedule now")
      .description("Its suite or checks as a job now, recorded as started by the caller.")
      .pathParam("schedule_id", scheduleIdParam())
      .returns(Model("QualityScheduleRunQueued")
                   .field("job_id", Field::string().describe("Follow at /api/clone/{job_id}"))
                   .field("status", Field::string().describe("queued"))
                   .field("message", Field::string().describe("What was queued")))
      .mutates()
      .handle([self](const Request& req) {
        const std::string id = req.param("schedule_id");
        const std::string user = req.workspace()->identity().currentUser({});
        return Json{{"job_id", self->submit(id, user)},
                    {"status", "queued"},
                    {"message", "Running schedule " + id}};
      });
}

}  // namespace clxs::quality
