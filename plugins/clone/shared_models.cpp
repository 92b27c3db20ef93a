#include "plugins/clone/shared_models.hpp"

#include <string>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

// The kernel's validator refuses a missing catalog before parsing; a body that skipped it (a
// schedule's stored job, an event) is refused here the same way.
void requireCatalogName(const std::string& name, const char* field) {
  if (name.empty()) throw unprocessable(Json::array({"body", field}), "Field required", "missing");
}

}  // namespace

const Schema<SourceCatalog>& SourceCatalog::schema() {
  static const auto s =
      Schema<SourceCatalog>("SourceCatalog")
          .field("source_catalog", &SourceCatalog::name,
                 Field::string().required().identifier().describe("Source catalog"))
          .check([](const SourceCatalog& c) { requireCatalogName(c.name, "source_catalog"); });
  return s;
}

const Schema<CatalogPair>& CatalogPair::schema() {
  static const auto s =
      Schema<CatalogPair>("CatalogPair")
          .include(&CatalogPair::source)
          .field("destination_catalog", &CatalogPair::destination,
                 Field::string().required().identifier().describe("Destination catalog"))
          .check([](const CatalogPair& p) {
            requireCatalogName(p.destination, "destination_catalog");
            if (sameName(p.source.name, p.destination)) {
              throw unprocessable(Json::array({"body", "destination_catalog"}),
                                  "destination_catalog must differ from source_catalog");
            }
          });
  return s;
}

const Schema<ExcludedSchemas>& ExcludedSchemas::schema() {
  static const auto s =
      Schema<ExcludedSchemas>("ExcludedSchemas")
          .field("exclude_schemas", &ExcludedSchemas::names,
                 Field::array(Field::string().identifier()).describe("Schemas to skip"));
  return s;
}

const Schema<RunBasics>& RunBasics::schema() {
  static const auto s =
      Schema<RunBasics>("RunBasics")
          .field("warehouse_id", &RunBasics::warehouseId,
                 Field::string().describe("SQL warehouse ID (default: the "
                                          "X-Databricks-Warehouse header, then config)"))
          .field("clone_type", &RunBasics::cloneType,
                 Field::string()
                     .oneOf({"DEEP", "SHALLOW"})
                     .caseInsensitive()
                     .describe("DEEP copies data files, SHALLOW references them"))
          .field("dry_run", &RunBasics::dryRun,
                 "List the plan and every statement the run would issue; write nothing")
          .field("max_workers", &RunBasics::maxWorkers,
                 Field::integer().min(1).max(64).describe(
                     "Work in parallel: schemas for a clone, tables compared and cloned for a "
                     "sync"));
  return s;
}

const Schema<QueuedJob>& QueuedJob::schema() {
  static const auto s =
      Schema<QueuedJob>("CloneJobQueued")
          .field("job_id", &QueuedJob::jobId, "Follow it with GET /api/clone/{job_id}")
          .field("status", &QueuedJob::status, "Always queued")
          .field("message", &QueuedJob::message, "What was submitted");
  return s;
}

}  // namespace clxs::clone
