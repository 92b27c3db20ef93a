#include "plugins/analysis/analysis_drift_routes.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/analysis/analysis_request.hpp"
#include "plugins/analysis/catalog_diff.hpp"
#include "plugins/analysis/catalog_monitor.hpp"
#include "plugins/analysis/catalog_tables.hpp"
#include "plugins/analysis/catalog_validation.hpp"
#include "plugins/analysis/column_drift.hpp"
#include "plugins/analysis/drift_reports.hpp"

namespace clxs::analysis {
namespace {

// Column comparisons read metadata only; a monitor check with counts scans every table.
constexpr std::chrono::minutes kMetadataDeadline{10};
constexpr std::chrono::hours kCountDeadline{2};
constexpr std::size_t kWorkers = 4;

// The drift of the tables two existing catalogs have in common, from one listing per side.
struct ColumnComparison {
  CatalogTables source;
  CatalogTables destination;
  std::vector<TableDrift> drifts;
};

ColumnComparison compareCatalogColumns(Workspace& ws, const PairRequest& p) {
  requireCatalog(ws, p.source, "Source", p.call);
  requireCatalog(ws, p.destination, "Destination", p.call);
  ColumnComparison c;
  c.source = catalogTables(ws, p.source, p.excludeSchemas, kWorkers, p.call);
  c.destination = catalogTables(ws, p.destination, p.excludeSchemas, kWorkers, p.call);
  c.drifts = driftOfCommonTables(c.source, c.destination);
  return c;
}

Json finish(Json out, const PairRequest& p, const Clock& clock,
            std::chrono::steady_clock::time_point start) {
  out["source_catalog"] = p.source;
  out["destination_catalog"] = p.destination;
  out["duration_seconds"] = secondsSince(clock, start);
  return out;
}

// exclude_schemas of the configuration when it is a list of names, else the spec default.
std::vector<std::string> configuredExcludes(const ConfigView& config) {
  Json configured = config.value("exclude_schemas", defaultExcludeSchemas());
  if (!configured.is_array()) configured = defaultExcludeSchemas();
  std::vector<std::string> out;
  for (const auto& s : configured) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

RouteSpec post(std::string path, std::string summary, std::string description) {
  RouteSpec spec;
  spec.method = Method::Post;
  spec.path = std::move(path);
  spec.summary = std::move(summary);
  spec.description = std::move(description);
  return spec;
}

}  // namespace

Model compareRequestModel() {
  return pairModel("CompareRequest");
}

Model schemaDriftRequestModel() {
  return pairModel("SchemaDriftRequest");
}

Model diffDetailRequestModel() {
  return pairModel("DiffDetailRequest");
}

std::vector<std::pair<std::string, Field>> monitorQuery() {
  return {
      {"source_catalog", Field::string().required().identifier().describe("Source catalog")},
      {"destination_catalog", Field::string().required().identifier().describe(
                                  "Destination catalog; must differ from the source")},
      {"warehouse_id", Field::string().describe("SQL warehouse ID (default: header, then config)")},
      {"check_drift",
       Field::boolean().defaultsTo(true).describe("Compare the columns of the common tables")},
      {"check_counts", Field::boolean().defaultsTo(false).describe(
                           "COUNT(*) every common table on both sides and report mismatches")}};
}

void registerDriftRoutes(Routes& routes, const Clock& clock, const ConfigView& config) {
  const Clock* clk = &clock;
  const ConfigView* cfg = &config;

  RouteSpec compare = post(
      "/api/compare", "Compare the columns of two catalogs",
      "For every table (views excluded) under the same schema and name in both catalogs, "
      "compares column names (without regard to case), types (case and spaces ignored), "
      "nullability and order: tables [{schema, table, table_fqn, match, source_columns, "
      "dest_columns, missing_columns, extra_columns, type_changes, nullability_changes, "
      "moved_columns, error}], missing_tables and extra_tables (not compared), summary totals, "
      "in_sync, duration_seconds. Positions are 0-based like information_schema; moved_columns "
      "holds the fewest columns whose moving explains the new order. A table one side lists "
      "without columns gets an error instead of invented drift. 404 naming an unknown catalog; "
      "422 when both catalogs are the same.");
  compare.body = compareRequestModel();
  routes.add(std::move(compare), [clk](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const PairRequest p = readPair(req, req.body(), "body", *clk, kMetadataDeadline);
    const auto ws = req.workspace();
    const ColumnComparison c = compareCatalogColumns(*ws, p);
    return finish(compareReport(c.source, c.destination, c.drifts), p, *clk, start);
  });

  RouteSpec drift =
      post("/api/schema-drift", "Detect column drift between two catalogs",
           "The destination relative to the source, for the tables both have: added_columns "
           "(destination only), removed_columns (source only), modified_columns (type or "
           "nullability changed) and moved_columns per drifted table in tables; the same as flat "
           "rows in drifts [{schema, table, column, change_type ADDED|REMOVED|MODIFIED|MOVED, "
           "old_type, new_type}]; summary {tables_checked, tables_with_drift, added_columns, "
           "removed_columns, modified_columns, moved_columns, total_drift_count}; errors; in_sync. "
           "404 naming an unknown catalog; 422 when both catalogs are the same.");
  drift.body = schemaDriftRequestModel();
  routes.add(std::move(drift), [clk](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const PairRequest p = readPair(req, req.body(), "body", *clk, kMetadataDeadline);
    const auto ws = req.workspace();
    const ColumnComparison c = compareCatalogColumns(*ws, p);
    return finish(schemaDriftReport(c.drifts), p, *clk, start);
  });

  RouteSpec detail =
      post("/api/diff-detail", "Object diff, column drift and size delta in one answer",
           "The object-level diff of POST /api/diff as {missing, extra, matching} per kind "
           "(schemas, tables, views, functions, volumes), then drift: the common tables whose "
           "columns differ or whose size (bytes) or row count differs, where the workspace "
           "reports them (sizes from the table listing or spark.sql.statistics.totalSize, row "
           "counts from spark.sql.statistics.numRows; null when unknown), with added_columns, "
           "removed_columns, type_changes, nullability_changes, order_changed and the deltas "
           "(destination minus source); summary totals; drift_errors for tables whose columns "
           "could not be read; in_sync (objects and columns; sizes do not count). 404 naming an "
           "unknown catalog; 422 when both catalogs are the same.");
  detail.body = diffDetailRequestModel();
  routes.add(std::move(detail), [clk](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const PairRequest p = readPair(req, req.body(), "body", *clk, kMetadataDeadline);
    const auto ws = req.workspace();
    requireCatalog(*ws, p.source, "Source", p.call);
    requireCatalog(*ws, p.destination, "Destination", p.call);
    const auto source = catalogObjects(*ws, p.source, p.excludeSchemas, kWorkers, p.call);
    const auto destination = catalogObjects(*ws, p.destination, p.excludeSchemas, kWorkers, p.call);
    const Json diff = diffObjects(source, destination);
    const auto drifts = driftOfCommonTables(source.listing, destination.listing);
    return finish(diffDetailReport(diff, drifts), p, *clk, start);
  });

  RouteSpec monitor =
      post("/api/monitor", "Run one monitoring check between two catalogs",
           "Takes query parameters, not a body. Reports missing and extra objects, column drift "
           "of the common tables (check_drift) and row-count mismatches of the common MANAGED and "
           "EXTERNAL tables (check_counts), with status in_sync, drift_detected (something "
           "differs) or incomplete (nothing differs but some table could not be checked), issues "
           "(one sentence each), checked_at and duration_seconds. Schemas in the configuration's "
           "exclude_schemas (default information_schema, default) are skipped. 404 naming an "
           "unknown catalog; 422 when both catalogs are the same.");
  monitor.query = monitorQuery();
  routes.add(std::move(monitor), [clk, cfg](const Request& req) -> Response {
    const auto start = clk->steadyNow();
    const Json& query = req.query();
    MonitorOptions options;
    options.checkDrift = query.value("check_drift", true);
    options.checkCounts = query.value("check_counts", false);
    options.workers = kWorkers;
    const PairRequest p =
        readPair(req, query, "query", *clk,
                 options.checkCounts ? std::chrono::steady_clock::duration(kCountDeadline)
                                     : std::chrono::steady_clock::duration(kMetadataDeadline));
    options.excludeSchemas = configuredExcludes(*cfg);
    const auto ws = req.workspace();
    requireCatalog(*ws, p.source, "Source", p.call);
    requireCatalog(*ws, p.destination, "Destination", p.call);
    Json out = monitorCatalogs(*ws, p.source, p.destination, options, clk->now(), p.call);
    out["duration_seconds"] = secondsSince(*clk, start);
    return out;
  });
}

}  // namespace clxs::analysis
