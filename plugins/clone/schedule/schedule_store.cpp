#include "plugins/clone/schedule/schedule_store.hpp"

#include <utility>

#include "clxs/text.hpp"

namespace clxs::clone::schedule {
namespace {

constexpr const char* kColumns =
    "id, name, job_type, cron, source_catalog, destination_catalog, clone_type, template, "
    "schema_name, job_body, status, created_at, updated_at, armed_at, last_fired_slot, "
    "last_run_at, last_job_id, last_error, run_count";

std::string text(const Json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ScheduleRecord fromRow(const Json& row) {
  ScheduleRecord r;
  r.id = text(row, "id");
  r.name = text(row, "name");
  r.jobType = text(row, "job_type");
  r.cron = text(row, "cron");
  r.sourceCatalog = text(row, "source_catalog");
  r.destinationCatalog = text(row, "destination_catalog");
  r.cloneType = text(row, "clone_type");
  r.templateKey = text(row, "template");
  r.schemaName = text(row, "schema_name");
  r.jobBody = Json::parse(text(row, "job_body"), nullptr, false);
  if (r.jobBody.is_discarded()) r.jobBody = Json::object();
  r.status = text(row, "status");
  r.createdAt = text(row, "created_at");
  r.updatedAt = text(row, "updated_at");
  r.armedAt = row.value("armed_at", std::int64_t{0});
  if (row.contains("last_fired_slot") && row["last_fired_slot"].is_number_integer()) {
    r.lastFiredSlot = row["last_fired_slot"].get<std::int64_t>();
  }
  r.lastRunAt = text(row, "last_run_at");
  r.lastJobId = text(row, "last_job_id");
  r.lastError = text(row, "last_error");
  r.runCount = row.value("run_count", std::int64_t{0});
  return r;
}

}  // namespace

std::vector<Migration> ScheduleStore::migrations() {
  return {{200,
           "CREATE TABLE clone_schedules ("
           " id TEXT PRIMARY KEY, name TEXT NOT NULL, job_type TEXT NOT NULL,"
           " cron TEXT NOT NULL, source_catalog TEXT NOT NULL,"
           " destination_catalog TEXT NOT NULL, clone_type TEXT NOT NULL, template TEXT,"
           " schema_name TEXT, job_body TEXT NOT NULL,"
           " status TEXT NOT NULL CHECK (status IN ('active', 'paused')),"
           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
           " armed_at INTEGER NOT NULL, last_fired_slot INTEGER, last_run_at TEXT,"
           " last_job_id TEXT, last_error TEXT, run_count INTEGER NOT NULL DEFAULT 0);"
           "CREATE TABLE clone_schedules_audit ("
           " seq INTEGER PRIMARY KEY, at TEXT NOT NULL, schedule_id TEXT NOT NULL,"
           " action TEXT NOT NULL, actor TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT);"
           "CREATE INDEX clone_schedules_audit_by_schedule"
           " ON clone_schedules_audit (schedule_id, seq);"}};
}

void ScheduleStore::insert(const ScheduleRecord& r) {
  store_.execute(
      std::string("INSERT INTO clone_schedules (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.name, r.jobType, r.cron, r.sourceCatalog, r.destinationCatalog, r.cloneType,
       textOrNull(r.templateKey), textOrNull(r.schemaName), r.jobBody.dump(), r.status, r.createdAt,
       r.updatedAt, r.armedAt, r.lastFiredSlot ? Json(*r.lastFiredSlot) : Json(),
       textOrNull(r.lastRunAt), textOrNull(r.lastJobId), textOrNull(r.lastError), r.runCount});
}

std::vector<ScheduleRecord> ScheduleStore::list() const {
  std::vector<ScheduleRecord> out;
  for (const auto& row : store_.query(std::string("SELECT ") + kColumns +
                                      " FROM clone_schedules ORDER BY created_at, rowid")) {
    out.push_back(fromRow(row));
  }
  return out;
}

std::optional<ScheduleRecord> ScheduleStore::get(const std::string& id) const {
  const auto rows =
      store_.query(std::string("SELECT ") + kColumns + " FROM clone_schedules WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows.front());
}

bool ScheduleStore::setStatus(const std::string& id, const std::string& status,
                              std::int64_t armedAt, const std::string& at) {
  return store_.execute(
             "UPDATE clone_schedules SET status = ?, armed_at = ?, updated_at = ? WHERE id = ?",
             {status, armedAt, at, id}) > 0;
}

bool ScheduleStore::remove(const std::string& id) {
  return store_.execute("DELETE FROM clone_schedules WHERE id = ?", {id}) > 0;
}

void ScheduleStore::recordFiring(const std::string& id, std::int64_t slot) {
  store_.execute(
      "UPDATE clone_schedules SET last_fired_slot = ?, run_count = run_count + 1 WHERE id = ?",
      {slot, id});
}

void ScheduleStore::recordRun(const std::string& id, const std::string& at,
                              const std::string& jobId, const std::string& error) {
  store_.execute(
      "UPDATE clone_schedules SET last_run_at = ?, last_job_id = ?, last_error = ? WHERE id = ?",
      {at, textOrNull(jobId), textOrNull(error), id});
}

void ScheduleStore::audit(const std::string& at, const std::string& scheduleId,
                          const std::string& action, const std::string& actor,
                          const std::string& outcome, const Json& detail) {
  store_.execute(
      "INSERT INTO clone_schedules_audit (at, schedule_id, action, actor, outcome, detail)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      {at, scheduleId, action, actor, outcome, detail.is_null() ? Json() : Json(detail.dump())});
}

std::vector<Json> ScheduleStore::auditOf(const std::string& scheduleId) const {
  std::vector<Json> out;
  for (auto& row :
       store_.query("SELECT at, action, actor, outcome, detail FROM clone_schedules_audit"
                    " WHERE schedule_id = ? ORDER BY seq",
                    {scheduleId})) {
    Json detail = row["detail"].is_string()
                      ? Json::parse(row["detail"].get<std::string>(), nullptr, false)
                      : Json();
    if (detail.is_discarded()) detail = nullptr;
    out.push_back(Json{{"at", row["at"]},
                       {"action", row["action"]},
                       {"actor", row["actor"]},
                       {"outcome", row["outcome"]},
                       {"detail", std::move(detail)}});
  }
  return out;
}

}  // namespace clxs::clone::schedule
