#include "plugins/clone/clone_store.hpp"

#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

RollbackLogInfo infoFrom(const Json& r) {
  return {jsonText(r["rollback_id"]),      jsonText(r["job_id"]),
          jsonText(r["source_catalog"]),   jsonText(r["destination_catalog"]),
          jsonText(r["clone_started_at"]), jsonText(r["status"]),
          jsonText(r["executed_at"])};
}

}  // namespace

const char* keyword(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Catalog:
      return "CATALOG";
    case ObjectKind::Schema:
      return "SCHEMA";
    case ObjectKind::Table:
      return "TABLE";
    case ObjectKind::View:
      return "VIEW";
    case ObjectKind::Function:
      return "FUNCTION";
    case ObjectKind::Volume:
      return "VOLUME";
  }
  return "TABLE";
}

const char* plural(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Catalog:
      return "catalogs";
    case ObjectKind::Schema:
      return "schemas";
    case ObjectKind::Table:
      return "tables";
    case ObjectKind::View:
      return "views";
    case ObjectKind::Function:
      return "functions";
    case ObjectKind::Volume:
      return "volumes";
  }
  return "tables";
}

std::optional<ObjectKind> kindFromKeyword(const std::string& k) {
  for (auto kind : {ObjectKind::Catalog, ObjectKind::Schema, ObjectKind::Table, ObjectKind::View,
                    ObjectKind::Function, ObjectKind::Volume}) {
    if (k == keyword(kind)) return kind;
  }
  return std::nullopt;
}

std::string objectKey(ObjectKind kind, const std::string& name) {
  return std::string(keyword(kind)) + ":" + name;
}

std::vector<Migration> CloneStore::migrations() {
  return {{1,
           "CREATE TABLE clone_rollback_logs ("
           " rollback_id TEXT PRIMARY KEY, job_id TEXT NOT NULL, source_catalog TEXT NOT NULL,"
           " destination_catalog TEXT NOT NULL, clone_started_at TEXT NOT NULL,"
           " status TEXT NOT NULL DEFAULT 'pending', executed_at TEXT, result TEXT);"
           "CREATE INDEX clone_rollback_logs_job ON clone_rollback_logs(job_id);"
           "CREATE TABLE clone_rollback_entries ("
           " rollback_id TEXT NOT NULL, seq INTEGER NOT NULL, object_type TEXT NOT NULL,"
           " name TEXT NOT NULL, existed INTEGER NOT NULL, pre_version INTEGER, previous TEXT,"
           " PRIMARY KEY (rollback_id, seq));"
           "CREATE TABLE clone_runs (job_id TEXT PRIMARY KEY, rollback_id TEXT NOT NULL,"
           " resumed_from TEXT);"
           "CREATE TABLE clone_objects ("
           " job_id TEXT NOT NULL, object_key TEXT NOT NULL, status TEXT NOT NULL, error TEXT,"
           " PRIMARY KEY (job_id, object_key));"
           "CREATE TABLE clone_operations ("
           " job_id TEXT PRIMARY KEY, operation TEXT NOT NULL, source_catalog TEXT,"
           " destination_catalog TEXT, clone_type TEXT, status TEXT NOT NULL,"
           " started_at TEXT, finished_at TEXT, duration_seconds REAL, user_name TEXT,"
           " summary TEXT);"
           "CREATE TABLE clone_run_logs (job_id TEXT PRIMARY KEY, lines TEXT NOT NULL);"
           "CREATE TABLE clone_metrics (job_id TEXT NOT NULL, name TEXT NOT NULL,"
           " value REAL NOT NULL, PRIMARY KEY (job_id, name));"},
          // The store keeps one version sequence per plugin, so the tables of SnapshotStore
          // and SyncStateStore are created here too. Parts in subfolders take their own
          // ranges: convert 100+, schedule 200+, audit 300+.
          {2,
           "CREATE TABLE clone_snapshots ("
           " snapshot_id TEXT PRIMARY KEY, name TEXT NOT NULL, source_catalog TEXT NOT NULL,"
           " description TEXT, captured_at TEXT NOT NULL, created_by TEXT,"
           " table_count INTEGER NOT NULL, total_bytes INTEGER NOT NULL, tables TEXT NOT NULL);"
           "CREATE INDEX clone_snapshots_catalog ON clone_snapshots(source_catalog);"
           "CREATE TABLE clone_sync_state ("
           " source_catalog TEXT NOT NULL, destination_catalog TEXT NOT NULL,"
           " table_key TEXT NOT NULL, source_version INTEGER NOT NULL,"
           " destination_version INTEGER, synced_at TEXT NOT NULL, job_id TEXT,"
           " PRIMARY KEY (source_catalog, destination_catalog, table_key));"}};
}

void CloneStore::openLog(const RollbackLogInfo& info) {
  store_.execute(
      "INSERT OR IGNORE INTO clone_rollback_logs (rollback_id, job_id, source_catalog, "
      "destination_catalog, clone_started_at) VALUES (?, ?, ?, ?, ?)",
      {info.rollbackId, info.jobId, info.sourceCatalog, info.destinationCatalog,
       info.cloneStartedAt});
}

void CloneStore::record(const std::string& rollbackId, const RollbackEntry& e) {
  // The sequence is computed in the statement so concurrent workers never collide.
  store_.execute(
      "INSERT INTO clone_rollback_entries (rollback_id, seq, object_type, name, existed, "
      "pre_version, previous) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
      "clone_rollback_entries WHERE rollback_id = ?), ?, ?, ?, ?, ?)",
      {rollbackId, rollbackId, keyword(e.kind), Json(e.name).dump(), e.existed ? 1 : 0,
       e.preVersion ? Json(*e.preVersion) : Json(),
       e.previous.is_null() ? Json() : Json(e.previous.dump())});
}

std::optional<RollbackLogInfo> CloneStore::log(const std::string& rollbackId) const {
  const auto rows =
      store_.query("SELECT * FROM clone_rollback_logs WHERE rollback_id = ?", {rollbackId});
  if (rows.empty()) return std::nullopt;
  return infoFrom(rows[0]);
}

void CloneStore::registerRun(const std::string& jobId, const std::string& rollbackId,
                             const std::string& resumedFrom) {
  store_.execute(
      "INSERT OR REPLACE INTO clone_runs (job_id, rollback_id, resumed_from) VALUES (?, ?, ?)",
      {jobId, rollbackId, resumedFrom.empty() ? Json() : Json(resumedFrom)});
  if (resumedFrom.empty()) return;
  store_.execute(
      "INSERT OR IGNORE INTO clone_objects (job_id, object_key, status, error) SELECT ?, "
      "object_key, status, error FROM clone_objects WHERE job_id = ? AND status = 'success'",
      {jobId, resumedFrom});
}

std::optional<RollbackLogInfo> CloneStore::logOfJob(const std::string& jobId) const {
  const auto rows = store_.query(
      "SELECT l.* FROM clone_runs r JOIN clone_rollback_logs l ON l.rollback_id = r.rollback_id "
      "WHERE r.job_id = ?",
      {jobId});
  if (rows.empty()) return std::nullopt;
  return infoFrom(rows[0]);
}

std::vector<RollbackEntry> CloneStore::entries(const std::string& rollbackId) const {
  std::vector<RollbackEntry> out;
  for (const auto& r :
       store_.query("SELECT * FROM clone_rollback_entries WHERE rollback_id = ? ORDER BY seq",
                    {rollbackId})) {
    RollbackEntry e;
    e.kind = kindFromKeyword(jsonText(r["object_type"])).value_or(ObjectKind::Table);
    e.name = Json::parse(jsonText(r["name"])).get<std::vector<std::string>>();
    e.existed = r["existed"].get<std::int64_t>() != 0;
    if (r["pre_version"].is_number()) e.preVersion = r["pre_version"].get<std::int64_t>();
    if (r["previous"].is_string()) e.previous = Json::parse(r["previous"].get<std::string>());
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Json> CloneStore::listLogs(int limit) const {
  std::vector<Json> out;
  for (const auto& r : store_.query(
           "SELECT l.*, (SELECT COUNT(*) FROM clone_rollback_entries e WHERE e.rollback_id = "
           "l.rollback_id) AS total_objects FROM clone_rollback_logs l "
           "ORDER BY clone_started_at DESC, rollback_id LIMIT ?",
           {limit})) {
    Json row{{"rollback_id", r["rollback_id"]},
             {"job_id", r["job_id"]},
             {"source_catalog", r["source_catalog"]},
             {"destination_catalog", r["destination_catalog"]},
             {"timestamp", r["clone_started_at"]},
             {"status", r["status"]},
             {"executed_at", r["executed_at"]},
             {"total_objects", r["total_objects"]},
             // The original web UI posts an entry's `file` back as the log to roll back.
             {"file", r["rollback_id"]}};
    Json versions = Json::object();
    Json created = Json::object();
    for (const auto& e : entries(jsonText(r["rollback_id"]))) {
      std::string dotted;
      for (const auto& p : e.name) dotted += (dotted.empty() ? "" : ".") + p;
      if (e.kind == ObjectKind::Table && e.existed && e.preVersion) {
        versions[dotted] = *e.preVersion;
      }
      if (!e.existed) created[plural(e.kind)].push_back(dotted);
    }
    row["table_versions"] = versions;
    row["created_objects"] = created;
    row["restore_mode"] = versions.empty() ? "drop" : "version";
    out.push_back(std::move(row));
  }
  return out;
}

void CloneStore::markRolledBack(const std::string& rollbackId, const std::string& status,
                                const std::string& at, const Json& result) {
  store_.execute(
      "UPDATE clone_rollback_logs SET status = ?, executed_at = ?, result = ? WHERE "
      "rollback_id = ?",
      {status, at, result.dump(), rollbackId});
}

void CloneStore::markObject(const std::string& jobId, ObjectKind kind, const std::string& name,
                            const std::string& status, const std::string& error) {
  store_.execute(
      "INSERT OR REPLACE INTO clone_objects (job_id, object_key, status, error) VALUES "
      "(?, ?, ?, ?)",
      {jobId, objectKey(kind, name), status, error.empty() ? Json() : Json(error)});
}

std::set<std::string> CloneStore::doneObjects(const std::string& jobId) const {
  std::set<std::string> out;
  for (const auto& r :
       store_.query("SELECT object_key FROM clone_objects WHERE job_id = ? AND status = 'success'",
                    {jobId})) {
    out.insert(jsonText(r["object_key"]));
  }
  return out;
}

void CloneStore::audit(const Json& op, const std::vector<std::string>& logLines,
                       const Json& metrics) {
  const std::string jobId = jsonText(op["job_id"]);
  store_.execute(
      "INSERT OR REPLACE INTO clone_operations (job_id, operation, source_catalog, "
      "destination_catalog, clone_type, status, started_at, finished_at, duration_seconds, "
      "user_name, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {jobId, op["operation"], op["source_catalog"], op["destination_catalog"], op["clone_type"],
       op["status"], op["started_at"], op["finished_at"], op["duration_seconds"], op["user_name"],
       op["summary"].dump()});
  store_.execute("INSERT OR REPLACE INTO clone_run_logs (job_id, lines) VALUES (?, ?)",
                 {jobId, Json(logLines).dump()});
  for (const auto& [name, value] : metrics.items()) {
    if (!value.is_number()) continue;
    store_.execute("INSERT OR REPLACE INTO clone_metrics (job_id, name, value) VALUES (?, ?, ?)",
                   {jobId, name, value});
  }
}

Json CloneStore::auditOf(const std::string& jobId) const {
  const auto ops = store_.query("SELECT * FROM clone_operations WHERE job_id = ?", {jobId});
  if (ops.empty()) return nullptr;
  Json op = ops[0];
  if (op["summary"].is_string()) op["summary"] = Json::parse(op["summary"].get<std::string>());
  Json logs = Json::array();
  const auto l = store_.query("SELECT lines FROM clone_run_logs WHERE job_id = ?", {jobId});
  if (!l.empty()) logs = Json::parse(jsonText(l[0]["lines"]));
  Json metrics = Json::object();
  for (const auto& m :
       store_.query("SELECT name, value FROM clone_metrics WHERE job_id = ?", {jobId})) {
    metrics[jsonText(m["name"])] = m["value"];
  }
  return {{"operation", op}, {"logs", logs}, {"metrics", metrics}};
}

}  // namespace clxs::clone
