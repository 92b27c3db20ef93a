#include "kernel/workspace/local/metastore/system_tables.hpp"

#include <chrono>

#include "clxs/clock.hpp"
#include "clxs/id.hpp"

namespace clxs::kernel {

namespace {

// The newest rows kept per table; older ones are pruned as new ones arrive.
constexpr std::int64_t kKeepRows = 200000;
constexpr const char* kWorkspaceId = "local";

std::string iso(std::int64_t ms) {
  return isoUtc(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

std::vector<std::string> splitName(const std::string& full) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 2) {
    const auto dot = full.find('.', start);
    if (dot == std::string::npos) break;
    parts.push_back(full.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(full.substr(start));
  while (parts.size() < 3) parts.insert(parts.begin(), "");
  return parts;
}

const std::vector<SystemColumn>& historyColumns() {
  static const std::vector<SystemColumn> kCols{
      {"account_id", "VARCHAR"},           {"workspace_id", "VARCHAR"},
      {"statement_id", "VARCHAR"},         {"session_id", "VARCHAR"},
      {"execution_status", "VARCHAR"},     {"executed_by", "VARCHAR"},
      {"executed_as", "VARCHAR"},          {"statement_text", "VARCHAR"},
      {"statement_type", "VARCHAR"},       {"error_message", "VARCHAR"},
      {"client_application", "VARCHAR"},   {"total_duration_ms", "BIGINT"},
      {"execution_duration_ms", "BIGINT"}, {"start_time", "TIMESTAMPTZ"},
      {"end_time", "TIMESTAMPTZ"},         {"update_time", "TIMESTAMPTZ"},
      {"produced_rows", "BIGINT"}};
  return kCols;
}

const std::vector<SystemColumn>& auditColumns() {
  static const std::vector<SystemColumn> kCols{
      {"account_id", "VARCHAR"},
      {"workspace_id", "VARCHAR"},
      {"version", "VARCHAR"},
      {"event_time", "TIMESTAMPTZ"},
      {"event_date", "DATE"},
      {"source_ip_address", "VARCHAR"},
      {"user_agent", "VARCHAR"},
      {"session_id", "VARCHAR"},
      {"user_identity", "STRUCT(email VARCHAR)"},
      {"service_name", "VARCHAR"},
      {"action_name", "VARCHAR"},
      {"request_id", "VARCHAR"},
      {"request_params", "MAP(VARCHAR, VARCHAR)"},
      {"response", "STRUCT(status_code INTEGER, error_message VARCHAR, result VARCHAR)"},
      {"audit_level", "VARCHAR"},
      {"event_id", "VARCHAR"}};
  return kCols;
}

std::vector<SystemColumn> lineageColumns(bool column) {
  std::vector<SystemColumn> cols{{"account_id", "VARCHAR"},
                                 {"metastore_id", "VARCHAR"},
                                 {"workspace_id", "VARCHAR"},
                                 {"entity_type", "VARCHAR"},
                                 {"entity_id", "VARCHAR"},
                                 {"entity_run_id", "VARCHAR"},
                                 {"source_table_full_name", "VARCHAR"},
                                 {"source_table_catalog", "VARCHAR"},
                                 {"source_table_schema", "VARCHAR"},
                                 {"source_table_name", "VARCHAR"},
                                 {"source_path", "VARCHAR"},
                                 {"source_type", "VARCHAR"}};
  if (column) cols.push_back({"source_column_name", "VARCHAR"});
  for (SystemColumn c : std::vector<SystemColumn>{{"target_table_full_name", "VARCHAR"},
                                                  {"target_table_catalog", "VARCHAR"},
                                                  {"target_table_schema", "VARCHAR"},
                                                  {"target_table_name", "VARCHAR"},
                                                  {"target_path", "VARCHAR"},
                                                  {"target_type", "VARCHAR"}}) {
    cols.push_back(c);
  }
  if (column) cols.push_back({"target_column_name", "VARCHAR"});
  for (SystemColumn c : std::vector<SystemColumn>{{"created_by", "VARCHAR"},
                                                  {"event_time", "TIMESTAMPTZ"},
                                                  {"event_date", "DATE"},
                                                  {"record_id", "VARCHAR"},
                                                  {"event_id", "VARCHAR"},
                                                  {"statement_id", "VARCHAR"}}) {
    cols.push_back(c);
  }
  return cols;
}

}  // namespace

SystemTables::SystemTables(const std::filesystem::path& root)
    : db_(root / "metastore", "system.db") {
  db_.migrate("system",
              {{1,
                "CREATE TABLE sys_query_history (statement_id TEXT PRIMARY KEY, session_id TEXT, "
                "executed_by TEXT, statement_text TEXT, statement_type TEXT, "
                "execution_status TEXT, error_message TEXT, start_ms INTEGER, end_ms INTEGER, "
                "produced_rows INTEGER);"
                "CREATE TABLE sys_audit (event_id TEXT PRIMARY KEY, statement_id TEXT, "
                "session_id TEXT, user_name TEXT, event_ms INTEGER, table_full_name TEXT, "
                "operation TEXT, status_code INTEGER, error_message TEXT);"
                "CREATE TABLE sys_table_lineage (record_id TEXT PRIMARY KEY, statement_id TEXT, "
                "source_full_name TEXT, source_type TEXT, target_full_name TEXT, "
                "target_type TEXT, created_by TEXT, event_ms INTEGER);"
                "CREATE TABLE sys_column_lineage (record_id TEXT PRIMARY KEY, "
                "statement_id TEXT, source_full_name TEXT, source_column TEXT, "
                "target_full_name TEXT, target_column TEXT, created_by TEXT, event_ms INTEGER);"}});
}

void SystemTables::record(const StatementRecord& r) {
  db_.transaction([&] {
    db_.execute(
        "INSERT INTO sys_query_history (statement_id, session_id, executed_by, statement_text, "
        "statement_type, execution_status, error_message, start_ms, end_ms, produced_rows) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {r.statementId, r.sessionId, r.user, r.text, r.type, r.status,
         r.error.empty() ? Json(nullptr) : Json(r.error), r.startMs, r.endMs, r.producedRows});
    const int status = r.status == "FINISHED" ? 200 : 500;
    auto audit = [&](const std::string& table, const std::string& operation) {
      db_.execute(
          "INSERT INTO sys_audit (event_id, statement_id, session_id, user_name, event_ms, "
          "table_full_name, operation, status_code, error_message) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {newUuid(), r.statementId, r.sessionId, r.user, r.startMs, table, operation, status,
           r.error.empty() ? Json(nullptr) : Json(r.error)});
    };
    for (const auto& t : r.reads) audit(t, "READ");
    for (const auto& [t, type] : r.writes) audit(t, "READ_WRITE");
    if (r.status == "FINISHED") {
      for (const auto& [target, type] : r.writes) {
        for (const auto& source : r.reads) {
          if (source == target) continue;
          db_.execute(
              "INSERT INTO sys_table_lineage (record_id, statement_id, source_full_name, "
              "source_type, target_full_name, target_type, created_by, event_ms) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {newUuid(), r.statementId, source, "TABLE", target, type, r.user, r.endMs});
        }
      }
      for (const auto& e : r.columns) {
        db_.execute(
            "INSERT INTO sys_column_lineage (record_id, statement_id, source_full_name, "
            "source_column, target_full_name, target_column, created_by, event_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {newUuid(), r.statementId, e.sourceTable, e.sourceColumn, e.targetTable, e.targetColumn,
             r.user, r.endMs});
      }
    }
    // Pruning scans the tables' ends; once every few hundred statements is enough.
    constexpr std::uint64_t kPruneEvery = 512;
    if (recorded_.fetch_add(1) % kPruneEvery != 0) return;
    for (const char* table :
         {"sys_query_history", "sys_audit", "sys_table_lineage", "sys_column_lineage"}) {
      db_.execute(std::string("DELETE FROM ") + table + " WHERE rowid <= (SELECT max(rowid) FROM " +
                      table + ") - ?",
                  {kKeepRows});
    }
  });
}

std::optional<std::vector<SystemColumn>> SystemTables::columns(const std::string& name) {
  if (name == "query.history") return historyColumns();
  if (name == "access.audit") return auditColumns();
  if (name == "access.table_lineage") return lineageColumns(false);
  if (name == "access.column_lineage") return lineageColumns(true);
  return std::nullopt;
}

std::vector<std::vector<Json>> SystemTables::rows(const std::string& name) {
  std::vector<std::vector<Json>> out;
  if (name == "query.history") {
    for (const auto& h : db_.query("SELECT * FROM sys_query_history ORDER BY rowid")) {
      const auto start = h["start_ms"].get<std::int64_t>();
      const auto end = h["end_ms"].get<std::int64_t>();
      out.push_back({nullptr, kWorkspaceId, h["statement_id"], h["session_id"],
                     h["execution_status"], h["executed_by"], h["executed_by"], h["statement_text"],
                     h["statement_type"], h["error_message"], "clxs", end - start, end - start,
                     iso(start), iso(end), iso(end), h["produced_rows"]});
    }
  } else if (name == "access.audit") {
    for (const auto& a : db_.query("SELECT * FROM sys_audit ORDER BY rowid")) {
      const auto ms = a["event_ms"].get<std::int64_t>();
      out.push_back({nullptr, kWorkspaceId, "2.0", iso(ms), iso(ms).substr(0, 10), "127.0.0.1",
                     "clxs", a["session_id"], Json{{"email", a["user_name"]}}, "unityCatalog",
                     "generateTemporaryTableCredential", a["statement_id"],
                     Json{{"table_full_name", a["table_full_name"]}, {"operation", a["operation"]}},
                     Json{{"status_code", a["status_code"]},
                          {"error_message", a["error_message"]},
                          {"result", nullptr}},
                     "WORKSPACE_LEVEL", a["event_id"]});
    }
  } else if (name == "access.table_lineage" || name == "access.column_lineage") {
    const bool column = name == "access.column_lineage";
    const auto sql = column ? "SELECT * FROM sys_column_lineage ORDER BY rowid"
                            : "SELECT * FROM sys_table_lineage ORDER BY rowid";
    for (const auto& l : db_.query(sql)) {
      const auto ms = l["event_ms"].get<std::int64_t>();
      const auto src = splitName(l["source_full_name"].get<std::string>());
      const auto dst = splitName(l["target_full_name"].get<std::string>());
      std::vector<Json> row{nullptr,
                            "local",
                            kWorkspaceId,
                            "QUERY",
                            nullptr,
                            nullptr,
                            l["source_full_name"],
                            src[0],
                            src[1],
                            src[2],
                            nullptr,
                            column ? Json("TABLE") : l["source_type"]};
      if (column) row.push_back(l["source_column"]);
      for (Json v : {l["target_full_name"], Json(dst[0]), Json(dst[1]), Json(dst[2]), Json(nullptr),
                     column ? Json("TABLE") : l["target_type"]}) {
        row.push_back(v);
      }
      if (column) row.push_back(l["target_column"]);
      for (Json v : {l["created_by"], Json(iso(ms)), Json(iso(ms).substr(0, 10)), l["record_id"],
                     l["record_id"], l["statement_id"]}) {
        row.push_back(v);
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace clxs::kernel
