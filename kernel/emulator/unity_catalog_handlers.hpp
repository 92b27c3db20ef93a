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

/// "c.s.t" → {"c", "s", "t"}: the first dots separate catalog and schema; the rest is the
/// object name, so only the object's own name may contain dots. Throws ApiError 400 unless
/// there are `parts` non-empty parts.
std::vector<std::string> splitFullName(const std::string& fullName, std::size_t parts);

/// The UC routes. Thread-safe (the workspace and the pager are).
class UnityCatalogHandlers {
 public:
  UnityCatalogHandlers(LocalWorkspace& workspace, ListPager& pager);

  /// A GET under /api/2.1/unity-catalog, or a PATCH of permissions; `rest` holds the path
  /// segments after it.
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

  // Single objects in the API's shapes, for the write routes' answers too: each throws
  // ApiError 404 with the object kind's *_DOES_NOT_EXIST code when it (or a parent) is absent.
  Json getCatalog(const std::string& name);
  Json getSchema(const std::string& fullName);
  Json getTable(const std::string& fullName);
  Json getFunction(const std::string& fullName);
  Json getVolume(const std::string& fullName);
  /// The catalog as stored (its spelling of the name); 404 CATALOG_DOES_NOT_EXIST.
  CatalogInfo requireCatalog(const std::string& name);
  /// The schema as stored; 404 CATALOG_DOES_NOT_EXIST or SCHEMA_DOES_NOT_EXIST.
  SchemaInfo requireSchema(const std::string& catalog, const std::string& schema);
  /// A list page of `items` under `field`, as the request's max_results and page_token ask.
  Json page(const EmulatorRequest& request, const Json& items, const std::string& field);

 private:
  Json listCatalogs(const EmulatorRequest& request);
  Json listSchemas(const EmulatorRequest& request);
  Json listTables(const EmulatorRequest& request);
  Json tableExists(const std::string& fullName);
  Json tableSummaries(const EmulatorRequest& request);
  Json listFunctions(const EmulatorRequest& request);
  Json listVolumes(const EmulatorRequest& request);
  Json permissions(const EmulatorRequest& request, const std::string& type,
                   const std::string& fullName, bool effective);
  Json metastoreSummary();
  Json securables(const EmulatorRequest& request, SecurableKind kind, const char* field,
                  const std::string& name);

  LocalWorkspace& workspace_;
  ListPager& pager_;
};

}  // namespace clxs::kernel::emulator
