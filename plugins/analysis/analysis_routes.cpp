#include "plugins/analysis/analysis_routes.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/analysis/analysis_request.hpp"
#include "plugins/analysis/catalog_diff.hpp"
#include "plugins/analysis/catalog_validation.hpp"

namespace clxs::analysis {
namespace {

// A diff reads metadata only; a validation scans every table once or twice per side.
constexpr std::chrono::minutes kDiffDeadline{10};
constexpr std::chrono::hours kValidateDeadline{2};
constexpr int kDiffWorkers = 4;
constexpr int kMaxWorkers = 64;

}  // namespace

Model diffRequestModel() {
  return pairModel("DiffRequest");
}

Model validateRequestModel() {
  return pairModel("ValidateRequest")
      .field("use_checksum",
             Field::boolean().defaultsTo(false).describe(
                 "Also compare column lists and an order-independent checksum of every column"))
      .field("max_workers", Field::integer()
                                .min(1)
                                .max(kMaxWorkers)
                                .defaultsTo(4)
                                .describe("Tables compared in parallel"));
}

void registerAnalysisRoutes(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;

  RouteSpec diff;
  diff.method = Method::Post;
  diff.path = "/api/diff";
  diff.summary = "Diff two catalogs";
  diff.description =
      "Object-level comparison: missing_<kind> (in the source only), extra_<kind> (in the "
      "destination only) and matching_<kind> for schemas, tables, views, functions and volumes, "
      "as sorted 'schema.name' strings (schemas by name); counts per kind, in_sync, and "
      "warnings for functions or volumes that could not be listed. 404 naming an unknown "
      "catalog; 422 when both catalogs are the same.";
  diff.body = diffRequestModel();
  routes.add(std::move(diff), [clk](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const PairRequest p = readPair(req, req.body(), "body", *clk, kDiffDeadline);
    const auto ws = req.workspace();
    requireCatalog(*ws, p.source, "Source", p.call);
    requireCatalog(*ws, p.destination, "Destination", p.call);
    const auto source = catalogObjects(*ws, p.source, p.excludeSchemas, kDiffWorkers, p.call);
    const auto destination =
        catalogObjects(*ws, p.destination, p.excludeSchemas, kDiffWorkers, p.call);
    Json out = diffObjects(source, destination);
    out["source_catalog"] = p.source;
    out["destination_catalog"] = p.destination;
    out["duration_seconds"] = secondsSince(*clk, start);
    return out;
  });

  RouteSpec validate;
  validate.method = Method::Post;
  validate.path = "/api/validate";
  validate.summary = "Validate a clone (row counts, optional checksums)";
  validate.description =
      "Compares every MANAGED and EXTERNAL table of the source's schemas with the same table "
      "in the destination, max_workers at a time: COUNT(*) on both sides and, with "
      "use_checksum, the column lists and an order-independent checksum over every column "
      "(NULL, 'NULL' and '' differ). A table missing from the destination is an error entry. "
      "Answers {total_tables, matched, mismatched, errors, checksum_mismatches, details "
      "[{schema, table, source_count, dest_count, match, checksum_match, error}], "
      "mismatched_tables, duration_seconds}. 404 naming an unknown catalog; 422 when both "
      "catalogs are the same.";
  validate.body = validateRequestModel();
  routes.add(std::move(validate), [clk](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const PairRequest p = readPair(req, req.body(), "body", *clk, kValidateDeadline);
    const Json& body = req.body();
    ValidationOptions options;
    options.excludeSchemas = p.excludeSchemas;
    options.useChecksum = body.value("use_checksum", false);
    options.maxWorkers = static_cast<std::size_t>(
        std::clamp<std::int64_t>(body.value("max_workers", std::int64_t{4}), 1, kMaxWorkers));
    const auto ws = req.workspace();
    Json out = validateCatalog(*ws, p.source, *ws, p.destination, options, p.call);
    out["source_catalog"] = p.source;
    out["destination_catalog"] = p.destination;
    out["use_checksum"] = options.useChecksum;
    out["duration_seconds"] = secondsSince(*clk, start);
    return out;
  });
}

}  // namespace clxs::analysis
