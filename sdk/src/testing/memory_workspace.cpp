#include "clxs/testing/memory_workspace.hpp"

#include <utility>

namespace clxs::testing {

MemoryWorkspace::MemoryWorkspace(std::string user) : user_(std::move(user)) {}

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

void MemoryWorkspace::record(std::string call, bool statement) {
  const auto at = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  calls_.push_back({std::move(call), at, statement});
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

ResultSet MemoryWorkspace::sql(std::string_view statement, const std::vector<SqlParam>&,
                               const CallOptions&) {
  record(std::string(statement), true);
  SqlHandler handler;
  {
    std::lock_guard lock(mu_);
    handler = handler_;
  }
  // Outside the lock: a handler may be slow or call back into the workspace.
  return handler ? handler(statement) : ResultSet{};
}

std::vector<CatalogInfo> MemoryWorkspace::catalogs(const CallOptions&) {
  record("catalogs");
  std::lock_guard lock(mu_);
  return catalogs_;
}

std::vector<SchemaInfo> MemoryWorkspace::schemas(const std::string& catalog, const CallOptions&) {
  record("schemas " + catalog);
  std::lock_guard lock(mu_);
  bool known = false;
  std::vector<SchemaInfo> out;
  for (const auto& c : catalogs_) known = known || c.name == catalog;
  if (!known) throw WorkspaceError(WorkspaceErrorClass::NotFound, "no catalog '" + catalog + "'");
  for (const auto& s : schemas_) {
    if (s.catalog == catalog) out.push_back(s);
  }
  return out;
}

std::vector<TableInfo> MemoryWorkspace::tables(const std::string& catalog,
                                               const std::string& schema, const CallOptions&) {
  record("tables " + catalog + " " + schema);
  std::lock_guard lock(mu_);
  if (!hasSchema(catalog, schema)) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "no schema '" + schema + "' in catalog '" + catalog + "'");
  }
  std::vector<TableInfo> out;
  for (const auto& t : tables_) {
    if (t.catalog == catalog && t.schema == schema) out.push_back(t);
  }
  return out;
}

std::string MemoryWorkspace::currentUser(const CallOptions&) {
  record("currentUser");
  return user_;
}

std::vector<WarehouseInfo> MemoryWorkspace::warehouses(const CallOptions&) {
  record("warehouses");
  return {{"memory-wh", "In-memory warehouse", "Small", "RUNNING", "PRO"}};
}

std::vector<FunctionInfo> MemoryWorkspace::functions(const std::string& catalog,
                                                     const std::string& schema,
                                                     const CallOptions&) {
  record("functions " + catalog + " " + schema);
  return {};
}

std::vector<VolumeInfo> MemoryWorkspace::volumes(const std::string& catalog,
                                                 const std::string& schema, const CallOptions&) {
  record("volumes " + catalog + " " + schema);
  return {};
}

std::vector<GrantInfo> MemoryWorkspace::grants(const std::string& objectType,
                                               const std::string& fullName, const CallOptions&) {
  record("grants " + objectType + " " + fullName);
  return {};
}

std::vector<TagInfo> MemoryWorkspace::tags(const std::string& objectType,
                                           const std::string& fullName, const CallOptions&) {
  record("tags " + objectType + " " + fullName);
  return {};
}

std::vector<HistoryEntry> MemoryWorkspace::history(const std::string& fullName,
                                                   std::optional<std::int64_t>,
                                                   const CallOptions&) {
  record("history " + fullName);
  return {};
}

}  // namespace clxs::testing
