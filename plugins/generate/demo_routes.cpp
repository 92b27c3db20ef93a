#include "plugins/generate/demo_routes.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

#include "clxs/cache.hpp"
#include "clxs/events.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "clxs/workspace.hpp"
#include "plugins/generate/demo_catalogs.hpp"
#include "plugins/generate/demo_job.hpp"
#include "plugins/generate/demo_request.hpp"

namespace clxs::generate {
namespace {

CallOptions callOptions(const Request& req, const std::optional<std::string>& warehouse) {
  CallOptions o;
  o.warehouseId = warehouse.value_or(req.credentials().warehouseId);
  return o;
}

bool catalogExists(Workspace& ws, const std::string& name, const CallOptions& options) {
  const auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  const auto catalogs = ws.catalog().catalogs(options);
  return std::any_of(catalogs.begin(), catalogs.end(),
                     [&](const CatalogInfo& c) { return lower(c.name) == lower(name); });
}

struct DemoDataSubmitted {
  std::string jobId;
  std::string status = "queued";
  std::string message = "Demo data generation submitted";
  static const Schema<DemoDataSubmitted>& schema() {
    static const auto s =
        Schema<DemoDataSubmitted>("DemoDataSubmitted")
            .field("job_id", &DemoDataSubmitted::jobId,
                   Field::string().required().describe("Follow it with GET /api/clone/{job_id}"))
            .field("status", &DemoDataSubmitted::status,
                   Field::string().required().describe("Always queued"))
            .field(
                "message", &DemoDataSubmitted::message,
                Field::string().required().describe("Always \"Demo data generation submitted\""));
    return s;
  }
};

Model demoCatalogsModel() {
  return Model("DemoCatalogs")
      .field(
          "catalogs",
          Field::array(Field::object())
              .required()
              .describe("Per catalog: {name, owner, comment, created_at, is_demo, num_demo_tables, "
                        "num_schemas, num_tables, error}"))
      .field("demo_only", Field::boolean().required().describe("The demo_only asked for"))
      .field("total", Field::integer().required().describe("Catalogs listed"));
}

Model demoCatalogRemovedModel() {
  const auto count = [](const char* what) { return Field::integer().required().describe(what); };
  return Model("DemoCatalogRemoved")
      .field("catalog", Field::string().required().describe("The catalog dropped"))
      .field("status", Field::string().required().describe("Always cleaned"))
      .field("schemas_dropped", count("Schemas it had"))
      .field("tables_dropped", count("Tables it had"))
      .field("views_dropped", count("Views it had"));
}

}  // namespace

void registerDemoDataRoutes(Host& host) {
  Jobs* jobs = &host.jobs();
  Events* events = &host.events();
  Cache* cache = &host.cache();

  host.routes()
      .post("/api/generate/demo-data")
      .summary("Generate a demo catalog with synthetic data across multiple industries.")
      .description(
          "Submits a demo_data job (follow it with GET /api/clone/{job_id}). Rows are generated "
          "inside the engine with set-based INSERT ... SELECT over range(), in batches of "
          "batch_size on max_workers threads; every table carries the property "
          "demo.generated_by = 'clone-xs'. An existing catalog is 409 unless drop_existing is "
          "true. With dest_catalog, a successful run publishes demo_data.generated so the "
          "generated catalog is cloned there.")
      .body<DemoRequest>()
      .returns<DemoDataSubmitted>()
      .mutates()
      .handle([jobs, events, cache](const Request& req, const DemoRequest& body) {
        const DemoRequest request = body.normalised();
        CallOptions options = callOptions(req, request.warehouseId);
        std::shared_ptr<Workspace> ws = req.workspace();
        // Decided before queuing: no warehouse named and none or several to choose from is
        // this request's 400, not a failed job.
        const WarehouseChoice warehouse = ws->sql().warehouse(options);
        if (options.warehouseId.empty()) options.warehouseId = warehouse.id;
        if (!request.dropExisting && catalogExists(*ws, request.catalog, options)) {
          throw conflict("Catalog '" + request.catalog +
                         "' already exists; set drop_existing to true to replace it");
        }
        JobSpec spec;
        spec.type = "demo_data";
        spec.params = DemoRequest::schema().toJson(request);
        spec.labels = {{"source_catalog", request.catalog},
                       {"destination_catalog", request.destCatalog.value_or("")}};
        spec.writes = {catalogWrite(request.catalog)};
        const std::string id = jobs->submit(
            std::move(spec), [ws, request, options, events, cache, warehouse](JobContext& ctx) {
              if (warehouse.onlyOne) ctx.log(onlyWarehouseNote(warehouse));
              auto publish = [events](const events::DemoDataGenerated& generated) {
                events->publish(generated);
              };
              JobOutcome outcome = runDemoJob(*ws, request, ctx, options, publish);
              cache->invalidate(request.catalog);
              return outcome;
            });
        return DemoDataSubmitted{.jobId = id};
      });

  host.routes()
      .get("/api/generate/demo-data/catalogs")
      .summary("List catalogs the caller can read, with metadata and a demo flag.")
      .description(
          "Probes every catalog in parallel for tables tagged demo.generated_by = 'clone-xs'. A "
          "failed probe (e.g. permission denied) fills that row's error; the listing itself "
          "does not fail.")
      .query("demo_only", Field::boolean().defaultsTo(false).describe(
                              "When true, returns only catalogs with is_demo=true"))
      .returns(demoCatalogsModel())
      .handle([](const Request& req) {
        const bool demoOnly = req.query().value("demo_only", false);
        return listDemoCatalogs(*req.workspace(), demoOnly, callOptions(req, std::nullopt));
      });

  host.routes()
      .del("/api/generate/demo-data/{catalog_name}")
      .summary("Remove a demo catalog and all its contents.")
      .description(
          "Counts the schemas and tables, then runs DROP CATALOG ... CASCADE. 404 for an "
          "unknown catalog; 409 for a catalog without tables generated by clone-xs, so a real "
          "catalog is never dropped here.")
      .pathParam("catalog_name", Field::string().required().identifier().describe("Demo catalog"))
      .returns(demoCatalogRemovedModel())
      .mutates()
      .handle([cache](const Request& req) {
        const std::string& name = req.param("catalog_name");
        Json result = cleanupDemoCatalog(*req.workspace(), name, callOptions(req, std::nullopt));
        cache->invalidate(result["catalog"].get<std::string>());
        return result;
      });
}

}  // namespace clxs::generate
