// The in-memory workspace of tests and benchmarks.
#include "clxs/testing/memory_workspace.hpp"

#include <utility>

#include "clxs/sql.hpp"

namespace clxs::testing {

MemoryWorkspace::MemoryWorkspace(std::string user)
    : CatalogService(this),
      user_(std::move(user)),
      warehouses_{{"memory-wh", "In-memory warehouse", "Small", "RUNNING", "PRO"}} {
  provide<SqlService>(*this);
  provide<CatalogService>(*this);
  provide<IdentityService>(*this);
  provide<FileService>(*this);
  provide<WarehouseService>(*this);
  provide<MetastoreService>(*this);
}

void MemoryWorkspace::addCatalog(CatalogInfo catalog) {
  std::lock_guard lock(mu_);
  putCatalog(std::move(catalog));
}

void MemoryWorkspace::addSchema(SchemaInfo schema) {
  std::lock_guard lock(mu_);
  putSchema(std::move(schema));
}

void MemoryWorkspace::addTable(TableInfo table) {
  std::lock_guard lock(mu_);
  if (!hasSchema(table.catalog, table.schema)) putSchema({table.catalog, table.schema, "", user_});
  tables_.push_back(std::move(table));
}

void MemoryWorkspace::addFunction(FunctionInfo function) {
  std::lock_guard lock(mu_);
  functions_.push_back(std::move(function));
}

void MemoryWorkspace::addVolume(VolumeInfo volume) {
  std::lock_guard lock(mu_);
  volumes_.push_back(std::move(volume));
}

void MemoryWorkspace::setHistory(const ObjectName& table, std::vector<HistoryEntry> entries) {
  std::lock_guard lock(mu_);
  history_[table.dotted()] = std::move(entries);
}

void MemoryWorkspace::onSql(const std::string& statement, ResultSet result) {
  std::lock_guard lock(mu_);
  answers_[statement] = std::move(result);
}

void MemoryWorkspace::setWarehouses(std::vector<WarehouseInfo> warehouses) {
  std::lock_guard lock(mu_);
  warehouses_ = std::move(warehouses);
}

void MemoryWorkspace::setSecurables(SecurableKind kind, Json objects) {
  std::lock_guard lock(mu_);
  securables_[kind] = std::move(objects);
}

void MemoryWorkspace::setMetastoreSummary(Json summary) {
  std::lock_guard lock(mu_);
  metastore_ = std::move(summary);
}

void MemoryWorkspace::setServingEndpoints(Json endpoints) {
  {
    std::lock_guard lock(mu_);
    endpoints_ = std::move(endpoints);
  }
  provide<ServingService>(*this);
}

void MemoryWorkspace::setGenieSpaces(Json spaces) {
  {
    std::lock_guard lock(mu_);
    spaces_ = std::move(spaces);
  }
  provide<GenieService>(*this);
}

std::vector<std::string> MemoryWorkspace::startedWarehouses() const {
  std::lock_guard lock(mu_);
  return started_;
}

std::vector<std::string> MemoryWorkspace::stoppedWarehouses() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

void MemoryWorkspace::putCatalog(CatalogInfo catalog) {
  for (auto& c : catalogs_) {
    if (c.name == catalog.name) {
      c = std::move(catalog);
      return;
    }
  }
  catalogs_.push_back(std::move(catalog));
}

void MemoryWorkspace::putSchema(SchemaInfo schema) {
  bool knownCatalog = false;
  for (const auto& c : catalogs_) knownCatalog = knownCatalog || c.name == schema.catalog;
  if (!knownCatalog) putCatalog({schema.catalog, "", user_});
  for (auto& s : schemas_) {
    if (s.catalog == schema.catalog && s.name == schema.name) {
      s = std::move(schema);
      return;
    }
  }
  schemas_.push_back(std::move(schema));
}

void MemoryWorkspace::onSql(SqlHandler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

std::vector<RecordedCall> MemoryWorkspace::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<std::string> MemoryWorkspace::statements() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& c : calls_) {
    if (c.statement) out.push_back(c.call);
  }
  return out;
}

void MemoryWorkspace::fail(std::string call, WorkspaceErrorClass errorClass, std::string message) {
  std::lock_guard lock(mu_);
  failures_[std::move(call)] = {errorClass, std::move(message)};
}

void MemoryWorkspace::record(std::string call, bool statement) {
  const auto at = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  calls_.push_back({call, at, statement});
  if (auto f = failures_.find(call); f != failures_.end()) {
    throw WorkspaceError(f->second.first, f->second.second);
  }
}
bool MemoryWorkspace::hasSchema(const std::string& catalog, const std::string& schema) const {
  for (const auto& s : schemas_) {
    if (s.catalog == catalog && s.name == schema) return true;
  }
  return false;
}

std::string MemoryWorkspace::kind() const {
  return "memory";
}

std::string MemoryWorkspace::host() const {
  return "memory";
}

ResultSet MemoryWorkspace::runStatement(std::string_view statement, const std::vector<SqlParam>&,
                                        const CallOptions&) {
  record(std::string(statement), true);
  SqlHandler handler;
  {
    std::lock_guard lock(mu_);
    if (auto it = answers_.find(statement); it != answers_.end()) return it->second;
    handler = handler_;
  }
  if (!handler) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "the memory workspace has no answer for: " + std::string(statement));
  }
  // Outside the lock: a handler may be slow or call back into the workspace.
  return handler(statement);
}

std::vector<CatalogInfo> MemoryWorkspace::listCatalogs(const CallOptions&) {
  record("catalogs");
  std::lock_guard lock(mu_);
  return catalogs_;
}

std::vector<SchemaInfo> MemoryWorkspace::listSchemas(const std::string& catalog,
                                                     const CallOptions&) {
  record("schemas " + catalog);
  std::lock_guard lock(mu_);
  bool known = false;
  std::vector<SchemaInfo> out;
  for (const auto& c : catalogs_) known = known || c.name == catalog;
  if (!known) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[NO_SUCH_CATALOG_EXCEPTION] Catalog '" + catalog + "' was not found.");
  }
  for (const auto& s : schemas_) {
    if (s.catalog == catalog) out.push_back(s);
  }
  return out;
}

std::vector<TableInfo> MemoryWorkspace::listTables(const std::string& catalog,
                                                   const std::string& schema, const CallOptions&) {
  record("tables " + catalog + " " + schema);
  std::lock_guard lock(mu_);
  if (!hasSchema(catalog, schema)) {
    throw WorkspaceError(
        WorkspaceErrorClass::NotFound,
        "[SCHEMA_NOT_FOUND] The schema " + quoteQualified({catalog, schema}) + " cannot be found.");
  }
  std::vector<TableInfo> out;
  for (const auto& t : tables_) {
    if (t.catalog == catalog && t.schema == schema) out.push_back(t);
  }
  return out;
}

namespace {

template <typename Info>
std::vector<Info> inSchema(const std::vector<Info>& all, const std::string& catalog,
                           const std::string& schema) {
  std::vector<Info> out;
  for (const auto& i : all) {
    if (i.catalog == catalog && i.schema == schema) out.push_back(i);
  }
  return out;
}

}  // namespace

std::vector<FunctionInfo> MemoryWorkspace::listFunctions(const std::string& catalog,
                                                         const std::string& schema,
                                                         const CallOptions&) {
  record("functions " + catalog + " " + schema);
  std::lock_guard lock(mu_);
  return inSchema(functions_, catalog, schema);
}

std::vector<VolumeInfo> MemoryWorkspace::listVolumes(const std::string& catalog,
                                                     const std::string& schema,
                                                     const CallOptions&) {
  record("volumes " + catalog + " " + schema);
  std::lock_guard lock(mu_);
  return inSchema(volumes_, catalog, schema);
}

std::vector<HistoryEntry> MemoryWorkspace::readHistory(const ObjectName& table,
                                                       std::optional<std::int64_t> limit,
                                                       const CallOptions&) {
  const auto name = table.dotted();
  record("history " + name);
  std::lock_guard lock(mu_);
  auto it = history_.find(name);
  if (it == history_.end()) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "no history for " + name);
  }
  auto out = it->second;
  if (limit && out.size() > static_cast<std::size_t>(*limit)) {
    out.resize(static_cast<std::size_t>(*limit));
  }
  return out;
}

std::string MemoryWorkspace::whoAmI(const CallOptions&) {
  record("currentUser");
  return user_;
}

namespace {

// A volume path with one trailing slash, so "/Volumes/a/b/c" does not match "/Volumes/a/b/cd".
std::string asDirectory(std::string path) {
  if (path.empty() || path.back() != '/') path += '/';
  return path;
}

}  // namespace

std::map<std::string, std::string> MemoryWorkspace::volumeFiles() const {
  std::lock_guard lock(mu_);
  return files_;
}

std::vector<FileEntry> MemoryWorkspace::listFiles(const std::string& path, const CallOptions&) {
  record("listDirectory " + path);
  const auto dir = asDirectory(path);
  std::lock_guard lock(mu_);
  std::vector<FileEntry> out;
  for (const auto& [file, contents] : files_) {
    if (file.rfind(dir, 0) != 0) continue;
    const auto rest = file.substr(dir.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos) {
      out.push_back({file, false, static_cast<std::int64_t>(contents.size())});
    } else if (out.empty() || out.back().path != dir + rest.substr(0, slash)) {
      out.push_back({dir + rest.substr(0, slash), true, 0});
    }
  }
  if (out.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "no directory '" + path + "'");
  }
  return out;
}

std::string MemoryWorkspace::readVolumeFile(const std::string& path, const CallOptions&) {
  record("readFile " + path);
  std::lock_guard lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end())
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "no file '" + path + "'");
  return it->second;
}

void MemoryWorkspace::writeVolumeFile(const std::string& path, std::string_view contents,
                                      bool overwrite, const CallOptions&) {
  record("writeFile " + path);
  std::lock_guard lock(mu_);
  if (!overwrite && files_.count(path) != 0) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict, "file '" + path + "' exists");
  }
  files_[path] = std::string(contents);
}

std::vector<WarehouseInfo> MemoryWorkspace::listWarehouses(const CallOptions&) {
  record("warehouses");
  std::lock_guard lock(mu_);
  return warehouses_;
}

WarehouseInfo MemoryWorkspace::startWarehouse(const std::string& id, const CallOptions&) {
  record("startWarehouse " + id);
  std::lock_guard lock(mu_);
  started_.push_back(id);
  return changeWarehouse(id, "STARTING");
}

WarehouseInfo MemoryWorkspace::stopWarehouse(const std::string& id, const CallOptions&) {
  record("stopWarehouse " + id);
  std::lock_guard lock(mu_);
  stopped_.push_back(id);
  return changeWarehouse(id, "STOPPING");
}

WarehouseInfo MemoryWorkspace::changeWarehouse(const std::string& id, const std::string& state) {
  for (auto& w : warehouses_) {
    if (w.id != id) continue;
    w.state = state;
    return w;
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound, "SQL warehouse '" + id + "' not found");
}

Json MemoryWorkspace::listSecurables(SecurableKind kind, const CallOptions&) {
  record(std::string("securables ") + securablePath(kind));
  std::lock_guard lock(mu_);
  auto it = securables_.find(kind);
  return it == securables_.end() ? Json::array() : it->second;
}

Json MemoryWorkspace::metastoreSummary(const CallOptions&) {
  record("metastoreSummary");
  std::lock_guard lock(mu_);
  if (!metastore_) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         "The memory workspace has no metastore summary set");
  }
  return *metastore_;
}

Json MemoryWorkspace::servingEndpoints(const CallOptions&) {
  record("servingEndpoints");
  std::lock_guard lock(mu_);
  return endpoints_;
}

Json MemoryWorkspace::genieSpaces(const CallOptions&) {
  record("genieSpaces");
  std::lock_guard lock(mu_);
  return spaces_;
}

TableInfo makeTable(const std::string& catalog, const std::string& schema, const std::string& name,
                    const std::string& tableType) {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.tableType = tableType;
  return t;
}

ColumnInfo makeColumn(const std::string& name, const std::string& type, bool nullable) {
  return {name, type, nullable, ""};
}

}  // namespace clxs::testing
