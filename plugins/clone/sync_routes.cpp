#include "plugins/clone/sync_routes.hpp"

#include "clxs/workspace.hpp"
#include "plugins/clone/clone_routes.hpp"
#include "plugins/clone/sync_request.hpp"
#include "plugins/clone/sync_state_store.hpp"

namespace clxs::clone {

void registerSyncRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  RouteSpec sync{Method::Post,
                 "/api/sync",
                 "Submit a catalog sync",
                 "A job that makes the destination match the source again: missing schemas, "
                 "tables, views, functions and volumes are cloned, tables whose source (or "
                 "copy) changed since their last sync are re-cloned at the source's current "
                 "version, changed views are re-created, and with drop_extra what the source "
                 "does not have is dropped. Unchanged objects are not touched. dry_run lists "
                 "the plan and the statements.",
                 syncRequestModel(),
                 {},
                 {},
                 true};
  routes.add(std::move(sync), [service](const Request& r) -> Response {
    auto options = parseSyncOptions(r.body());
    requireCatalog(*r.workspace(), options.sourceCatalog, "Source catalog");
    const auto id = service->submitSync(std::move(options), "sync", r.credentials());
    return Json{{"job_id", id}, {"status", "queued"}, {"message", "Sync job submitted"}};
  });

  RouteSpec check{Method::Post,
                  "/api/incremental/check",
                  "Find tables changed since their last sync",
                  "Compares each Delta table of the schema with the last sync recorded for "
                  "this pair of catalogs: `changed` (source commits since, with their count "
                  "and operations), `destination_changed` (the copy was written to), "
                  "`missing_in_destination` and `never_synced`. A table a clone run copied "
                  "at the source's current version counts as in sync. Reads only.",
                  incrementalRequestModel(false),
                  {},
                  {},
                  false};
  routes.add(std::move(check), [service](const Request& r) -> Response {
    const auto options = parseIncrementalOptions(r.body());
    CancellationToken token;
    RunnerSettings settings;
    settings.warehouseId =
        options.warehouseId.empty() ? r.credentials().warehouseId : options.warehouseId;
    StatementRunner runner(r.workspace(), settings, token, {});
    const SyncStateStore state(service->host().store());
    const auto plan = planSync(runner, options, state);
    Json out = changeReportJson(plan.tables);
    const bool oneSchema = options.schemas.size() == 1;
    if (oneSchema) {
      // One schema: bare table names, as the spec shows them.
      Json names = Json::array();
      for (const auto& c : plan.tables.changed) names.push_back(c.table);
      out["tables"] = names;
    }
    out["schema"] = oneSchema ? options.schemas.front() : "*";
    out["source_catalog"] = options.sourceCatalog;
    out["destination_catalog"] = options.destinationCatalog;
    return out;
  });

  RouteSpec incremental{Method::Post,
                        "/api/incremental/sync",
                        "Submit an incremental sync",
                        "A job that re-clones exactly the tables POST /api/incremental/check "
                        "names, each at the source version the check saw, and records them "
                        "as synced. With nothing changed it runs no statement.",
                        incrementalRequestModel(true),
                        {},
                        {},
                        true};
  routes.add(std::move(incremental), [service](const Request& r) -> Response {
    auto options = parseIncrementalOptions(r.body());
    requireCatalog(*r.workspace(), options.sourceCatalog, "Source catalog");
    requireCatalog(*r.workspace(), options.destinationCatalog, "Destination catalog");
    const auto id = service->submitSync(std::move(options), "incremental_sync", r.credentials());
    return Json{
        {"job_id", id}, {"status", "queued"}, {"message", "Incremental sync job submitted"}};
  });
}

}  // namespace clxs::clone
