// Listing demo catalogs and removing them: a catalog counts as a demo catalog when some of its
// tables carry demo.generated_by = 'clone-xs', and only such catalogs may be dropped here.
#pragma once

#include <cstdint>
#include <string>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::generate {

/// What a catalog holds.
struct CatalogCounts {
  std::int64_t schemas = 0;     ///< schemas, information_schema excluded
  std::int64_t tables = 0;      ///< tables (views excluded)
  std::int64_t views = 0;       ///< views
  std::int64_t demoTables = 0;  ///< tables with demo.generated_by = 'clone-xs'
};

/// Counts the schemas, tables and demo tables of `catalog` through the metadata port.
CatalogCounts countCatalog(Workspace& ws, const std::string& catalog, const CallOptions& options);

/// GET /api/generate/demo-data/catalogs: every catalog (only demo ones when `demoOnly`) as
/// {name, owner, comment, created_at, is_demo, num_demo_tables, num_schemas, num_tables,
/// error}, probed on up to `parallel` threads; a failed probe fills that row's error.
Json listDemoCatalogs(Workspace& ws, bool demoOnly, const CallOptions& options, int parallel = 8);

/// DELETE /api/generate/demo-data/{catalog}: drops a demo catalog with everything in it.
/// Throws HttpError 404 for an unknown catalog and 409 for one without demo tables.
Json cleanupDemoCatalog(Workspace& ws, const std::string& catalog, const CallOptions& options);

}  // namespace clxs::generate
