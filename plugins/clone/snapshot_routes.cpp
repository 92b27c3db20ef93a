#include "plugins/clone/snapshot_routes.hpp"

#include <string>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/clone_routes.hpp"
#include "plugins/clone/snapshot_store.hpp"
#include "plugins/clone/table_versions.hpp"

namespace clxs::clone {
namespace {

// Histories are read this many at a time.
constexpr int kCaptureWorkers = 8;

struct CloneSnapshotRequest {
  SourceCatalog source;
  std::string name;
  std::string description;
  ExcludedSchemas excluded;
  static const Schema<CloneSnapshotRequest>& schema() {
    static const auto s =
        Schema<CloneSnapshotRequest>("CloneSnapshotRequest")
            .include(&CloneSnapshotRequest::source)
            .field("name", &CloneSnapshotRequest::name,
                   Field::string().required().minLength(1).maxLength(200).describe(
                       "Human-readable label"))
            .field("description", &CloneSnapshotRequest::description,
                   Field::string().maxLength(2000).describe("Free-text context shown in listings"))
            .include(&CloneSnapshotRequest::excluded);
    return s;
  }
};

struct SnapshotDeleted {
  std::string snapshotId;
  bool deleted = true;
  bool existed = false;
  static const Schema<SnapshotDeleted>& schema() {
    static const auto s =
        Schema<SnapshotDeleted>("CloneSnapshotDeleted")
            .field("snapshot_id", &SnapshotDeleted::snapshotId, "The id asked for")
            .field("deleted", &SnapshotDeleted::deleted, "Always true: the snapshot is gone")
            .field("existed", &SnapshotDeleted::existed, "Whether there was one to delete");
    return s;
  }
};

// The fields of summaryJson(); `withTables` adds detailJson()'s table list.
Model snapshotModel(const std::string& name, bool withTables) {
  Model m(name);
  m.field("snapshot_id", Field::string())
      .field("name", Field::string())
      .field("source_catalog", Field::string())
      .field("description", Field::string())
      .field("captured_at", Field::string().describe("UTC ISO-8601; every version is as recent"))
      .field("created_by", Field::string())
      .field("table_count", Field::integer())
      .field("total_bytes", Field::integer());
  if (withTables) {
    m.field("tables", Field::array(Field::object({{"schema", Field::string()},
                                                  {"table", Field::string()},
                                                  {"version", Field::integer()},
                                                  {"size_bytes", Field::integer().nullable()}})));
  }
  return m;
}

Snapshot capture(Host& host, const Request& r, const CloneSnapshotRequest& body) {
  Snapshot s;
  s.snapshotId = newUuid();
  s.name = body.name;
  s.sourceCatalog = body.source.name;
  s.description = body.description;
  auto workspace = r.workspace();
  requireCatalog(*workspace, s.sourceCatalog, "Source catalog");
  std::vector<std::string> excluded{"information_schema"};
  excluded.insert(excluded.end(), body.excluded.names.begin(), body.excluded.names.end());
  std::vector<std::string> schemas;
  for (const auto& schema : workspace->catalog().schemas(s.sourceCatalog, {})) {
    bool skip = false;
    for (const auto& e : excluded) skip = skip || sameName(e, schema.name);
    if (!skip) schemas.push_back(schema.name);
  }
  CancellationToken token;
  RunnerSettings settings;
  settings.warehouseId = r.credentials().warehouseId;
  StatementRunner runner(workspace, settings, token, {});
  std::vector<LeftOut> leftOut;
  // The time is taken before the versions are read: every version is at least this recent.
  s.capturedAt = isoUtc(host.clock().now());
  for (auto& t :
       versionedTables(runner, s.sourceCatalog, schemas, 1, kCaptureWorkers, leftOut, true)) {
    if (t.history.empty()) continue;
    s.totalBytes += t.sizeBytes.value_or(0);
    s.tables.push_back({t.schema, t.name, t.version, t.sizeBytes});
  }
  s.createdBy = workspace->identity().currentUser({});
  return s;
}

}  // namespace

void registerSnapshotRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  routes.post("/api/clone-snapshots")
      .summary("Capture a clone snapshot")
      .description(
          "Records the current Delta version of every table of the catalog (views have none; "
          "non-Delta tables are left out). POST /api/clone with source_snapshot_id then clones "
          "every table at its captured version.")
      .body<CloneSnapshotRequest>()
      .returns(snapshotModel("CloneSnapshot", false))
      .mutates()
      .handle([service](const Request& r, const CloneSnapshotRequest& body) {
        const auto s = capture(service->host(), r, body);
        SnapshotStore(service->host().store()).save(s);
        return summaryJson(s);
      });

  routes.get("/api/clone-snapshots")
      .summary("List clone snapshots")
      .description("Every snapshot, newest first, without its table list: a list of CloneSnapshot.")
      .query("source_catalog",
             Field::string().describe("Only snapshots captured from this catalog"))
      .returns(snapshotModel("CloneSnapshot", false))
      .handle([service](const Request& r) {
        Json out = Json::array();
        const auto catalog = jsonText(r.query().value("source_catalog", Json()));
        for (const auto& s : SnapshotStore(service->host().store()).list(catalog)) {
          out.push_back(summaryJson(s));
        }
        return out;
      });

  routes.get("/api/clone-snapshots/{snapshot_id}")
      .summary("Get a clone snapshot")
      .description("The snapshot with its tables: schema, table, version and size_bytes.")
      .returns(snapshotModel("CloneSnapshotDetail", true))
      .handle([service](const Request& r) {
        const auto& id = r.param("snapshot_id");
        const auto s = SnapshotStore(service->host().store()).get(id);
        if (!s) throw notFound("No clone snapshot '" + id + "'");
        return detailJson(*s);
      });

  routes.del("/api/clone-snapshots/{snapshot_id}")
      .summary("Delete a clone snapshot")
      .description(
          "Idempotent: answers {snapshot_id, deleted: true} whether or not it existed "
          "(`existed` tells which).")
      .returns<SnapshotDeleted>()
      .mutates()
      .handle([service](const Request& r) {
        const auto& id = r.param("snapshot_id");
        return SnapshotDeleted{.snapshotId = id,
                               .existed = SnapshotStore(service->host().store()).remove(id)};
      });
}

}  // namespace clxs::clone
