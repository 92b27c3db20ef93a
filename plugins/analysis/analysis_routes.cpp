#include "plugins/analysis/analysis_routes.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/analysis/catalog_diff.hpp"
#include "plugins/analysis/catalog_validation.hpp"

namespace clxs::analysis {
namespace {

// A diff reads metadata only; a validation scans every table once or twice per side.
constexpr std::chrono::minutes kDiffDeadline{10};
constexpr std::chrono::hours kValidateDeadline{2};
constexpr int kDiffWorkers = 4;
constexpr int kMaxWorkers = 64;

Model pairModel(std::string name) {
  return Model(std::move(name))
      .field("source_catalog", Field::string().required().identifier().describe("Source catalog"))
      .field("destination_catalog", Field::string().required().identifier().describe(
                                        "Destination catalog; must differ from the source"))
      .field("warehouse_id",
             Field::string().nullable().describe(
                 "SQL warehouse ID (default: X-Databricks-Warehouse header, then config "
                 "sql_warehouse_id)"))
      .field("exclude_schemas",
             Field::array(Field::string().identifier())
                 .defaultsTo(Json::array({"information_schema", "default"}))
                 .describe("Schemas to skip (information_schema is always skipped)"));
}

// The validated body's common fields.
struct PairRequest {
  std::string source;
  std::string destination;
  std::vector<std::string> excludeSchemas;
  CallOptions call;
};

PairRequest readPair(const Request& req, const Clock& clock,
                     std::chrono::steady_clock::duration deadline) {
  const Json& body = req.body();
  PairRequest p;
  p.source = body.value("source_catalog", std::string());
  p.destination = body.value("destination_catalog", std::string());
  // Unity Catalog names are case-insensitive, so `Prod` and `prod` are one catalog.
  if (lowerAscii(p.source) == lowerAscii(p.destination)) {
    throw unprocessable(
        Json::array({"body", "destination_catalog"}),
        "destination_catalog must differ from source_catalog ('" + p.source + "').");
  }
  const Json exclude =
      body.value("exclude_schemas", Json::array({"information_schema", "default"}));
  for (const auto& s : exclude) {
    if (s.is_string()) p.excludeSchemas.push_back(s.get<std::string>());
  }
  p.call.deadline = clock.steadyNow() + deadline;
  const Json warehouse = body.value("warehouse_id", Json());
  p.call.warehouseId = warehouse.is_string() && !warehouse.get<std::string>().empty()
                           ? warehouse.get<std::string>()
                           : req.credentials().warehouseId;
  return p;
}

double secondsSince(const Clock& clock, std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> d = clock.steadyNow() - start;
  return std::round(d.count() * 1000.0) / 1000.0;
}

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
    const PairRequest p = readPair(req, *clk, kDiffDeadline);
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
    const PairRequest p = readPair(req, *clk, kValidateDeadline);
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
