// Field groups and answers several clone routes share, each declared once: the catalogs a
// run reads and writes, the schemas it skips, the settings every clone-like run takes, and
// the answer of a route that queued a job.
#pragma once

#include <string>
#include <vector>

#include "clxs/schema.hpp"

namespace clxs::clone {

/// `source_catalog`: the catalog a run reads (a clone, a multi-clone, a snapshot).
struct SourceCatalog {
  std::string name;
  static const Schema<SourceCatalog>& schema();
};

/// `source_catalog` and `destination_catalog`, which must name different catalogs.
struct CatalogPair {
  SourceCatalog source;
  std::string destination;
  static const Schema<CatalogPair>& schema();
};

/// `exclude_schemas`: schemas a run skips (information_schema and default unless told).
struct ExcludedSchemas {
  std::vector<std::string> names{"information_schema", "default"};
  static const Schema<ExcludedSchemas>& schema();
};

/// What every clone-like run (clone, sync, incremental sync) is told besides its catalogs.
struct RunBasics {
  std::string warehouseId;  ///< empty: the request's warehouse (header or config)
  std::string cloneType = "DEEP";
  bool dryRun = false;
  int maxWorkers = 4;
  static const Schema<RunBasics>& schema();
};

/// The answer of a route that queued a clone, sync or incremental sync job.
struct QueuedJob {
  std::string jobId;
  std::string status = "queued";
  std::string message;
  static const Schema<QueuedJob>& schema();
};

}  // namespace clxs::clone
