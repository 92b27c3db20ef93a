#include "plugins/observability/catalog_tables.hpp"

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {

bool isSystemCatalog(const std::string& name) {
  const auto n = lowerAscii(name);
  return n == "system" || n == "samples" || n == "hive_metastore" || n.rfind("__", 0) == 0;
}

std::vector<SchemaInfo> catalogSchemas(Workspace& ws, const std::string& catalog,
                                       const std::string& schema, const CallOptions& options) {
  std::vector<SchemaInfo> schemas;
  try {
    schemas = ws.catalog().schemas(catalog, options);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::NotFound)
      throw notFound("Catalog '" + catalog + "' does not exist");
    throw;
  }
  std::vector<SchemaInfo> out;
  for (auto& s : schemas) {
    if (sameName(s.name, "information_schema")) continue;
    if (!schema.empty() && !sameName(s.name, schema)) continue;
    out.push_back(std::move(s));
  }
  if (!schema.empty() && out.empty())
    throw notFound("Schema '" + schema + "' does not exist in catalog '" + catalog + "'");
  return out;
}

std::vector<TableInfo> catalogTables(Workspace& ws, const std::string& catalog,
                                     const std::string& schema, const CallOptions& options) {
  std::vector<TableInfo> out;
  for (const auto& s : catalogSchemas(ws, catalog, schema, options)) {
    for (auto& t : ws.catalog().tables(catalog, s.name, options)) {
      if (t.tableType == "VIEW") continue;
      if (t.catalog.empty()) t.catalog = catalog;
      if (t.schema.empty()) t.schema = s.name;
      out.push_back(std::move(t));
    }
  }
  return out;
}

std::string fqnOf(const TableInfo& table) {
  return table.catalog + "." + table.schema + "." + table.name;
}

}  // namespace clxs::observability
