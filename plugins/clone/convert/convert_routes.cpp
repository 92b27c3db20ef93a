#include "plugins/clone/convert/convert_routes.hpp"

#include <chrono>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/id.hpp"
#include "clxs/jobs.hpp"
#include "clxs/store.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/convert/convert_request.hpp"
#include "plugins/clone/convert/convert_run.hpp"

namespace clxs::clone::convert {
namespace {

// The route answers when the whole batch is done; together with kMaxTargets this bounds how
// long a caller can be kept waiting.
constexpr std::chrono::minutes kBatchDeadline{30};

std::string userOf(Workspace& ws, const CallOptions& options) {
  try {
    return ws.identity().currentUser(options);
  } catch (const std::exception&) {  // the history row simply goes without a user
    return {};
  }
}

struct ConvertHistoryPage {
  std::vector<Json> rows;
  std::size_t count = 0;
  static const Schema<ConvertHistoryPage>& schema() {
    static const auto s = Schema<ConvertHistoryPage>("ConvertToDeltaHistory")
                              .field("rows", &ConvertHistoryPage::rows,
                                     Field::array(Field::object())
                                         .describe("One row per (operation_id, fqn), newest first"))
                              .field("count", &ConvertHistoryPage::count, "Rows returned");
    return s;
  }
};

Json convert(const Request& req, const ConvertToDeltaRequest& body, const ConvertServices& s) {
  const auto request = convertRequestOf(body);
  // A conversion rewrites tables in place: not under a clone, sync or rollback of the catalog.
  if (s.jobs != nullptr && !request.dryRun) {
    for (const auto& t : request.targets) {
      if (const auto writer = s.jobs->writerOf(catalogWrite(t.parts.front()))) {
        throw conflict("Job '" + *writer + "' writes to catalog '" + t.parts.front() +
                       "'; convert " + t.fqn + " once it has ended");
      }
    }
  }
  const auto ws = req.workspace();
  CallOptions options;
  options.warehouseId =
      request.warehouseId.empty() ? req.credentials().warehouseId : request.warehouseId;
  if (options.warehouseId.empty() && ws->kind() == "databricks") {
    throw badRequest(
        "warehouse_id is missing: pass it in the body or the X-Databricks-Warehouse header, or "
        "set sql_warehouse_id in the config");
  }
  options.deadline = s.clock->steadyNow() + kBatchDeadline;

  BatchInfo batch;
  batch.operationId = newUuid();
  batch.userName = userOf(*ws, options);
  batch.host = ws->host();
  batch.dryRun = request.dryRun;
  ConvertRun run(*ws, *s.clock, options);
  const auto outcomes = run.run(request);

  // The conversions happened whatever the store says; a lost history row is logged only.
  try {
    s.store->record(batch, outcomes, isoUtc(s.clock->now()));
  } catch (const std::exception& e) {
    s.log->error("convert-to-delta " + batch.operationId + ": history not recorded: " + e.what());
  }
  std::set<std::string> changed;
  int converted = 0;
  for (const auto& o : outcomes) {
    if (o.status != ConvertStatus::Converted) continue;
    ++converted;
    if (request.dryRun) {
      s.log->info("convert-to-delta " + batch.operationId + " (dry run) would run: " + o.statement);
    } else {
      changed.insert(o.catalog);
    }
  }
  for (const auto& catalog : changed) s.cache->invalidate(catalog);
  s.log->info("convert-to-delta " + batch.operationId + (request.dryRun ? " (dry run)" : "") +
              ": " + std::to_string(converted) + " of " + std::to_string(outcomes.size()) +
              " target(s) " + (request.dryRun ? "would convert" : "converted"));
  return summaryJson(batch.operationId, request.dryRun, outcomes);
}

}  // namespace

void registerConvertRoutes(Host& host) {
  host.store().migrate(ConvertStore::migrations());
  ConvertServices services;
  services.store = std::make_shared<ConvertStore>(host.store());
  services.cache = &host.cache();
  services.clock = &host.clock();
  services.log = &host.log();
  services.jobs = &host.jobs();
  registerConvertRoutes(host.routes(), services);
}

void registerConvertRoutes(Routes& routes, const ConvertServices& services) {
  routes.post("/api/convert-to-delta")
      .summary("Convert tables to Delta in place")
      .description(
          "Runs CONVERT TO DELTA on each target (Parquet and Iceberg tables of Unity Catalog; a "
          "partitioned Parquet table gets PARTITIONED BY from DESCRIBE TABLE) and answers when "
          "all are done, with one result per target: converted, failed (with error) or skipped "
          "(with reason). Delta tables, views, materialized views, streaming tables and other "
          "formats are skipped without running SQL; a missing table fails its target only. The "
          "format Unity Catalog reports decides, not source_format. confirm_destructive must be "
          "true unless dry_run (else 422). dry_run runs no conversion: each convertible target "
          "is reported as converted with the statement that would run in sql, and dry_run "
          "true. At most 50 targets per request. Every target is recorded in the history under "
          "the batch's operation_id.")
      .body<ConvertToDeltaRequest>()
      .returns(Model("ConvertToDeltaResult")
                   .field("total", Field::integer().describe("Targets in the batch"))
                   .field("converted", Field::integer())
                   .field("failed", Field::integer())
                   .field("skipped", Field::integer())
                   .field("results", Field::array(Field::object())
                                         .describe("One result per target, in request order"))
                   .field("operation_id", Field::string().describe("Names the batch in history"))
                   .field("dry_run", Field::boolean()))
      .mutates()
      .handle([services](const Request& req, const ConvertToDeltaRequest& body) {
        return convert(req, body, services);
      });

  routes.get("/api/convert-to-delta/history")
      .summary("Convert to Delta history")
      .description(
          "One row per (operation_id, fqn), newest first; empty when nothing was converted yet. "
          "Filters combine; limit defaults to 50 and is clamped to 1000.")
      .query("limit", Field::integer()
                          .min(1)
                          .max(kMaxHistoryLimit)
                          .clampToMax()
                          .defaultsTo(kDefaultHistoryLimit)
                          .describe("At most this many rows (over 1000 is clamped to 1000)"))
      .query("status", Field::string()
                           .oneOf({"converted", "failed", "skipped"})
                           .caseInsensitive()
                           .describe("Only rows with this status"))
      .query("fqn_like", Field::string().maxLength(1000).describe(
                             "SQL LIKE pattern on fqn, e.g. prod.bronze.% (ASCII case ignored)"))
      .query("dry_run", Field::boolean().describe("Only dry-run rows (true) or live rows (false)"))
      .query("operation_id", Field::string().maxLength(100).describe("Only the rows of this batch"))
      .returns<ConvertHistoryPage>()
      .handle([services](const Request& req) {
        ConvertHistoryPage page;
        page.rows = services.store->history(parseHistoryQuery(req.query()));
        page.count = page.rows.size();
        return page;
      });
}

}  // namespace clxs::clone::convert
