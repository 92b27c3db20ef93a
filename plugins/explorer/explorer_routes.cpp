#include "plugins/explorer/explorer_routes.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clxs/http.hpp"
#include "clxs/workspace.hpp"
#include "plugins/explorer/cache_scope.hpp"
#include "plugins/explorer/catalog_browser.hpp"
#include "plugins/explorer/uc_objects.hpp"

namespace clxs::explorer {
namespace {

// Metadata calls are interactive (the explorer pages wait on them).
constexpr std::chrono::seconds kDeadline{120};

Field nameParam(const std::string& description) {
  return Field::string().required().identifier().describe(description);
}

RouteSpec route(std::string path, std::string summary, std::string description,
                std::vector<std::string> params) {
  RouteSpec spec;
  spec.method = Method::Get;
  spec.path = std::move(path);
  spec.summary = std::move(summary);
  spec.description = std::move(description);
  for (auto& p : params) {
    const std::string what = p == "catalog"  ? "Catalog name"
                             : p == "schema" ? "Schema name"
                                             : "Table name";
    spec.pathParams.emplace_back(std::move(p), nameParam(what));
  }
  return spec;
}

// What a handler needs besides the request: the workspace, call options and cache scope.
struct Call {
  std::shared_ptr<Workspace> ws;
  CallOptions options;
  std::string scope;
};

Call openCall(const Request& req, const Clock& clock) {
  Call c;
  c.ws = req.workspace();
  c.options.deadline = clock.steadyNow() + kDeadline;
  c.options.warehouseId = req.credentials().warehouseId;
  c.scope = cacheScope(req.credentials(), *c.ws);
  return c;
}

// Computes a route's answer from the workspace and the request's path parameters.
using Loader = std::function<Json(Workspace&, const Request&, const CallOptions&)>;

// Adds a cached route whose answer depends on the path parameters only.
void addCached(Routes& routes, Cache& cache, const Clock& clock, RouteSpec spec, std::string kind,
               Loader load) {
  Cache* cachePtr = &cache;
  const Clock* clk = &clock;
  routes.add(std::move(spec),
             [cachePtr, clk, kind = std::move(kind),
              load = std::move(load)](const Request& req) -> Response {
               const std::string& catalog = req.param("catalog");
               Call c = openCall(req, *clk);
               const std::string key =
                   cacheKey(c.scope, {kind, catalog, req.param("schema"), req.param("table")});
               return cachePtr->getOrLoad(catalog, key,
                                          [&] { return load(*c.ws, req, c.options); });
             });
}

}  // namespace

void registerExplorerRoutes(Routes& routes, Cache& cache, const Clock& clock) {
  const Clock* clk = &clock;
  routes.add(route("/api/catalogs", "List catalogs",
                   "Names of every catalog the caller can see, sorted. Not cached, so a new "
                   "catalog shows up at once.",
                   {}),
             [clk](const Request& req) -> Response {
               Call c = openCall(req, *clk);
               return listCatalogs(*c.ws, c.options);
             });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/schemas", "List schemas in a catalog",
                  "Schema names, sorted, without information_schema and default. 404 naming "
                  "the catalog when it does not exist.",
                  {"catalog"}),
            "schemas", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return listSchemas(ws, req.param("catalog"), o);
            });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/info", "Catalog metadata",
                  "{name, storage_root, owner, comment} from DESCRIBE CATALOG EXTENDED; "
                  "storage_root is null when the workspace reports none (the local workspace "
                  "keeps no per-catalog storage root). 404 naming the catalog when it does not "
                  "exist.",
                  {"catalog"}),
            "info", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return catalogInfo(ws, req.param("catalog"), o);
            });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/{schema}/tables", "List tables in a schema",
                  "Table names, sorted. Views are not tables here: they are listed by "
                  "/api/catalogs/{catalog}/{schema}/objects. 404 naming the schema when it does "
                  "not exist.",
                  {"catalog", "schema"}),
            "tables", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return listTables(ws, req.param("catalog"), req.param("schema"), o);
            });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/{schema}/tables/with-format",
                  "List tables with their type and format",
                  "[{name, table_type, data_source_format}] for the tables of a schema (views "
                  "excluded), sorted by name; data_source_format is an upper-case string such as "
                  "DELTA or PARQUET, or null when unknown.",
                  {"catalog", "schema"}),
            "tables-with-format", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return listTablesWithFormat(ws, req.param("catalog"), req.param("schema"), o);
            });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/{schema}/objects", "List every object in a schema",
                  "{tables, views, functions, volumes}: sorted names of the schema's cloneable "
                  "objects. Read through the Unity Catalog metadata calls, so no SQL warehouse is "
                  "needed on Databricks.",
                  {"catalog", "schema"}),
            "objects", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return schemaObjects(ws, req.param("catalog"), req.param("schema"), o);
            });

  addCached(routes, cache, clock,
            route("/api/catalogs/{catalog}/{schema}/{table}/info", "Table metadata",
                  "{name, catalog, schema, table_type, owner, storage_location, columns [{name, "
                  "type, nullable, comment}], properties, comment, data_source_format, "
                  "size_bytes}, plus view_definition for views. 404 naming the table when it "
                  "does not exist.",
                  {"catalog", "schema", "table"}),
            "table-info", [](Workspace& ws, const Request& req, const CallOptions& o) {
              return tableInfo(ws, req.param("catalog"), req.param("schema"), req.param("table"),
                               o);
            });

  registerUcObjectsRoute(routes, clock);
}

}  // namespace clxs::explorer
