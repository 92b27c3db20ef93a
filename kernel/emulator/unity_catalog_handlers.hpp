// Unity Catalog API 2.1 (/api/2.1/unity-catalog/...) read from the local workspace: catalogs,
// schemas, tables, functions, volumes, permissions, the metastore and the other securables.
#pragma once

#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "kernel/emulator/emulator_http.hpp"
#include "kernel/emulator/list_pager.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

/// The UC routes. Thread-safe (the workspace and the pager are).
class UnityCatalogHandlers {
 public:
  UnityCatalogHandlers(LocalWorkspace& workspace, ListPager& pager);

  /// A request under /api/2.1/unity-catalog; `rest` holds the path segments after it.
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

 private:
  Json listCatalogs(const EmulatorRequest& request);
  Json getCatalog(const std::string& name);
  Json listSchemas(const EmulatorRequest& request);
  Json getSchema(const std::string& fullName);
  Json listTables(const EmulatorRequest& request);
  Json getTable(const std::string& fullName);
  Json tableExists(const std::string& fullName);
  Json tableSummaries(const EmulatorRequest& request);
  Json listFunctions(const EmulatorRequest& request);
  Json getFunction(const std::string& fullName);
  Json listVolumes(const EmulatorRequest& request);
  Json getVolume(const std::string& fullName);
  Json permissions(const EmulatorRequest& request, const std::string& type,
                   const std::string& fullName, bool effective);
  Json metastoreSummary();
  Json securables(const EmulatorRequest& request, SecurableKind kind, const char* field,
                  const std::string& name);
  Json page(const EmulatorRequest& request, const Json& items, const std::string& field);

  CatalogInfo requireCatalog(const std::string& name);
  SchemaInfo requireSchema(const std::string& catalog, const std::string& schema);

  LocalWorkspace& workspace_;
  ListPager& pager_;
};

}  // namespace clxs::kernel::emulator
