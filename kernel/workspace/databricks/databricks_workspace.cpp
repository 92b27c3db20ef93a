#include "kernel/workspace/databricks/databricks_workspace.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/workspace/databricks/call_wait.hpp"
#include "kernel/workspace/databricks/rest_paths.hpp"
#include "kernel/workspace/databricks/statement_executor_remote.hpp"
#include "kernel/workspace/databricks/uc_json.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr const char* kUnityCatalog = "/api/2.1/unity-catalog";
constexpr const char* kWarehouses = "/api/2.0/sql/warehouses";
constexpr std::chrono::minutes kUserCacheTtl{5};

ApiRequest apiGet(std::string path, std::string label) {
  ApiRequest r;
  r.path = std::move(path);
  r.label = std::move(label);
  return r;
}

// A Unity Catalog list: server-chosen page size, every page read.
ApiRequest ucList(const std::string& what,
                  std::vector<std::pair<std::string, std::string>> query = {}) {
  ApiRequest r = apiGet(std::string(kUnityCatalog) + "/" + what, "list " + what);
  r.query = std::move(query);
  r.query.emplace_back("max_results", "0");
  return r;
}

const char* securableField(SecurableKind kind) {
  switch (kind) {
    case SecurableKind::ExternalLocations:
      return "external_locations";
    case SecurableKind::StorageCredentials:
      return "storage_credentials";
    case SecurableKind::Connections:
      return "connections";
    case SecurableKind::RegisteredModels:
      return "registered_models";
    case SecurableKind::Shares:
      return "shares";
    case SecurableKind::Recipients:
      return "recipients";
  }
  return "";
}

// Every item of a paged list, read into the port's struct (ApiClient::list always answers
// an array).
template <typename Info>
std::vector<Info> listOf(ApiClient& client, const ApiRequest& request, const std::string& field,
                         Info (*read)(const Json&), const CallOptions& options) {
  std::vector<Info> out;
  for (const auto& j : client.list(request, field, options)) out.push_back(read(j));
  return out;
}

// The permissions path of a checked securable: lower-case type (a view is a table there),
// the unquoted dotted name percent-encoded.
std::string permissionsPath(const char* api, const GrantTarget& target) {
  return std::string(kUnityCatalog) + "/" + api + "/" +
         lowerAscii(target.type == "VIEW" ? "TABLE" : target.type) + "/" +
         encodePathSegment(joinDotted(target.parts));
}

}  // namespace

constexpr std::chrono::minutes kOnlyWarehouseTtl{5};

struct DatabricksWorkspace::Impl {
  std::shared_ptr<ApiClient> client;
  DatabricksWorkspaceOptions options;
  RemoteStatementExecutor executor;
  std::mutex userMu;
  std::string user;
  std::chrono::steady_clock::time_point userFetched;
  // The workspace's only warehouse, chosen when no request or configuration names one;
  // listed again after kOnlyWarehouseTtl in case warehouses were added or removed.
  std::mutex onlyMu;
  std::optional<WarehouseChoice> only;
  std::chrono::steady_clock::time_point onlyListed;

  Impl(std::shared_ptr<ApiClient> c, DatabricksWorkspaceOptions o)
      : client(std::move(c)), options(std::move(o)), executor(client, options) {}

  WarehouseInfo warehouse(const std::string& id, const CallOptions& call) {
    return warehouseFromJson(client->call(
        apiGet(std::string(kWarehouses) + "/" + encodePathSegment(id), "get SQL warehouse"), call));
  }

  WarehouseInfo control(const std::string& id, const std::string& action, const CallOptions& call) {
    ApiRequest r;
    r.method = "POST";
    r.path = std::string(kWarehouses) + "/" + encodePathSegment(id) + "/" + action;
    r.label = action + " SQL warehouse";
    client->send(r, call);
    return warehouse(id, call);
  }
};

DatabricksWorkspace::DatabricksWorkspace(std::shared_ptr<ApiClient> client,
                                         DatabricksWorkspaceOptions options)
    : CatalogService(this), impl_(std::make_unique<Impl>(std::move(client), std::move(options))) {
  provide<SqlService>(*this);
  provide<CatalogService>(*this);
  provide<IdentityService>(*this);
  provide<FileService>(*this);
  provide<WarehouseService>(*this);
  provide<MetastoreService>(*this);
  provide<ServingService>(*this);
  provide<GenieService>(*this);
}

DatabricksWorkspace::~DatabricksWorkspace() = default;

std::string DatabricksWorkspace::host() const {
  return impl_->client->host();
}

WarehouseChoice DatabricksWorkspace::chooseWarehouse(const CallOptions& options) {
  if (!options.warehouseId.empty()) return {options.warehouseId, "", false};
  if (!impl_->options.warehouseId.empty()) return {impl_->options.warehouseId, "", false};
  {
    std::lock_guard lock(impl_->onlyMu);
    if (impl_->only && std::chrono::steady_clock::now() - impl_->onlyListed < kOnlyWarehouseTtl) {
      return *impl_->only;
    }
  }
  const auto all = listWarehouses(options);
  if (all.size() == 1) {
    WarehouseChoice choice{all.front().id, all.front().name, true};
    std::lock_guard lock(impl_->onlyMu);
    impl_->only = choice;
    impl_->onlyListed = std::chrono::steady_clock::now();
    return choice;
  }
  const std::string how =
      "name one with the X-Databricks-Warehouse header, the request's warehouse_id or "
      "sql_warehouse_id in the configuration (GET /api/auth/warehouses lists them)";
  if (all.empty()) {
    throw WorkspaceError(
        WorkspaceErrorClass::InvalidSql,
        "No SQL warehouse: the workspace " + host() + " has none. Create one, then " + how + ".");
  }
  std::string names;
  for (const auto& w : all) {
    names += (names.empty() ? "" : ", ") + w.id + (w.name.empty() ? "" : " (" + w.name + ")");
  }
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "No SQL warehouse was named and the workspace has " +
                           std::to_string(all.size()) + ": " + names + "; " + how + ".");
}

ResultSet DatabricksWorkspace::runStatement(std::string_view statement,
                                            const std::vector<SqlParam>& params,
                                            const CallOptions& options) {
  if (options.warehouseId.empty() && impl_->options.warehouseId.empty()) {
    CallOptions chosen = options;
    chosen.warehouseId = chooseWarehouse(options).id;
    return impl_->executor.run(statement, params, chosen);
  }
  return impl_->executor.run(statement, params, options);
}

std::vector<CatalogInfo> DatabricksWorkspace::listCatalogs(const CallOptions& options) {
  return listOf(*impl_->client, ucList("catalogs"), "catalogs", catalogFromJson, options);
}

std::vector<SchemaInfo> DatabricksWorkspace::listSchemas(const std::string& catalog,
                                                         const CallOptions& options) {
  return listOf(*impl_->client, ucList("schemas", {{"catalog_name", catalog}}), "schemas",
                schemaFromJson, options);
}

std::vector<TableInfo> DatabricksWorkspace::listTables(const std::string& catalog,
                                                       const std::string& schema,
                                                       const CallOptions& options) {
  return listOf(*impl_->client,
                ucList("tables", {{"catalog_name", catalog}, {"schema_name", schema}}), "tables",
                tableFromJson, options);
}

TableInfo DatabricksWorkspace::getTable(const ObjectName& name, const CallOptions& options) {
  return tableFromJson(impl_->client->call(
      apiGet(std::string(kUnityCatalog) + "/tables/" + encodePathSegment(name.dotted()),
             "get table"),
      options));
}

std::vector<TableSummary> DatabricksWorkspace::listTableSummaries(const std::string& catalog,
                                                                  const CallOptions& options) {
  return listOf(*impl_->client, ucList("table-summaries", {{"catalog_name", catalog}}), "tables",
                tableSummaryFromJson, options);
}

// Without max_results the permissions API answers every assignment (1..149 would be an
// error there); a page token, if one comes, is still followed.
std::vector<GrantInfo> DatabricksWorkspace::listGrants(const std::string& objectType,
                                                       const std::string& fullName,
                                                       const CallOptions& options) {
  const auto target = grantTarget(objectType, fullName);
  const auto path = permissionsPath("permissions", target);
  return grantsFromJson(
      impl_->client->list(apiGet(path, "get permissions"), "privilege_assignments", options),
      target);
}

std::vector<GrantInfo> DatabricksWorkspace::listEffectiveGrants(const std::string& objectType,
                                                                const std::string& fullName,
                                                                const std::string& principal,
                                                                const CallOptions& options) {
  const auto target = grantTarget(objectType, fullName);
  ApiRequest r =
      apiGet(permissionsPath("effective-permissions", target), "get effective permissions");
  if (!principal.empty()) r.query.emplace_back("principal", principal);
  auto out = grantsFromJson(impl_->client->list(r, "privilege_assignments", options), target);
  // The filter is the server's; a server that ignores it must not widen the answer.
  if (!principal.empty()) {
    std::erase_if(out, [&](const GrantInfo& g) { return g.principal != principal; });
  }
  return out;
}

std::vector<FunctionInfo> DatabricksWorkspace::listFunctions(const std::string& catalog,
                                                             const std::string& schema,
                                                             const CallOptions& options) {
  return listOf(*impl_->client,
                ucList("functions", {{"catalog_name", catalog}, {"schema_name", schema}}),
                "functions", functionFromJson, options);
}

std::vector<VolumeInfo> DatabricksWorkspace::listVolumes(const std::string& catalog,
                                                         const std::string& schema,
                                                         const CallOptions& options) {
  return listOf(*impl_->client,
                ucList("volumes", {{"catalog_name", catalog}, {"schema_name", schema}}), "volumes",
                volumeFromJson, options);
}

std::string DatabricksWorkspace::whoAmI(const CallOptions& options) {
  {
    std::lock_guard lock(impl_->userMu);
    if (!impl_->user.empty() &&
        std::chrono::steady_clock::now() - impl_->userFetched < kUserCacheTtl) {
      return impl_->user;
    }
  }
  const Json me =
      impl_->client->call(apiGet("/api/2.0/preview/scim/v2/Me", "get current user"), options);
  std::string user = me.value("userName", "");
  if (user.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Remote, "SCIM Me answered without a userName");
  }
  std::lock_guard lock(impl_->userMu);
  impl_->user = user;
  impl_->userFetched = std::chrono::steady_clock::now();
  return user;
}

std::vector<WarehouseInfo> DatabricksWorkspace::listWarehouses(const CallOptions& options) {
  return listOf(*impl_->client, apiGet(kWarehouses, "list SQL warehouses"), "warehouses",
                warehouseFromJson, options);
}

WarehouseInfo DatabricksWorkspace::startWarehouse(const std::string& id,
                                                  const CallOptions& options) {
  return impl_->control(id, "start", options);
}

WarehouseInfo DatabricksWorkspace::stopWarehouse(const std::string& id,
                                                 const CallOptions& options) {
  return impl_->control(id, "stop", options);
}

WarehouseInfo DatabricksWorkspace::waitRunning(const std::string& id, const CallOptions& options) {
  const auto bound = std::chrono::steady_clock::now() + impl_->options.warehouseStartBound;
  auto delay = std::max(impl_->options.pollInitial, std::chrono::milliseconds(1));
  while (true) {
    WarehouseInfo info = impl_->warehouse(id, options);
    if (info.state == "RUNNING") return info;
    if (info.state == "DELETED" || info.state == "DELETING") {
      throw WorkspaceError(WorkspaceErrorClass::NotFound,
                           "SQL warehouse " + id + " is " + info.state);
    }
    if (info.state == "STOPPED") info = impl_->control(id, "start", options);
    if (info.state == "RUNNING") return info;
    const auto now = std::chrono::steady_clock::now();
    if (now >= bound) {
      throw WorkspaceError(WorkspaceErrorClass::Timeout,
                           "SQL warehouse " + id + " is not RUNNING after " +
                               std::to_string(impl_->options.warehouseStartBound.count()) +
                               " s (state " + info.state + ")");
    }
    pause(std::min(delay, std::chrono::duration_cast<std::chrono::milliseconds>(bound - now)),
          options);
    throwIfInterrupted(interrupted(options), "Waiting for SQL warehouse " + id);
    delay = std::min(delay * 2, std::max(impl_->options.pollMax, delay));
  }
}

Json DatabricksWorkspace::listSecurables(SecurableKind kind, const CallOptions& options) {
  return impl_->client->list(ucList(securablePath(kind)), securableField(kind), options);
}

Json DatabricksWorkspace::metastoreSummary(const CallOptions& options) {
  return impl_->client->call(
      apiGet(std::string(kUnityCatalog) + "/metastore_summary", "get metastore summary"), options);
}

Json DatabricksWorkspace::servingEndpoints(const CallOptions& options) {
  const Json body =
      impl_->client->call(apiGet("/api/2.0/serving-endpoints", "list serving endpoints"), options);
  const auto endpoints = body.find("endpoints");
  return endpoints != body.end() && endpoints->is_array() ? *endpoints : Json::array();
}

Json DatabricksWorkspace::genieSpaces(const CallOptions& options) {
  return impl_->client->list(apiGet("/api/2.0/genie/spaces", "list Genie spaces"), "spaces",
                             options);
}

std::vector<FileEntry> DatabricksWorkspace::listFiles(const std::string& path,
                                                      const CallOptions& options) {
  const auto vp = volumePath(path);
  auto out = listOf(*impl_->client,
                    apiGet("/api/2.0/fs/directories" + vp.encoded, "list volume directory"),
                    "contents", fileEntryFromJson, options);
  std::sort(out.begin(), out.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  return out;
}

std::string DatabricksWorkspace::readVolumeFile(const std::string& path,
                                                const CallOptions& options) {
  const auto vp = volumePath(path);
  return impl_->client->send(apiGet("/api/2.0/fs/files" + vp.encoded, "read volume file"), options)
      .body;
}

void DatabricksWorkspace::writeVolumeFile(const std::string& path, std::string_view contents,
                                          bool overwrite, const CallOptions& options) {
  const auto vp = volumePath(path);
  if (vp.depth < 4) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "Invalid volume path '" + path + "': it must name a file in the volume");
  }
  ApiRequest dir;
  dir.method = "PUT";
  dir.path = "/api/2.0/fs/directories" + vp.parent;
  dir.label = "create volume directory";
  impl_->client->send(dir, options);
  ApiRequest file;
  file.method = "PUT";
  file.path = "/api/2.0/fs/files" + vp.encoded;
  file.query = {{"overwrite", overwrite ? "true" : "false"}};
  file.rawBody = std::string(contents);
  // Without overwrite, a retry after a lost answer would report the first write as a clash.
  file.idempotency = overwrite ? Idempotency::Idempotent : Idempotency::NonIdempotent;
  file.label = "write volume file";
  try {
    impl_->client->send(file, options);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "File '" + vp.raw + "' already exists (overwrite is false)");
  }
}

}  // namespace clxs::kernel::databricks
