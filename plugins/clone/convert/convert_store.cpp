#include "plugins/clone/convert/convert_store.hpp"

#include <string>
#include <utility>

#include "clxs/text.hpp"

namespace clxs::clone::convert {
namespace {}  // namespace

std::vector<Migration> ConvertStore::migrations() {
  // `seq` orders rows newest first even when several share a timestamp; `trigger` is an
  // SQLite keyword, hence trigger_kind.
  return {{100,
           "CREATE TABLE clone_convert_operations ("
           " seq INTEGER PRIMARY KEY, operation_id TEXT NOT NULL, fqn TEXT NOT NULL,"
           " source_format TEXT, status TEXT NOT NULL, started_at TEXT NOT NULL,"
           " completed_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, user_name TEXT,"
           " host TEXT, dry_run INTEGER NOT NULL, trigger_kind TEXT NOT NULL,"
           " error_message TEXT, reason TEXT, statement TEXT, recorded_at TEXT NOT NULL,"
           " UNIQUE (operation_id, fqn));"
           "CREATE INDEX clone_convert_operations_fqn ON clone_convert_operations(fqn);"}};
}

void ConvertStore::record(const BatchInfo& batch, const std::vector<ConvertOutcome>& outcomes,
                          const std::string& recordedAt) {
  for (const auto& o : outcomes) {
    store_.execute(
        "INSERT INTO clone_convert_operations (operation_id, fqn, source_format, status,"
        " started_at, completed_at, duration_ms, user_name, host, dry_run, trigger_kind,"
        " error_message, reason, statement, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {batch.operationId, o.fqn, textOrNull(o.sourceFormat), std::string(statusName(o.status)),
         o.startedAt, o.completedAt, o.durationMs, textOrNull(batch.userName),
         textOrNull(batch.host), batch.dryRun, batch.trigger, textOrNull(o.error),
         textOrNull(o.reason), textOrNull(o.statement), recordedAt});
  }
}

std::vector<Json> ConvertStore::history(const HistoryFilter& filter) {
  std::string sql =
      "SELECT operation_id, fqn, source_format, status, started_at, completed_at, duration_ms,"
      " user_name, host, dry_run, trigger_kind, error_message, reason, statement, recorded_at"
      " FROM clone_convert_operations WHERE 1 = 1";
  std::vector<Json> params;
  if (filter.status) {
    sql += " AND status = ?";
    params.emplace_back(*filter.status);
  }
  if (filter.fqnLike) {
    // Backslash escapes % and _ as in Databricks SQL's LIKE.
    sql += " AND fqn LIKE ? ESCAPE '\\'";
    params.emplace_back(*filter.fqnLike);
  }
  if (filter.dryRun) {
    sql += " AND dry_run = ?";
    params.emplace_back(*filter.dryRun ? 1 : 0);
  }
  if (filter.operationId) {
    sql += " AND operation_id = ?";
    params.emplace_back(*filter.operationId);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.emplace_back(filter.limit);
  std::vector<Json> rows;
  for (auto& r : store_.query(sql, params)) {
    rows.push_back(Json{{"operation_id", r["operation_id"]},
                        {"fqn", r["fqn"]},
                        {"source_format", r["source_format"]},
                        {"status", r["status"]},
                        {"started_at", r["started_at"]},
                        {"completed_at", r["completed_at"]},
                        {"duration_ms", r["duration_ms"]},
                        {"user_name", r["user_name"]},
                        {"host", r["host"]},
                        {"dry_run", r["dry_run"].is_number() && r["dry_run"].get<int>() != 0},
                        {"trigger", r["trigger_kind"]},
                        {"error_message", r["error_message"]},
                        {"recorded_at", r["recorded_at"]},
                        {"reason", r["reason"]},
                        {"sql", r["statement"]}});
  }
  return rows;
}

}  // namespace clxs::clone::convert
