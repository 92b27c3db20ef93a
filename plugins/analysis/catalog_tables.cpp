#include "plugins/analysis/catalog_tables.hpp"

#include <algorithm>

#include "clxs/parallel.hpp"
#include "clxs/text.hpp"

namespace clxs::analysis {

bool CatalogTables::hasSchema(const std::string& schema) const {
  return std::binary_search(schemas.begin(), schemas.end(), schema);
}

bool excludedSchema(const std::string& schema, const std::vector<std::string>& excludeSchemas) {
  if (lowerAscii(schema) == "information_schema") return true;
  return std::find(excludeSchemas.begin(), excludeSchemas.end(), schema) != excludeSchemas.end();
}

bool isView(const TableInfo& table) {
  const auto type = upperAscii(table.tableType);
  return type == "VIEW" || type == "MATERIALIZED_VIEW" || type == "METRIC_VIEW";
}

bool holdsData(const TableInfo& table) {
  const auto type = upperAscii(table.tableType);
  return type == "MANAGED" || type == "EXTERNAL";
}

std::string displayName(const TableKey& key) {
  return key.first + "." + key.second;
}

CatalogTables catalogTables(Workspace& ws, const std::string& catalog,
                            const std::vector<std::string>& excludeSchemas, std::size_t workers,
                            const CallOptions& call) {
  CatalogTables out;
  out.catalog = catalog;
  for (const auto& s : ws.catalog().schemas(catalog, call)) {
    if (!excludedSchema(s.name, excludeSchemas)) out.schemas.push_back(s.name);
  }
  std::sort(out.schemas.begin(), out.schemas.end());
  out.schemas.erase(std::unique(out.schemas.begin(), out.schemas.end()), out.schemas.end());

  // Each worker writes only its own slot, so the listing needs no lock.
  std::vector<std::vector<TableInfo>> perSchema(out.schemas.size());
  parallelFor(
      out.schemas.size(), std::max<std::size_t>(workers, 1),
      [&](std::size_t i) { perSchema[i] = ws.catalog().tables(catalog, out.schemas[i], call); },
      call.cancel);
  for (std::size_t i = 0; i < perSchema.size(); ++i) {
    for (auto& t : perSchema[i]) {
      t.catalog = catalog;
      t.schema = out.schemas[i];
      TableKey key{t.schema, t.name};
      out.tables.emplace(std::move(key), std::move(t));
    }
  }
  return out;
}

}  // namespace clxs::analysis
