#include "plugins/analysis/catalog_diff.hpp"

#include <algorithm>
#include <mutex>

#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"

namespace clxs::analysis {
namespace {

// Lists one optional kind of object, turning a failure into a warning.
template <typename List>
std::vector<std::string> listOrWarn(List list, const std::string& what,
                                    std::vector<std::string>& warnings) {
  try {
    return list();
  } catch (const WorkspaceError& e) {
    if (e.interrupts()) throw;
    warnings.push_back(what + " could not be listed: " + e.what());
  }
  return {};
}

void addKind(Json& out, const std::string& kind, const std::set<std::string>& source,
             const std::set<std::string>& destination) {
  Json missing = Json::array();
  Json extra = Json::array();
  Json matching = Json::array();
  for (const auto& name : source) (destination.count(name) ? matching : missing).push_back(name);
  for (const auto& name : destination) {
    if (!source.count(name)) extra.push_back(name);
  }
  out["counts"][kind] = Json{{"source", source.size()},
                             {"destination", destination.size()},
                             {"missing", missing.size()},
                             {"extra", extra.size()},
                             {"matching", matching.size()}};
  if (!missing.empty() || !extra.empty()) out["in_sync"] = false;
  out["missing_" + kind] = std::move(missing);
  out["extra_" + kind] = std::move(extra);
  out["matching_" + kind] = std::move(matching);
}

}  // namespace

CatalogObjects catalogObjects(Workspace& ws, const std::string& catalog,
                              const std::vector<std::string>& excludeSchemas, std::size_t workers,
                              const CallOptions& call) {
  CatalogObjects out;
  out.listing = catalogTables(ws, catalog, excludeSchemas, workers, call);
  for (const auto& [key, t] : out.listing.tables) {
    (isView(t) ? out.views : out.tables).insert(displayName(key));
  }
  const auto& schemas = out.listing.schemas;
  out.schemas.insert(schemas.begin(), schemas.end());
  std::mutex mu;
  parallelFor(
      schemas.size(), std::max<std::size_t>(workers, 1),
      [&](std::size_t i) {
        const std::string& schema = schemas[i];
        const std::string where = quoteQualified({catalog, schema});
        std::vector<std::string> warnings;
        const auto functions = listOrWarn(
            [&] {
              std::vector<std::string> names;
              for (const auto& f : ws.catalog().functions(catalog, schema, call))
                names.push_back(f.name);
              return names;
            },
            "Functions of " + where, warnings);
        const auto volumes = listOrWarn(
            [&] {
              std::vector<std::string> names;
              for (const auto& v : ws.catalog().volumes(catalog, schema, call))
                names.push_back(v.name);
              return names;
            },
            "Volumes of " + where, warnings);
        std::lock_guard lock(mu);
        for (const auto& f : functions) out.functions.insert(schema + "." + f);
        for (const auto& v : volumes) out.volumes.insert(schema + "." + v);
        for (auto& w : warnings) out.warnings.push_back(std::move(w));
      },
      call.cancel);
  std::sort(out.warnings.begin(), out.warnings.end());
  return out;
}

Json diffObjects(const CatalogObjects& source, const CatalogObjects& destination) {
  Json out = Json::object();
  out["in_sync"] = true;
  out["counts"] = Json::object();
  addKind(out, "schemas", source.schemas, destination.schemas);
  addKind(out, "tables", source.tables, destination.tables);
  addKind(out, "views", source.views, destination.views);
  addKind(out, "functions", source.functions, destination.functions);
  addKind(out, "volumes", source.volumes, destination.volumes);
  Json warnings = Json::array();
  for (const auto& w : source.warnings) warnings.push_back("Source: " + w);
  for (const auto& w : destination.warnings) warnings.push_back("Destination: " + w);
  out["warnings"] = std::move(warnings);
  return out;
}

}  // namespace clxs::analysis
