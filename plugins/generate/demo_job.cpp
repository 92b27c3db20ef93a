#include "plugins/generate/demo_job.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <string>

#include "clxs/text.hpp"
#include "plugins/generate/demo_plan.hpp"
#include "plugins/generate/plan_runner.hpp"

namespace clxs::generate {
namespace {

Json resultOf(const DemoRequest& req, const RunStats& stats, double elapsed) {
  Json r = {{"catalog", req.catalog},
            {"industries", req.industries},
            {"scale_factor", req.scaleFactor},
            {"schemas_created", stats.schemas},
            {"tables_created", stats.tables},
            {"views_created", stats.views},
            {"udfs_created", stats.functions},
            {"volumes_created", stats.volumes},
            {"files_written", stats.files},
            {"total_rows", stats.rows},
            {"errors", stats.errors},
            {"elapsed_seconds", std::round(elapsed * 100.0) / 100.0},
            // The same figure under the name the original web UI's summary reads.
            {"duration_seconds", std::round(elapsed * 100.0) / 100.0}};
  if (!stats.warnings.empty()) r["warnings"] = stats.warnings;
  if (req.destCatalog) r["dest_catalog"] = *req.destCatalog;
  return r;
}

}  // namespace

JobOutcome runDemoJob(Workspace& workspace, const DemoRequest& request, JobContext& job,
                      const CallOptions& options, const GeneratedCallback& onGenerated) {
  const auto started = std::chrono::steady_clock::now();
  if (!request.dropExisting) {
    for (const auto& c : workspace.catalog().catalogs(options)) {
      if (!sameName(c.name, request.catalog)) continue;
      return {JobEnd::Failed, nullptr,
              "Catalog '" + request.catalog +
                  "' already exists; set drop_existing to true to replace it"};
    }
  }
  const Plan plan = buildPlan(request);
  job.log("Generating " + std::to_string(request.industries.size()) + " industries into " +
          request.catalog + ": " + std::to_string(plan.tablesTotal) + " tables, " +
          std::to_string(plan.plannedRows) + " rows, " + std::to_string(plan.totalSteps) +
          " steps on " + std::to_string(request.maxWorkers) + " workers");
  PlanRunner runner(workspace, job, options, request.maxWorkers);
  const RunStats stats = runner.run(plan);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Json result = resultOf(request, stats, elapsed);

  if (!stats.fatal.empty()) return {JobEnd::Failed, std::move(result), stats.fatal};
  job.log("Generated " + std::to_string(stats.rows) + " rows in " +
          std::to_string(static_cast<long long>(elapsed)) + " s with " +
          std::to_string(stats.errors.size()) + " errors");
  if (!stats.errors.empty()) {
    if (request.destCatalog) {
      job.log("Not cloning to " + *request.destCatalog + ": the generation had errors");
    }
    return JobOutcome::withErrors(std::move(result));
  }
  if (request.destCatalog && onGenerated) {
    job.log("Requesting a clone of " + request.catalog + " to " + *request.destCatalog);
    onGenerated(events::DemoDataGenerated{job.id(), request.catalog, *request.destCatalog});
  }
  return JobOutcome::completed(std::move(result));
}

}  // namespace clxs::generate
