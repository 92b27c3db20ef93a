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

// A handler whose answer depends on the path parameters only, served through the cache
// under the catalog's name.
auto cachedHandler(Cache& cache, const Clock& clock, std::string kind, Loader load) {
  return [cachePtr = &cache, clk = &clock, kind = std::move(kind),
          load = std::move(load)](const Request& req) {
    const std::string& catalog = req.param("catalog");
    Call c = openCall(req, *clk);
    const std::string key =
        cacheKey(c.scope, {kind, catalog, req.param("schema"), req.param("table")});
    return cachePtr->getOrLoad(catalog, key, [&] { return load(*c.ws, req, c.options); });
  };
}

Model catalogInfoModel() {
  return Model("CatalogInfo")
      .field("name", Field::string().required().describe("Catalog name"))
      .field("storage_root", Field::string().required().nullable().describe(
                                 "Managed storage root, null when the workspace reports none"))
      .field("owner", Field::string().required().nullable().describe("Owner"))
      .field("comment", Field::string().required().nullable().describe("Comment"));
}

Model schemaObjectsModel() {
  const auto names = [](const char* what) {
    return Field::array(Field::string()).required().describe(what);
  };
  return Model("SchemaObjects")
      .field("tables", names("Table names, sorted"))
      .field("views", names("View names, sorted"))
      .field("functions", names("Function names, sorted"))
      .field("volumes", names("Volume names, sorted"));
}

Model tableInfoModel() {
  const auto text = [](const char* what) {
    return Field::string().required().nullable().describe(what);
  };
  return Model("TableDetails")
      .field("name", Field::string().required().describe("Table name"))
      .field("catalog", Field::string().required().describe("Catalog name"))
      .field("schema", Field::string().required().describe("Schema name"))
      .field("table_type", Field::string().required().describe("MANAGED, EXTERNAL, VIEW, ..."))
      .field("owner", text("Owner"))
      .field("storage_location", text("Storage location"))
      .field(
          "columns",
          Field::array(
              Field::object(
                  {{"name", Field::string().describe("Column name")},
                   {"type", Field::string().describe("Column type")},
                   {"column_name", Field::string().describe("Column name (the original's field)")},
                   {"data_type", Field::string().describe("Column type (the original's field)")},
                   {"nullable", Field::boolean().describe("Nullable")},
                   {"comment", Field::string().nullable().describe("Comment")}}))
              .required()
              .describe("Columns in order"))
      .field("properties", Field::object().required().describe("Table properties"))
      .field("comment", text("Comment"))
      .field("data_source_format", text("Upper-case format such as DELTA, or null"))
      .field("size_bytes", Field::integer().required().nullable().describe("Size, when known"))
      .field("view_definition", Field::string().describe("The view's query (views only)"));
}

}  // namespace

void registerExplorerRoutes(Routes& routes, Cache& cache, const Clock& clock) {
  const Clock* clk = &clock;
  routes.get("/api/catalogs")
      .summary("List catalogs")
      .description(
          "Names of every catalog the caller can see, sorted. Not cached, so a new catalog "
          "shows up at once.")
      .returnsList(Field::string().describe("Catalog name"))
      .handle([clk](const Request& req) {
        Call c = openCall(req, *clk);
        return listCatalogs(*c.ws, c.options);
      });

  routes.get("/api/catalogs/{catalog}/schemas")
      .summary("List schemas in a catalog")
      .description(
          "Schema names, sorted, without information_schema and default. 404 naming the "
          "catalog when it does not exist.")
      .pathParam("catalog", nameParam("Catalog name"))
      .returnsList(Field::string().describe("Schema name"))
      .handle(cachedHandler(cache, clock, "schemas",
                            [](Workspace& ws, const Request& req, const CallOptions& o) {
                              return listSchemas(ws, req.param("catalog"), o);
                            }));

  routes.get("/api/catalogs/{catalog}/info")
      .summary("Catalog metadata")
      .description(
          "{name, storage_root, owner, comment} from DESCRIBE CATALOG EXTENDED; storage_root is "
          "null when the workspace reports none (the local workspace keeps no per-catalog "
          "storage root). 404 naming the catalog when it does not exist.")
      .pathParam("catalog", nameParam("Catalog name"))
      .returns(catalogInfoModel())
      .handle(cachedHandler(cache, clock, "info",
                            [](Workspace& ws, const Request& req, const CallOptions& o) {
                              return catalogInfo(ws, req.param("catalog"), o);
                            }));

  routes.get("/api/catalogs/{catalog}/{schema}/tables")
      .summary("List tables in a schema")
      .description(
          "Table names, sorted. Views are not tables here: they are listed by "
          "/api/catalogs/{catalog}/{schema}/objects. 404 naming the schema when it does not "
          "exist.")
      .pathParam("catalog", nameParam("Catalog name"))
      .pathParam("schema", nameParam("Schema name"))
      .returnsList(Field::string().describe("Table name"))
      .handle(cachedHandler(cache, clock, "tables",
                            [](Workspace& ws, const Request& req, const CallOptions& o) {
                              return listTables(ws, req.param("catalog"), req.param("schema"), o);
                            }));

  routes.get("/api/catalogs/{catalog}/{schema}/tables/with-format")
      .summary("List tables with their type and format")
      .description(
          "[{name, table_type, data_source_format}] for the tables of a schema (views "
          "excluded), sorted by name; data_source_format is an upper-case string such as DELTA "
          "or PARQUET, or null when unknown.")
      .pathParam("catalog", nameParam("Catalog name"))
      .pathParam("schema", nameParam("Schema name"))
      .returnsListOf(
          Model("TableWithFormat")
              .field("name", Field::string().describe("Table name"))
              .field("table_type", Field::string().describe("MANAGED, EXTERNAL, VIEW..."))
              .field("data_source_format", Field::string().nullable().describe("DELTA...")))
      .handle(cachedHandler(cache, clock, "tables-with-format",
                            [](Workspace& ws, const Request& req, const CallOptions& o) {
                              return listTablesWithFormat(ws, req.param("catalog"),
                                                          req.param("schema"), o);
                            }));

  routes.get("/api/catalogs/{catalog}/{schema}/objects")
      .summary("List every object in a schema")
      .description(
          "{tables, views, functions, volumes}: sorted names of the schema's cloneable objects. "
          "Read through the Unity Catalog metadata calls, so no SQL warehouse is needed on "
          "Databricks.")
      .pathParam("catalog", nameParam("Catalog name"))
      .pathParam("schema", nameParam("Schema name"))
      .returns(schemaObjectsModel())
      .handle(cachedHandler(
          cache, clock, "objects", [](Workspace& ws, const Request& req, const CallOptions& o) {
            return schemaObjects(ws, req.param("catalog"), req.param("schema"), o);
          }));

  routes.get("/api/catalogs/{catalog}/{schema}/{table}/info")
      .summary("Table metadata")
      .description(
          "{name, catalog, schema, table_type, owner, storage_location, columns [{name, type, "
          "nullable, comment}], properties, comment, data_source_format, size_bytes}, plus "
          "view_definition for views. 404 naming the table when it does not exist.")
      .pathParam("catalog", nameParam("Catalog name"))
      .pathParam("schema", nameParam("Schema name"))
      .pathParam("table", nameParam("Table name"))
      .returns(tableInfoModel())
      .handle(cachedHandler(
          cache, clock, "table-info", [](Workspace& ws, const Request& req, const CallOptions& o) {
            return tableInfo(ws, req.param("catalog"), req.param("schema"), req.param("table"), o);
          }));

  registerUcObjectsRoute(routes, clock);
}

}  // namespace clxs::explorer
