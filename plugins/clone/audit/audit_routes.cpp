#include "plugins/clone/audit/audit_routes.hpp"

#include <string>
#include <utility>

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

Model targetModel(const std::string& name, bool withWarehouse) {
  Model m(name);
  if (withWarehouse) {
    m.field("warehouse_id", Field::string().describe(
                                "SQL warehouse to run on (default: X-Databricks-Warehouse or the "
                                "configured one)"));
  }
  m.field("catalog", Field::string().identifier().describe(
                         "Audit catalog (default: audit_trail.catalog of the config, else "
                         "clone_audit)"))
      .field("schema", Field::string().identifier().describe(
                           "Schema of run_logs and clone_operations (default: "
                           "audit_trail.schema of the config, else logs); clone_metrics goes "
                           "to <catalog>.metrics"));
  return m;
}

/// Request field > config audit_trail > built-in default, as the conventions order them.
AuditTarget targetOf(const Request& r, const ConfigView& config, Workspace& ws) {
  const Json& b = r.body().is_object() ? r.body() : Json::object();
  Json trail = config.value("audit_trail", Json::object());
  if (!trail.is_object()) trail = Json::object();
  const auto pick = [&](const char* field, const char* fallback) {
    if (b.contains(field) && b[field].is_string()) return b[field].get<std::string>();
    if (trail.contains(field) && trail[field].is_string() &&
        !trail[field].get<std::string>().empty()) {
      return trail[field].get<std::string>();
    }
    return std::string(fallback);
  };
  AuditTarget t;
  t.catalog = pick("catalog", "clone_audit");
  t.schema = pick("schema", "logs");
  validateIdentifier(t.catalog, "catalog");
  validateIdentifier(t.schema, "schema");
  t.warehouseId = b.contains("warehouse_id") && b["warehouse_id"].is_string()
                      ? b["warehouse_id"].get<std::string>()
                      : std::string();
  if (t.warehouseId.empty()) t.warehouseId = r.credentials().warehouseId;
  t.workspaceHost = ws.host();
  return t;
}

}  // namespace

void registerAuditRoutes(Host& host) {
  registerAuditRoutes(host.routes(), host.store(), host.clock(), host.config());
}

void registerAuditRoutes(Routes& routes, Store& store, const Clock& clock,
                         const ConfigView& config) {
  ensureAuditState(store);

  routes.add(RouteSpec{Method::Get,
                       "/api/audit",
                       "List the audit trail",
                       "One entry per finished clone, sync or incremental sync run, most recently "
                       "finished first, from the server's audit store (the Delta tables of "
                       "POST /api/audit/init are a copy of it). Dry runs are not audited.",
                       std::nullopt,
                       {{"limit", limitField(100, "At most this many entries")},
                        {"source_catalog", catalogFilter("Only runs from this catalog")},
                        {"destination_catalog", catalogFilter("Only runs into this catalog")},
                        {"status", Field::string()
                                       .oneOf(statusValues())
                                       .describe("Only runs that "
                                                 "ended so")},
                        {"operation", operationFilter()}},
                       {},
                       false},
             [&store](const Request& r) -> Response {
               Json out = Json::array();
               for (const auto& run :
                    loadRuns(store, filterFrom(r.query()), intParam(r.query(), "limit", 100))) {
                 out.push_back(trailEntry(run));
               }
               return out;
             });

  routes.add(RouteSpec{Method::Get,
                       "/api/audit/{job_id}/logs",
                       "Get a run's full record",
                       "The audit entry of one run with its log lines, its result document and its "
                       "metrics. 404 for a job that never ran, is still running or was a dry run.",
                       std::nullopt,
                       {},
                       {{"job_id", Field::string().minLength(1).maxLength(200).describe("Job id")}},
                       false},
             [&store](const Request& r) -> Response {
               const auto& id = r.param("job_id");
               const auto detail = loadRunDetail(store, id);
               if (!detail) {
                 throw notFound("No audited run with job id '" + id +
                                "': it is unknown, still running, or was a dry run");
               }
               return runRecord(*detail);
             });

  routes.add(
      RouteSpec{Method::Get,
                "/api/notifications",
                "List notifications about finished runs",
                "One item per finished run, newest first: success (completed), warning "
                "(completed with errors), error (failed) or info (cancelled). An item is "
                "unread when its run finished after the read marker: the `since` parameter "
                "when given, else the server-wide marker that a call with mark_read=true moves "
                "to the newest run it returned. unread_count counts every unread run, not "
                "only the returned ones; unread_since echoes the marker used (null: never "
                "marked, so all are unread).",
                std::nullopt,
                {{"limit", limitField(50, "At most this many items")},
                 {"since", Field::string().maxLength(40).describe(
                               "Count runs that finished after this UTC time (ISO-8601, e.g. "
                               "2025-01-15T10:45:00Z) as unread, instead of the stored marker")},
                 {"mark_read", Field::boolean().defaultsTo(false).describe(
                                   "After answering, mark everything up to the newest run read")}},
                {},
                false},
      [&store](const Request& r) -> Response {
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

  routes.add(
      RouteSpec{Method::Get,
                "/api/catalog-health",
                "Health of each destination catalog",
                "For each catalog runs have written to, over its last `window` runs: totals "
                "by outcome, score = 100 x (succeeded + half of completed-with-errors) / runs "
                "not cancelled (null when all were cancelled), trend (improving or declining "
                "when the newer half of the runs scores 10 points above or below the older "
                "half, else stable; insufficient_data under two runs), skipped_table_ratio "
                "(0-1) and the last run.",
                std::nullopt,
                {{"window", limitField(20, "Recent runs per catalog to judge")}},
                {},
                false},
      [&store](const Request& r) -> Response {
        return catalogHealth(store, intParam(r.query(), "window", 20));
      });

  routes.add(RouteSpec{Method::Get,
                       "/api/monitor/metrics",
                       "Clone operation metrics",
                       "Totals over every audited run matching the filters: runs by outcome and by "
                       "operation, failure_rate and error_rate (percent of runs not cancelled that "
                       "failed / failed or completed with errors), objects and bytes copied, "
                       "throughput in tables per minute of run time, and the last `limit` runs "
                       "oldest first as duration_trend with its direction (slower/faster when the "
                       "newer half's mean duration is 10 % above/below the older half's), plus one "
                       "entry per day for the last 30 days with runs.",
                       std::nullopt,
                       {{"limit", limitField(50, "Runs in duration_trend")},
                        {"source_catalog", catalogFilter("Only runs from this catalog")},
                        {"destination_catalog", catalogFilter("Only runs into this catalog")},
                        {"operation", operationFilter()}},
                       {},
                       false},
             [&store](const Request& r) -> Response {
               return monitorMetrics(store, filterFrom(r.query()),
                                     intParam(r.query(), "limit", 50));
             });

  routes.add(
      RouteSpec{Method::Post,
                "/api/audit/init",
                "Create the Delta audit tables",
                "Creates (IF NOT EXISTS) <catalog>.<schema>.run_logs, "
                "<catalog>.<schema>.clone_operations and <catalog>.metrics.clone_metrics in "
                "the workspace, with the catalog and schemas when missing, adds columns an "
                "older table lacks, and copies every audited run into them. Rows are keyed by "
                "job id, so running it again copies only runs not there yet. Runs that finish "
                "later are appended to the tables as they end. log_lines and tags are JSON "
                "text columns.",
                targetModel("AuditInitRequest", true),
                {},
                {},
                true},
      [&store, &clock, &config](const Request& r) -> Response {
        const auto ws = r.workspace();
        const auto target = targetOf(r, config, *ws);
        return initAuditTables(*ws, store, target, isoUtc(clock.now()));
      });

  routes.add(
      RouteSpec{Method::Post,
                "/api/audit/describe",
                "Describe the Delta audit tables",
                "The columns of run_logs, clone_operations and clone_metrics as they exist in "
                "the workspace; tables not found are listed under missing. 404 when none "
                "exists (POST /api/audit/init creates them).",
                targetModel("AuditDescribeRequest", true),
                {},
                {},
                false},
      [&config](const Request& r) -> Response {
        const auto ws = r.workspace();
        return describeAuditTables(*ws, targetOf(r, config, *ws));
      });
}

}  // namespace clxs::clone::audit
