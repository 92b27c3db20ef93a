#include "plugins/clone/snapshot_routes.hpp"

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

Snapshot capture(Host& host, const Request& r, const Json& body) {
  Snapshot s;
  s.snapshotId = newUuid();
  s.name = body["name"].get<std::string>();
  s.sourceCatalog = body["source_catalog"].get<std::string>();
  s.description = body.value("description", std::string());
  auto workspace = r.workspace();
  requireCatalog(*workspace, s.sourceCatalog, "Source catalog");
  std::vector<std::string> excluded{"information_schema"};
  for (const auto& e : body["exclude_schemas"]) excluded.push_back(e.get<std::string>());
  std::vector<std::string> schemas;
  for (const auto& schema : workspace->schemas(s.sourceCatalog, {})) {
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
  s.createdBy = workspace->currentUser({});
  return s;
}

}  // namespace

void registerSnapshotRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  Model model("CloneSnapshotRequest");
  model
      .field("source_catalog",
             Field::string().required().identifier().describe("Catalog to capture"))
      .field("name", Field::string().required().minLength(1).maxLength(200).describe(
                         "Human-readable label"))
      .field("description",
             Field::string().maxLength(2000).describe("Free-text context shown in listings"))
      .field("exclude_schemas", Field::array(Field::string().identifier())
                                    .defaultsTo(Json::array({"information_schema", "default"}))
                                    .describe("Schemas to skip"));
  RouteSpec create{Method::Post,
                   "/api/clone-snapshots",
                   "Capture a clone snapshot",
                   "Records the current Delta version of every table of the catalog (views "
                   "have none; non-Delta tables are left out). POST /api/clone with "
                   "source_snapshot_id then clones every table at its captured version.",
                   std::move(model),
                   {},
                   {},
                   true};
  routes.add(std::move(create), [service](const Request& r) -> Response {
    const auto s = capture(service->host(), r, r.body());
    SnapshotStore(service->host().store()).save(s);
    return summaryJson(s);
  });

  RouteSpec list{
      Method::Get,
      "/api/clone-snapshots",
      "List clone snapshots",
      "Every snapshot, newest first, without its table list.",
      std::nullopt,
      {{"source_catalog", Field::string().describe("Only snapshots captured from this catalog")}},
      {},
      false};
  routes.add(std::move(list), [service](const Request& r) -> Response {
    Json out = Json::array();
    const auto catalog = jsonText(r.query().value("source_catalog", Json()));
    for (const auto& s : SnapshotStore(service->host().store()).list(catalog)) {
      out.push_back(summaryJson(s));
    }
    return out;
  });

  RouteSpec get{Method::Get,
                "/api/clone-snapshots/{snapshot_id}",
                "Get a clone snapshot",
                "The snapshot with its tables: schema, table, version and size_bytes.",
                std::nullopt,
                {},
                {},
                false};
  routes.add(std::move(get), [service](const Request& r) -> Response {
    const auto& id = r.param("snapshot_id");
    const auto s = SnapshotStore(service->host().store()).get(id);
    if (!s) throw notFound("No clone snapshot '" + id + "'");
    return detailJson(*s);
  });

  RouteSpec remove{Method::Delete,
                   "/api/clone-snapshots/{snapshot_id}",
                   "Delete a clone snapshot",
                   "Idempotent: answers {snapshot_id, deleted: true} whether or not it existed "
                   "(`existed` tells which).",
                   std::nullopt,
                   {},
                   {},
                   true};
  routes.add(std::move(remove), [service](const Request& r) -> Response {
    const auto& id = r.param("snapshot_id");
    const bool existed = SnapshotStore(service->host().store()).remove(id);
    return Json{{"snapshot_id", id}, {"deleted", true}, {"existed", existed}};
  });
}

}  // namespace clxs::clone
