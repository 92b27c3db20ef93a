#include "plugins/clone/sync_routes.hpp"

#include "clxs/workspace.hpp"
#include "plugins/clone/access_check.hpp"
#include "plugins/clone/clone_routes.hpp"
#include "plugins/clone/sync_request.hpp"
#include "plugins/clone/sync_state_store.hpp"

namespace clxs::clone {

void registerSyncRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  routes.post("/api/sync")
      .summary("Submit a catalog sync")
      .description(
          "A job that makes the destination match the source again: missing schemas, tables, "
          "views, functions and volumes are cloned, tables whose source (or copy) changed "
          "since their last sync are re-cloned at the source's current version, changed views "
          "are re-created, and with drop_extra what the source does not have is dropped. "
          "Unchanged objects are not touched. dry_run lists the plan and the statements.")
      .body<SyncRequest>()
      .returns<QueuedJob>()
      .mutates()
      .handle([service](const Request& r, const SyncRequest& body) {
        requireCatalog(*r.workspace(), body.catalogs.source.name, "Source catalog");
        requireAccessAllowed(service->host(), r,
                             {"sync",
                              body.catalogs.source.name,
                              body.catalogs.destination,
                              {},
                              body.excluded.names});
        return QueuedJob{.jobId = service->submitSync(body, r.credentials()),
                         .message = "Sync job submitted"};
      });

  routes.post("/api/incremental/check")
      .summary("Find tables changed since their last sync")
      .description(
          "Compares each Delta table of the schema with the last sync recorded for this pair "
          "of catalogs: `changed` (source commits since, with their count and operations), "
          "`destination_changed` (the copy was written to), `missing_in_destination` and "
          "`never_synced`. A table a clone run copied at the source's current version counts "
          "as in sync. Reads only.")
      .body<IncrementalCheckRequest>()
      .returns(
          Model("IncrementalCheckReport")
              .field("tables_needing_sync", Field::integer().describe("Tables to re-clone"))
              .field("tables", Field::array(Field::string())
                                   .describe("Their names: bare for one schema, else "
                                             "schema.table"))
              .field("details",
                     Field::array(Field::object())
                         .describe(
                             "{schema, table_name, reason, last_synced_version, current_version, "
                             "changes_since_sync, operations} per table"))
              .field("up_to_date", Field::integer().describe("Tables in sync"))
              .field("left_out",
                     Field::array(Field::object()).describe("{table, reason}: not compared"))
              .field("schema", Field::string().describe("The schema compared, or *"))
              .field("source_catalog", Field::string())
              .field("destination_catalog", Field::string()))
      .handle([service](const Request& r, const IncrementalCheckRequest& body) {
        const auto options = incrementalOptionsOf(body);
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

  routes.post("/api/incremental/sync")
      .summary("Submit an incremental sync")
      .description(
          "A job that re-clones exactly the tables POST /api/incremental/check names, each at "
          "the source version the check saw, and records them as synced. With nothing changed "
          "it runs no statement.")
      .body<IncrementalSyncRequest>()
      .returns<QueuedJob>()
      .mutates()
      .handle([service](const Request& r, const IncrementalSyncRequest& body) {
        requireCatalog(*r.workspace(), body.scope.catalogs.source.name, "Source catalog");
        requireCatalog(*r.workspace(), body.scope.catalogs.destination, "Destination catalog");
        const auto& schema = body.scope.schemaName;
        requireAccessAllowed(service->host(), r,
                             {"sync",
                              body.scope.catalogs.source.name,
                              body.scope.catalogs.destination,
                              schema.empty() || schema == "*" ? std::vector<std::string>{}
                                                              : std::vector<std::string>{schema},
                              {}});
        return QueuedJob{.jobId = service->submitIncrementalSync(body, r.credentials()),
                         .message = "Incremental sync job submitted"};
      });
}

}  // namespace clxs::clone
