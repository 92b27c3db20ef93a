#include "plugins/clone/sync_request.hpp"

#include <string>

#include "clxs/error.hpp"

namespace clxs::clone {
namespace {

SyncOptions commonSyncOptions(const CatalogPair& catalogs, const RunBasics& basics) {
  SyncOptions o;
  o.sourceCatalog = catalogs.source.name;
  o.destinationCatalog = catalogs.destination;
  o.warehouseId = basics.warehouseId;
  o.cloneType = basics.cloneType == "SHALLOW" ? CloneType::Shallow : CloneType::Deep;
  o.dryRun = basics.dryRun;
  o.maxWorkers = basics.maxWorkers;
  return o;
}

}  // namespace

const Schema<SyncRequest>& SyncRequest::schema() {
  static const auto s = Schema<SyncRequest>("SyncRequest")
                            .include(&SyncRequest::catalogs)
                            .include(&SyncRequest::basics)
                            .include(&SyncRequest::excluded)
                            .field("drop_extra", &SyncRequest::dropExtra,
                                   "Drop schemas and objects the source does not have");
  return s;
}

const Schema<IncrementalCheckRequest>& IncrementalCheckRequest::schema() {
  static const auto s =
      Schema<IncrementalCheckRequest>("IncrementalCheckRequest")
          .include(&IncrementalCheckRequest::catalogs)
          .include(&IncrementalCheckRequest::basics)
          .field("schema_name", &IncrementalCheckRequest::schemaName,
                 Field::string().required().describe(
                     "Schema to compare (\"*\": every schema but information_schema and "
                     "default)"))
          // The kernel's validator requires it already; a schedule's stored body did not
          // pass through it.
          .check([](const IncrementalCheckRequest& r) {
            if (r.schemaName.empty()) {
              throw unprocessable(Json::array({"body", "schema_name"}), "Field required",
                                  "missing");
            }
          });
  return s;
}

const Schema<IncrementalSyncRequest>& IncrementalSyncRequest::schema() {
  static const auto s =
      Schema<IncrementalSyncRequest>("IncrementalSyncRequest")
          .include(&IncrementalSyncRequest::scope)
          .field("serverless", &IncrementalSyncRequest::serverless,
                 "Run on serverless compute (not available: syncs run in this server)")
          .field("volume", &IncrementalSyncRequest::volume, "UC volume for serverless runs")
          .check([](const IncrementalSyncRequest& r) {
            if (r.serverless) {
              throw notImplemented(
                  "serverless incremental syncs are not available: syncs run as jobs of this "
                  "server");
            }
          });
  return s;
}

SyncOptions syncOptionsOf(const SyncRequest& request) {
  SyncOptions o = commonSyncOptions(request.catalogs, request.basics);
  o.excludeSchemas = request.excluded.names;
  o.dropExtra = request.dropExtra;
  return o;
}

SyncOptions incrementalOptionsOf(const IncrementalCheckRequest& request) {
  SyncOptions o = commonSyncOptions(request.catalogs, request.basics);
  if (request.schemaName != "*") o.schemas = {request.schemaName};
  o.tablesOnly = true;
  return o;
}

}  // namespace clxs::clone
