#include "plugins/clone/convert/convert_routes.hpp"

#include <chrono>
#include <exception>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/id.hpp"
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
    return ws.currentUser(options);
  } catch (const std::exception&) {  // the history row simply goes without a user
    return {};
  }
}

Json convert(const Request& req, const ConvertServices& s) {
  const auto request = parseConvertRequest(req.body());
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
  registerConvertRoutes(host.routes(), services);
}

void registerConvertRoutes(Routes& routes, const ConvertServices& services) {
  RouteSpec post{
      Method::Post,
      "/api/convert-to-delta",
      "Convert tables to Delta in place",
      "Runs CONVERT TO DELTA on each target (Parquet and Iceberg tables of Unity Catalog; a "
      "partitioned Parquet table gets PARTITIONED BY from DESCRIBE TABLE) and answers when all "
      "are done, with one result per target: converted, failed (with error) or skipped (with "
      "reason). Delta tables, views, materialized views, streaming tables and other formats "
      "are skipped without running SQL; a missing table fails its target only. The format "
      "Unity Catalog reports decides, not source_format. confirm_destructive must be true "
      "unless dry_run (else 422). dry_run runs no conversion: each convertible target is "
      "reported as converted with the statement that would run in sql, and dry_run true. At "
      "most 50 targets per request. Every target is recorded in the history under the "
      "batch's operation_id.",
      convertRequestModel(),
      {},
      {},
      true};
  routes.add(std::move(post),
             [services](const Request& req) -> Response { return convert(req, services); });

  RouteSpec history{
      Method::Get,
      "/api/convert-to-delta/history",
      "Convert to Delta history",
      "One row per (operation_id, fqn), newest first; empty when nothing was converted yet. "
      "Filters combine; limit defaults to 50 and is clamped to 1000.",
      std::nullopt,
      historyQueryFields(),
      {},
      false};
  routes.add(std::move(history), [services](const Request& req) -> Response {
    const auto rows = services.store->history(parseHistoryQuery(req.query()));
    return Json{{"rows", rows}, {"count", rows.size()}};
  });
}

}  // namespace clxs::clone::convert
