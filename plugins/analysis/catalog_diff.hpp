// Object-level diff of two catalogs: which schemas, tables, views, functions and volumes are
// missing from the destination, extra in it, or in both.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/analysis/catalog_tables.hpp"

namespace clxs::analysis {

/// The objects of one catalog; everything but schemas as "schema.name".
struct CatalogObjects {
  std::set<std::string> schemas;      ///< schema names
  std::set<std::string> tables;       ///< tables (every non-view table type)
  std::set<std::string> views;        ///< views, materialized views and metric views
  std::set<std::string> functions;    ///< SQL functions
  std::set<std::string> volumes;      ///< volumes
  std::vector<std::string> warnings;  ///< functions/volumes that could not be listed
  CatalogTables listing;              ///< the tables with their columns, for column drift
};

/// Lists the objects of `catalog` outside `excludeSchemas` (information_schema is always
/// excluded), `workers` schemas at a time; the tables come from catalogTables(), which is
/// kept in `listing`. A schema whose functions or volumes cannot be listed gets a warning
/// instead of failing the whole listing; other failures, cancellation and deadlines are
/// thrown.
CatalogObjects catalogObjects(Workspace& ws, const std::string& catalog,
                              const std::vector<std::string>& excludeSchemas, std::size_t workers,
                              const CallOptions& call);

/// The diff document: for each kind in schemas, tables, views, functions, volumes the sorted
/// lists missing_<kind> (source only), extra_<kind> (destination only) and matching_<kind>;
/// counts.<kind> = {source, destination, missing, extra, matching}; in_sync (nothing missing
/// or extra); warnings.
Json diffObjects(const CatalogObjects& source, const CatalogObjects& destination);

}  // namespace clxs::analysis
