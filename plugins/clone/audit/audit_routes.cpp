#include "plugins/clone/audit/audit_routes.hpp"

#include <optional>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/audit/audit_runs.hpp"
#include "plugins/clone/audit/audit_state.hpp"
#include "plugins/clone/audit/catalog_health.hpp"
#include "plugins/clone/audit/delta_audit.hpp"
#include "plugins/clone/audit/monitor_metrics.hpp"
#include "plugins/clone/audit/notifications.hpp"

namespace clxs::clone::audit {
namespace {

std::vector<Json> statusValues() {
  std::vector<Json> out;
  for (const auto& s : runStatuses()) out.emplace_back(s);
  return out;
}

Field limitField(int byDefault, const std::string& what) {
  return Field::integer().min(1).max(1000).clampToMax().defaultsTo(byDefault).describe(
      what + " (1-1000; larger values are clamped)");
}

Field catalogFilter(const std::string& what) {
  return Field::string().identifier().describe(what + " (any case)");
}

Field operationFilter() {
  return Field::string()
      .pattern("[a-z_]{1,64}")
      .describe("Only runs of this operation: clone, sync or incremental_sync");
}

std::string text(const Json& query, const char* name) {
  return query.contains(name) && query[name].is_string() ? query[name].get<std::string>()
                                                         : std::string();
}

RunFilter filterFrom(const Json& q) {
  RunFilter f;
  f.sourceCatalog = text(q, "source_catalog");
  f.destinationCatalog = text(q, "destination_catalog");
  f.status = text(q, "status");
  f.operation = text(q, "operation");
  return f;
}

int intParam(const Json& q, const char* name, int fallback) {
  return q.contains(name) && q[name].is_number_integer() ? q[name].get<int>() : fallback;
}

// Where the Delta audit tables live: POST /api/audit/init and /api/audit/describe.
struct AuditTablesLocation {
  std::string warehouseId;
  std::optional<std::string> catalog;
  std::optional<std::string> schemaName;
  static const Schema<AuditTablesLocation>& schema() {
    using L = AuditTablesLocation;
    static const auto s =
        Schema<L>("AuditTablesLocation")
            .field("warehouse_id", &L::warehouseId,
                   Field::string().describe("SQL warehouse to run on (default: "
                                            "X-Databricks-Warehouse or the configured one)"))
            .field("catalog", &L::catalog,
                   Field::string().identifier().describe(
                       "Audit catalog (default: audit_trail.catalog of the config, else "
                       "clone_audit)"))
            .field("schema", &L::schemaName,
                   Field::string().identifier().describe(
                       "Schema of run_logs and clone_operations (default: audit_trail.schema "
                       "of the config, else logs); clone_metrics goes to <catalog>.metrics"));
    return s;
  }
};

struct AuditInitRequest {
  AuditTablesLocation location;
  static const Schema<AuditInitRequest>& schema() {
    static const auto s =
        Schema<AuditInitRequest>("AuditInitRequest").include(&AuditInitRequest::location);
    return s;
  }
};

struct AuditDescribeRequest {
  AuditTablesLocation location;
  static const Schema<AuditDescribeRequest>& schema() {
    static const auto s = Schema<AuditDescribeRequest>("AuditDescribeRequest")
                              .include(&AuditDescribeRequest::location);
    return s;
  }
};

/// Request field > config audit_trail > built-in default, as the conventions order them.
AuditTarget targetOf(const AuditTablesLocation& b, const Request& r, const ConfigView& config,
                     Workspace& ws) {
  Json trail = config.value("audit_trail", Json::object());
  if (!trail.is_object()) trail = Json::object();
  const auto pick = [&](const std::optional<std::string>& given, const char* field,
                        const char* fallback) {
    if (given) return *given;
    if (trail.contains(field) && trail[field].is_string() &&
        !trail[field].get<std::string>().empty()) {
      return trail[field].get<std::string>();
    }
    return std::string(fallback);
  };
  AuditTarget t;
  t.catalog = pick(b.catalog, "catalog", "clone_audit");
  t.schema = pick(b.schemaName, "schema", "logs");
  validateIdentifier(t.catalog, "catalog");
  validateIdentifier(t.schema, "schema");
  t.warehouseId = b.warehouseId.empty() ? r.credentials().warehouseId : b.warehouseId;
  t.workspaceHost = ws.host();
  return t;
}

// The fields of trailEntry(); `withRecord` adds runRecord()'s.
Model auditEntryModel(const std::string& name, bool withRecord) {
  Model m(name);
  m.field("job_id", Field::string())
      .field("operation", Field::string().describe("clone, sync or incremental_sync"))
      .field("job_type", Field::string().describe("Same as operation"))
      .field("source_catalog", Field::string())
      .field("destination_catalog", Field::string())
      .field("clone_type", Field::string().nullable())
      .field("status", Field::string())
      .field("started_at", Field::string().nullable())
      .field("completed_at", Field::string().nullable())
      .field("duration_seconds", Field::number())
      .field("user_name", Field::string().nullable())
      .field("tables_cloned", Field::integer())
      .field("tables_failed", Field::integer())
      .field("tables_skipped", Field::integer())
      .field("views_cloned", Field::integer())
      .field("functions_cloned", Field::integer())
      .field("volumes_cloned", Field::integer())
      .field("total_size_bytes", Field::integer())
      .field("error_message", Field::string().nullable());
  if (withRecord) {
    m.field("log_lines", Field::array(Field::string()))
        .field("result", Field::object().describe("The run's result document"))
        .field("metrics", Field::object())
        .field("destination_existed", Field::boolean().nullable());
  }
  return m;
}

}  // namespace

void registerAuditRoutes(Host& host) {
  registerAuditRoutes(host.routes(), host.store(), host.clock(), host.config());
}

void registerAuditRoutes(Routes& routes, Store& store, const Clock& clock,
                         const ConfigView& config) {
  ensureAuditState(store);

  routes.get("/api/audit")
      .summary("List the audit trail")
      .description(
          "One entry per finished clone, sync or incremental sync run, most recently finished "
          "first, from the server's audit store (the Delta tables of POST /api/audit/init are a "
          "copy of it). Dry runs are not audited. The answer is a list of AuditEntry.")
      .query("limit", limitField(100, "At most this many entries"))
      .query("source_catalog", catalogFilter("Only runs from this catalog"))
      .query("destination_catalog", catalogFilter("Only runs into this catalog"))
      .query("status", Field::string().oneOf(statusValues()).describe("Only runs that ended so"))
      .query("operation", operationFilter())
      .returns(auditEntryModel("AuditEntry", false))
      .handle([&store](const Request& r) {
        Json out = Json::array();
        for (const auto& run :
             loadRuns(store, filterFrom(r.query()), intParam(r.query(), "limit", 100))) {
          out.push_back(trailEntry(run));
        }
        return out;
      });

  routes.get("/api/audit/{job_id}/logs")
      .summary("Get a run's full record")
      .description(
          "The audit entry of one run with its log lines, its result document and its metrics. "
          "404 for a job that never ran, is still running or was a dry run.")
      .pathParam("job_id", Field::string().minLength(1).maxLength(200).describe("Job id"))
      .returns(auditEntryModel("AuditRunRecord", true))
      .handle([&store](const Request& r) {
        const auto& id = r.param("job_id");
        const auto detail = loadRunDetail(store, id);
        if (!detail) {
          throw notFound("No audited run with job id '" + id +
                         "': it is unknown, still running, or was a dry run");
        }
        return runRecord(*detail);
      });

  routes.get("/api/notifications")
      .summary("List notifications about finished runs")
      .description(
          "One item per finished run, newest first: success (completed), warning (completed "
          "with errors), error (failed) or info (cancelled). An item is unread when its run "
          "finished after the read marker: the `since` parameter when given, else the "
          "server-wide marker that a call with mark_read=true moves to the newest run it "
          "returned. unread_count counts every unread run, not only the returned ones; "
          "unread_since echoes the marker used (null: never marked, so all are unread).")
      .query("limit", limitField(50, "At most this many items"))
      .query("since", Field::string().maxLength(40).describe(
                          "Count runs that finished after this UTC time (ISO-8601, e.g. "
                          "2025-01-15T10:45:00Z) as unread, instead of the stored marker"))
      .query("mark_read", Field::boolean().defaultsTo(false).describe(
                              "After answering, mark everything up to the newest run read"))
      .returns(
          Model("CloneNotifications")
              .field("unread_count", Field::integer())
              .field("unread_since", Field::string().nullable())
              .field("items", Field::array(Field::object())
                                  .describe("{type, message, timestamp, status, job_id, operation, "
                                            "source_catalog, destination_catalog, read}")))
      // mark_read=true moves the server-wide read marker.
      .mutates()
      .handle([&store](const Request& r) {
        std::optional<std::string> since;
        const auto raw = text(r.query(), "since");
        if (!raw.empty()) {
          since = normaliseUtc(raw);
          if (!since) {
            throw unprocessable(Json::array({"query", "since"}),
                                "since must be a UTC ISO-8601 time such as "
                                "2025-01-15T10:45:00Z, not '" +
                                    raw + "'");
          }
        }
        const bool markRead = r.query().value("mark_read", false);
        return notifications(store, intParam(r.query(), "limit", 50), since, markRead);
      });

  routes.get("/api/catalog-health")
      .summary("Health of each destination catalog")
      .description(
          "For each catalog runs have written to, over its last `window` runs: totals by "
          "outcome, score = 100 x (succeeded + half of completed-with-errors) / runs not "
          "cancelled (null when all were cancelled), trend (improving or declining when the "
          "newer half of the runs scores 10 points above or below the older half, else stable; "
          "insufficient_data under two runs), skipped_table_ratio (0-1) and the last run.")
      .query("window", limitField(20, "Recent runs per catalog to judge"))
      .returns(
          Model("CatalogHealth")
              .field("catalogs", Field::array(Field::object())
                                     .describe("{catalog, total, succeeded, completed_with_errors, "
                                               "failed, cancelled, score, trend, tables_skipped, "
                                               "tables_considered, skipped_table_ratio, "
                                               "avg_duration_seconds, last_operation, last_status, "
                                               "last_job_id} per catalog"))
              .field("window", Field::integer()))
      .handle([&store](const Request& r) {
        return catalogHealth(store, intParam(r.query(), "window", 20));
      });

  routes.get("/api/monitor/metrics")
      .summary("Clone operation metrics")
      .description(
          "Totals over every audited run matching the filters: runs by outcome and by "
          "operation, failure_rate and error_rate (percent of runs not cancelled that failed / "
          "failed or completed with errors), objects and bytes copied, throughput in tables per "
          "minute of run time, and the last `limit` runs oldest first as duration_trend with its "
          "direction (slower/faster when the newer half's mean duration is 10 % above/below the "
          "older half's), plus one entry per day for the last 30 days with runs.")
      .query("limit", limitField(50, "Runs in duration_trend"))
      .query("source_catalog", catalogFilter("Only runs from this catalog"))
      .query("destination_catalog", catalogFilter("Only runs into this catalog"))
      .query("operation", operationFilter())
      .returns(
          Model("CloneMonitorMetrics")
              .field("total_operations", Field::integer())
              .field("succeeded", Field::integer())
              .field("completed_with_errors", Field::integer())
              .field("failed", Field::integer())
              .field("cancelled", Field::integer())
              .field("failure_rate", Field::number().nullable())
              .field("error_rate", Field::number().nullable())
              .field("tables", Field::object().describe("{cloned, failed, skipped}"))
              .field("views_cloned", Field::integer())
              .field("functions_cloned", Field::integer())
              .field("volumes_cloned", Field::integer())
              .field("total_size_bytes", Field::integer())
              .field("retries", Field::integer())
              .field("total_duration_seconds", Field::number())
              .field("avg_duration_seconds", Field::number().nullable())
              .field("throughput_tables_per_min", Field::number().nullable())
              .field("by_operation", Field::object())
              .field("duration_trend", Field::array(Field::object()))
              .field("duration_trend_direction", Field::string())
              .field("daily", Field::array(Field::object()))
              // The original's dashboard fields, which its web UI reads.
              .field("total_clones", Field::integer().describe("Runs"))
              .field("success_rate",
                     Field::integer().describe("Percent of runs that completed (0-100)"))
              .field("avg_duration", Field::number().describe("Seconds"))
              .field("min_duration", Field::number().describe("Seconds"))
              .field("max_duration", Field::number().describe("Seconds"))
              .field("total_tables_cloned", Field::integer())
              .field("total_views_cloned", Field::integer())
              .field("total_volumes_cloned", Field::integer())
              .field("total_data_bytes", Field::integer())
              .field("avg_tables_per_clone", Field::number())
              .field("by_status", Field::object().describe("status: runs"))
              .field("clone_type_split", Field::object().describe("DEEP/SHALLOW: runs"))
              .field("operation_type_split", Field::object().describe("operation: runs"))
              .field("top_catalogs",
                     Field::array(Field::object()).describe("{catalog, count}, top 5"))
              .field("active_users", Field::array(Field::object()).describe("{user, count}, top 5"))
              .field("peak_hours",
                     Field::array(Field::object()).describe("{hour, count} for hours 0-23 (UTC)"))
              .field("activity", Field::array(Field::object())
                                     .describe("{day, date, clones, success, failed}, last 7 days"))
              .field("week_over_week",
                     Field::object().describe("{this_week, last_week, change_pct}"))
              .field("recent_jobs", Field::array(Field::object()).describe("The newest 20 runs")))
      .handle([&store, &clock](const Request& r) {
        return monitorMetrics(store, filterFrom(r.query()), intParam(r.query(), "limit", 50),
                              clock.now());
      });

  routes.post("/api/audit/init")
      .summary("Create the Delta audit tables")
      .description(
          "Creates (IF NOT EXISTS) <catalog>.<schema>.run_logs, <catalog>.<schema>."
          "clone_operations and <catalog>.metrics.clone_metrics in the workspace, with the "
          "catalog and schemas when missing, adds columns an older table lacks, and copies "
          "every audited run into them. Rows are keyed by job id, so running it again copies "
          "only runs not there yet. Runs that finish later are appended to the tables as they "
          "end. log_lines and tags are JSON text columns.")
      .body<AuditInitRequest>()
      .returns(Model("AuditInitResult")
                   .field("status", Field::string().describe("Always ok"))
                   .field("catalog", Field::string())
                   .field("schema", Field::string())
                   .field("tables_created", Field::array(Field::string()))
                   .field("already_existed", Field::array(Field::string()))
                   .field("columns_added", Field::object().describe("Columns added per table"))
                   .field("rows_copied", Field::object().describe("Runs copied per table"))
                   .field("schemas", Field::object().describe("Columns of each table")))
      .mutates()
      .handle([&store, &clock, &config](const Request& r, const AuditInitRequest& body) {
        const auto ws = r.workspace();
        return initAuditTables(*ws, store, targetOf(body.location, r, config, *ws),
                               isoUtc(clock.now()));
      });

  routes.post("/api/audit/describe")
      .summary("Describe the Delta audit tables")
      .description(
          "The columns of run_logs, clone_operations and clone_metrics as they exist in the "
          "workspace; tables not found are listed under missing. 404 when none exists (POST "
          "/api/audit/init creates them).")
      .body<AuditDescribeRequest>()
      .returns(Model("AuditTablesDescription")
                   .field("catalog", Field::string())
                   .field("schema", Field::string())
                   .field("schemas", Field::object().describe("Columns of each table found"))
                   .field("missing", Field::array(Field::string())))
      .handle([&config](const Request& r, const AuditDescribeRequest& body) {
        const auto ws = r.workspace();
        return describeAuditTables(*ws, targetOf(body.location, r, config, *ws));
      });
}

}  // namespace clxs::clone::audit
