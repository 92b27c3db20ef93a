#include "plugins/analysis/analysis_routes.hpp"

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

constexpr char kDiffRequestName[] = "DiffRequest";
using DiffRequest = PairOnlyRequest<kDiffRequestName>;

struct ValidateRequest {
  CatalogPair catalogs;
  bool useChecksum = false;
  int maxWorkers = 4;
  static const Schema<ValidateRequest>& schema() {
    static const auto s =
        Schema<ValidateRequest>("ValidateRequest")
            .include(&ValidateRequest::catalogs)
            .field("use_checksum", &ValidateRequest::useChecksum,
                   "Also compare column lists and an order-independent checksum of every column")
            .field(
                "max_workers", &ValidateRequest::maxWorkers,
                Field::integer().min(1).max(kMaxWorkers).describe("Tables compared in parallel"));
    return s;
  }
};

Model catalogDiffModel() {
  Model m("CatalogDiff");
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    const std::string k = kind;
    m.field("missing_" + k,
            Field::array(Field::string())
                .required()
                .describe("In the source only, sorted ('schema.name'; schemas by name)"));
    m.field("extra_" + k,
            Field::array(Field::string()).required().describe("In the destination only, sorted"));
    m.field("matching_" + k, Field::array(Field::string()).required().describe("In both, sorted"));
  }
  return m
      .field("counts", Field::object().required().describe(
                           "Per kind: {source, destination, missing, extra, matching}"))
      .field("in_sync", Field::boolean().required().describe("Nothing missing and nothing extra"))
      .field("warnings", Field::array(Field::string())
                             .required()
                             .describe("Functions or volumes that could not be listed"))
      .field("source_catalog", Field::string().required().describe("Source catalog"))
      .field("destination_catalog", Field::string().required().describe("Destination catalog"))
      .field("duration_seconds", Field::number().required().describe("Time taken"));
}

Model catalogValidationModel() {
  const auto count = [](const char* what) { return Field::integer().required().describe(what); };
  return Model("CatalogValidation")
      .field("total_tables", count("Tables compared"))
      .field("matched", count("Tables whose row counts (and checksums) match"))
      .field("mismatched", count("Tables that differ"))
      .field("errors", count("Tables that could not be compared"))
      .field("checksum_mismatches", count("Tables whose checksums differ"))
      .field("details", Field::array(Field::object())
                            .required()
                            .describe("Per table: {schema, table, source_count, dest_count, match, "
                                      "checksum_match, error}"))
      .field("mismatched_tables",
             Field::array(Field::string()).required().describe("'schema.table' of each mismatch"))
      .field("source_catalog", Field::string().required().describe("Source catalog"))
      .field("destination_catalog", Field::string().required().describe("Destination catalog"))
      .field("use_checksum", Field::boolean().required().describe("Whether checksums ran"))
      .field("duration_seconds", Field::number().required().describe("Time taken"));
}

}  // namespace

void registerAnalysisRoutes(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;

  routes.post("/api/diff")
      .summary("Diff two catalogs")
      .description(
          "Object-level comparison: missing_<kind> (in the source only), extra_<kind> (in the "
          "destination only) and matching_<kind> for schemas, tables, views, functions and "
          "volumes, as sorted 'schema.name' strings (schemas by name); counts per kind, in_sync, "
          "and warnings for functions or volumes that could not be listed. 404 naming an "
          "unknown catalog; 422 when both catalogs are the same.")
      .body<DiffRequest>()
      .returns(catalogDiffModel())
      .handle([clk](const Request& req, const DiffRequest& body) {
        const auto start = clk->steadyNow();
        const CatalogPair& p = body.catalogs;
        const CallOptions call = pairCall(req, p.warehouseId, *clk, kDiffDeadline);
        const auto ws = req.workspace();
        requireCatalog(*ws, p.source, "Source", call);
        requireCatalog(*ws, p.destination, "Destination", call);
        const auto source = catalogObjects(*ws, p.source, p.excludeSchemas, kDiffWorkers, call);
        const auto destination =
            catalogObjects(*ws, p.destination, p.excludeSchemas, kDiffWorkers, call);
        Json out = diffObjects(source, destination);
        out["source_catalog"] = p.source;
        out["destination_catalog"] = p.destination;
        out["duration_seconds"] = secondsSince(*clk, start);
        return out;
      });

  routes.post("/api/validate")
      .summary("Validate a clone (row counts, optional checksums)")
      .description(
          "Compares every MANAGED and EXTERNAL table of the source's schemas with the same table "
          "in the destination, max_workers at a time: COUNT(*) on both sides and, with "
          "use_checksum, the column lists and an order-independent checksum over every column "
          "(NULL, 'NULL' and '' differ). A table missing from the destination is an error "
          "entry. Answers {total_tables, matched, mismatched, errors, checksum_mismatches, "
          "details [{schema, table, source_count, dest_count, match, checksum_match, error}], "
          "mismatched_tables, duration_seconds}. 404 naming an unknown catalog; 422 when both "
          "catalogs are the same.")
      .body<ValidateRequest>()
      .returns(catalogValidationModel())
      .handle([clk](const Request& req, const ValidateRequest& body) {
        const auto start = clk->steadyNow();
        const CatalogPair& p = body.catalogs;
        const CallOptions call = pairCall(req, p.warehouseId, *clk, kValidateDeadline);
        ValidationOptions options;
        options.excludeSchemas = p.excludeSchemas;
        options.useChecksum = body.useChecksum;
        options.maxWorkers = static_cast<std::size_t>(body.maxWorkers);
        const auto ws = req.workspace();
        Json out = validateCatalog(*ws, p.source, *ws, p.destination, options, call);
        out["source_catalog"] = p.source;
        out["destination_catalog"] = p.destination;
        out["use_checksum"] = options.useChecksum;
        out["duration_seconds"] = secondsSince(*clk, start);
        return out;
      });
}

}  // namespace clxs::analysis
