#include "plugins/analysis/analysis_drift_routes.hpp"

#include <chrono>
#include <memory>
#include <optional>
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

constexpr char kCompareRequestName[] = "CompareRequest";
constexpr char kSchemaDriftRequestName[] = "SchemaDriftRequest";
constexpr char kDiffDetailRequestName[] = "DiffDetailRequest";
using CompareRequest = PairOnlyRequest<kCompareRequestName>;
using SchemaDriftRequest = PairOnlyRequest<kSchemaDriftRequestName>;
using DiffDetailRequest = PairOnlyRequest<kDiffDetailRequestName>;

// The drift of the tables two existing catalogs have in common, from one listing per side.
struct ColumnComparison {
  CatalogTables source;
  CatalogTables destination;
  std::vector<TableDrift> drifts;
};

ColumnComparison compareCatalogColumns(Workspace& ws, const CatalogPair& p,
                                       const CallOptions& call) {
  requireCatalog(ws, p.source, "Source", call);
  requireCatalog(ws, p.destination, "Destination", call);
  ColumnComparison c;
  c.source = catalogTables(ws, p.source, p.excludeSchemas, kWorkers, call);
  c.destination = catalogTables(ws, p.destination, p.excludeSchemas, kWorkers, call);
  c.drifts = driftOfCommonTables(c.source, c.destination);
  return c;
}

Json finish(Json out, const CatalogPair& p, const Clock& clock,
            std::chrono::steady_clock::time_point start) {
  out["source_catalog"] = p.source;
  out["destination_catalog"] = p.destination;
  out["duration_seconds"] = secondsSince(clock, start);
  return out;
}

// exclude_schemas of the configuration when it is a list of names, else the spec default.
std::vector<std::string> configuredExcludes(const ConfigView& config) {
  const Json configured = config.value("exclude_schemas", Json());
  if (!configured.is_array()) return CatalogPair{}.excludeSchemas;
  std::vector<std::string> out;
  for (const auto& s : configured) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

// The fields every pair report ends with (finish()).
Model& withPairFields(Model& m) {
  return m.field("source_catalog", Field::string().required().describe("Source catalog"))
      .field("destination_catalog", Field::string().required().describe("Destination catalog"))
      .field("duration_seconds", Field::number().required().describe("Time taken"));
}

Model compareModel() {
  Model m("ColumnComparison");
  m.field("tables",
          Field::array(Field::object())
              .required()
              .describe("Per common table: {schema, table, table_fqn, match, source_columns, "
                        "dest_columns, missing_columns, extra_columns, type_changes, "
                        "nullability_changes, moved_columns, error}"))
      .field("missing_tables", Field::array(Field::string())
                                   .required()
                                   .describe("'schema.table' in the source only (not compared)"))
      .field("extra_tables", Field::array(Field::string())
                                 .required()
                                 .describe("'schema.table' in the destination only (not compared)"))
      .field("summary", Field::object().required().describe("Totals over the tables"))
      .field("in_sync", Field::boolean().required().describe("Whether nothing differs"));
  return withPairFields(m);
}

Model schemaDriftModel() {
  Model m("SchemaDriftReport");
  m.field("tables",
          Field::array(Field::object())
              .required()
              .describe("Per drifted table: added_columns, removed_columns, modified_columns, "
                        "moved_columns, order_changed"))
      .field("drifts",
             Field::array(Field::object())
                 .required()
                 .describe("Flat rows {schema, table, column, change_type, old_type, new_type}"))
      .field("summary", Field::object().required().describe(
                            "{tables_checked, tables_with_drift, added_columns, removed_columns, "
                            "modified_columns, moved_columns, total_drift_count}"))
      .field("errors",
             Field::array(Field::object())
                 .required()
                 .describe("{table_fqn, error} for tables whose columns could not be read"))
      .field("in_sync", Field::boolean().required().describe("Whether nothing drifted"));
  return withPairFields(m);
}

Model diffDetailModel() {
  Model m("DiffDetailReport");
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    m.field(kind, Field::object().required().describe("{missing, extra, matching} name lists"));
  }
  m.field("drift", Field::array(Field::object())
                       .required()
                       .describe("Common tables whose columns, size or row count differ"))
      .field("summary", Field::object().required().describe("Totals over the common tables"))
      .field("in_sync",
             Field::boolean().required().describe("Objects and columns match (sizes do not count)"))
      .field("drift_errors",
             Field::array(Field::object())
                 .required()
                 .describe("{table_fqn, error} for tables whose columns could not be read"))
      .field("warnings", Field::array(Field::string())
                             .required()
                             .describe("Functions or volumes that could not be listed"));
  return withPairFields(m);
}

Model monitorModel() {
  const auto names = [](const char* what) {
    return Field::array(Field::string()).required().describe(what);
  };
  return Model("MonitorCheck")
      .field("source_catalog", Field::string().required().describe("Source catalog"))
      .field("destination_catalog", Field::string().required().describe("Destination catalog"))
      .field("checked_at", Field::string().required().describe("When the check ran (ISO 8601)"))
      .field("missing_schemas", names("Schemas in the source only"))
      .field("extra_schemas", names("Schemas in the destination only"))
      .field("missing_tables", names("Tables in the source only"))
      .field("extra_tables", names("Tables in the destination only"))
      .field("missing_views", names("Views in the source only"))
      .field("extra_views", names("Views in the destination only"))
      .field("diff", Field::object().required().describe(
                         "{missing_in_dest, extra_in_dest, counts} over every kind"))
      .field("drift", Field::object().required().nullable().describe(
                          "Column drift of the common tables; null without check_drift"))
      .field("count_mismatches", Field::array(Field::object())
                                     .required()
                                     .nullable()
                                     .describe("Row-count mismatches; null without check_counts"))
      .field("count_errors",
             Field::array(Field::object())
                 .required()
                 .nullable()
                 .describe("Tables that could not be counted; null without check_counts"))
      .field("status", Field::string()
                           .required()
                           .oneOf({"in_sync", "drift_detected", "incomplete"})
                           .describe("The outcome"))
      .field("in_sync", Field::boolean().required().describe("Whether status is in_sync"))
      .field("total_tables", Field::integer().required().describe("Tables in the source"))
      .field("matched_tables",
             Field::integer().required().describe("Source tables the destination has too"))
      .field("drifted_tables",
             Field::array(Field::object({{"table", Field::string().describe("schema.table")},
                                         {"reason", Field::string().describe("What drifted")}}))
                 .required()
                 .describe("Tables whose columns drifted (empty without check_drift)"))
      .field("issues", names("One sentence per difference or failure"))
      .field("checks", Field::object().required().describe("{drift, counts}: what was checked"))
      .field("warnings", names("Functions or volumes that could not be listed"))
      .field("duration_seconds", Field::number().required().describe("Time taken"));
}

// A field of POST /api/monitor, which comes either as a query parameter or in the body, so
// neither form requires it: the handler does.
Field monitorField(Field f, const char* description) {
  f.nullable().describe(description);
  return f;
}

}  // namespace

void registerDriftRoutes(Routes& routes, const Clock& clock, const ConfigView& config) {
  const Clock* clk = &clock;
  const ConfigView* cfg = &config;

  routes.post("/api/compare")
      .summary("Compare the columns of two catalogs")
      .description(
          "For every table (views excluded) under the same schema and name in both catalogs, "
          "compares column names (without regard to case), types (case and spaces ignored), "
          "nullability and order: tables [{schema, table, table_fqn, match, source_columns, "
          "dest_columns, missing_columns, extra_columns, type_changes, nullability_changes, "
          "moved_columns, error}], missing_tables and extra_tables (not compared), summary "
          "totals, in_sync, duration_seconds. Positions are 0-based like information_schema; "
          "moved_columns holds the fewest columns whose moving explains the new order. A table "
          "one side lists without columns gets an error instead of invented drift. 404 naming "
          "an unknown catalog; 422 when both catalogs are the same.")
      .body<CompareRequest>()
      .returns(compareModel())
      .handle([clk](const Request& req, const CompareRequest& body) {
        const auto start = clk->steadyNow();
        const CatalogPair& p = body.catalogs;
        const CallOptions call = pairCall(req, p.warehouseId, *clk, kMetadataDeadline);
        const auto ws = req.workspace();
        const ColumnComparison c = compareCatalogColumns(*ws, p, call);
        return finish(compareReport(c.source, c.destination, c.drifts), p, *clk, start);
      });

  routes.post("/api/schema-drift")
      .summary("Detect column drift between two catalogs")
      .description(
          "The destination relative to the source, for the tables both have: added_columns "
          "(destination only), removed_columns (source only), modified_columns (type or "
          "nullability changed) and moved_columns per drifted table in tables; the same as flat "
          "rows in drifts [{schema, table, column, change_type ADDED|REMOVED|MODIFIED|MOVED, "
          "old_type, new_type}]; summary {tables_checked, tables_with_drift, added_columns, "
          "removed_columns, modified_columns, moved_columns, total_drift_count}; errors; "
          "in_sync. 404 naming an unknown catalog; 422 when both catalogs are the same.")
      .body<SchemaDriftRequest>()
      .returns(schemaDriftModel())
      .handle([clk](const Request& req, const SchemaDriftRequest& body) {
        const auto start = clk->steadyNow();
        const CatalogPair& p = body.catalogs;
        const CallOptions call = pairCall(req, p.warehouseId, *clk, kMetadataDeadline);
        const auto ws = req.workspace();
        const ColumnComparison c = compareCatalogColumns(*ws, p, call);
        return finish(schemaDriftReport(c.drifts), p, *clk, start);
      });

  routes.post("/api/diff-detail")
      .summary("Object diff, column drift and size delta in one answer")
      .description(
          "The object-level diff of POST /api/diff as {missing, extra, matching} per kind "
          "(schemas, tables, views, functions, volumes), then drift: the common tables whose "
          "columns differ or whose size (bytes) or row count differs, where the workspace "
          "reports them (sizes from the table listing or spark.sql.statistics.totalSize, row "
          "counts from spark.sql.statistics.numRows; null when unknown), with added_columns, "
          "removed_columns, type_changes, nullability_changes, order_changed and the deltas "
          "(destination minus source); summary totals; drift_errors for tables whose columns "
          "could not be read; in_sync (objects and columns; sizes do not count). 404 naming an "
          "unknown catalog; 422 when both catalogs are the same.")
      .body<DiffDetailRequest>()
      .returns(diffDetailModel())
      .handle([clk](const Request& req, const DiffDetailRequest& body) {
        const auto start = clk->steadyNow();
        const CatalogPair& p = body.catalogs;
        const CallOptions call = pairCall(req, p.warehouseId, *clk, kMetadataDeadline);
        const auto ws = req.workspace();
        requireCatalog(*ws, p.source, "Source", call);
        requireCatalog(*ws, p.destination, "Destination", call);
        const auto source = catalogObjects(*ws, p.source, p.excludeSchemas, kWorkers, call);
        const auto destination =
            catalogObjects(*ws, p.destination, p.excludeSchemas, kWorkers, call);
        const Json diff = diffObjects(source, destination);
        const auto drifts = driftOfCommonTables(source.listing, destination.listing);
        return finish(diffDetailReport(diff, drifts), p, *clk, start);
      });

  routes.post("/api/monitor")
      .summary("Run one monitoring check between two catalogs")
      .description(
          "Takes query parameters (the spec's form) or the same fields as a JSON body (the "
          "original web UI's form; a query parameter wins). Reports missing and extra objects, "
          "the source's table count and how many the destination has, column drift "
          "of the common tables (check_drift) and row-count mismatches of the common MANAGED "
          "and EXTERNAL tables (check_counts), with status in_sync, drift_detected (something "
          "differs) or incomplete (nothing differs but some table could not be checked), "
          "issues (one sentence each), checked_at and duration_seconds. Schemas in the "
          "configuration's exclude_schemas (default information_schema, default) are skipped. "
          "404 naming an unknown catalog; 422 when both catalogs are the same.")
      .query("source_catalog", monitorField(Field::string().identifier(), "Source catalog"))
      .query("destination_catalog",
             monitorField(Field::string().identifier(),
                          "Destination catalog; must differ from the source"))
      .query("warehouse_id",
             monitorField(Field::string(), "SQL warehouse ID (default: header, then config)"))
      .query("check_drift", monitorField(Field::boolean(),
                                         "Compare the columns of the common tables (default "
                                         "true)"))
      .query("check_counts",
             monitorField(Field::boolean(),
                          "COUNT(*) every common table on both sides and report mismatches "
                          "(default false)"))
      .body(
          Model("MonitorRequest")
              .field("source_catalog", monitorField(Field::string().identifier(), "Source catalog"))
              .field("destination_catalog",
                     monitorField(Field::string().identifier(), "Destination catalog"))
              .field("warehouse_id", monitorField(Field::string(), "SQL warehouse ID"))
              .field("check_drift", monitorField(Field::boolean(), "Compare columns"))
              .field("check_counts", monitorField(Field::boolean(), "Compare row counts")))
      .returns(monitorModel())
      .handle([clk, cfg](const Request& req) {
        const auto start = clk->steadyNow();
        // A query parameter wins over the same field of the body.
        const auto given = [&req](const char* name) -> Json {
          if (req.query().contains(name) && !req.query()[name].is_null()) {
            return req.query()[name];
          }
          if (req.body().is_object() && req.body().contains(name)) return req.body()[name];
          return Json();
        };
        const auto text = [&](const char* name) {
          const Json& v = given(name);
          return v.is_string() ? v.get<std::string>() : std::string();
        };
        const auto flag = [&](const char* name, bool fallback) {
          const Json& v = given(name);
          return v.is_boolean() ? v.get<bool>() : fallback;
        };
        MonitorOptions options;
        options.checkDrift = flag("check_drift", true);
        options.checkCounts = flag("check_counts", false);
        options.workers = kWorkers;
        const std::string source = text("source_catalog");
        const std::string destination = text("destination_catalog");
        const char* where = req.query().contains("source_catalog") ? "query" : "body";
        Json missing = Json::array();
        for (const char* name : {"source_catalog", "destination_catalog"}) {
          if (text(name).empty()) {
            missing.push_back(Json{{"loc", Json::array({where, name})},
                                   {"msg", "Field required"},
                                   {"type", "missing"}});
          }
        }
        if (!missing.empty()) {
          throw HttpError(422, missing, "source_catalog and destination_catalog are required");
        }
        requireDistinct(source, destination, where);
        const Json warehouse = given("warehouse_id");
        const CallOptions call = pairCall(
            req, warehouse.is_string() ? std::optional(warehouse.get<std::string>()) : std::nullopt,
            *clk,
            options.checkCounts ? std::chrono::steady_clock::duration(kCountDeadline)
                                : std::chrono::steady_clock::duration(kMetadataDeadline));
        options.excludeSchemas = configuredExcludes(*cfg);
        const auto ws = req.workspace();
        requireCatalog(*ws, source, "Source", call);
        requireCatalog(*ws, destination, "Destination", call);
        Json out = monitorCatalogs(*ws, source, destination, options, clk->now(), call);
        out["duration_seconds"] = secondsSince(*clk, start);
        return out;
      });
}

}  // namespace clxs::analysis
