#include "plugins/observability/health_routes.hpp"

#include <chrono>
#include <string>

#include "clxs/http.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/freshness_scan.hpp"
#include "plugins/observability/health_score.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {

void registerHealthRoutes(Routes& routes, std::shared_ptr<IncidentStore> incidents,
                          const Clock& clock) {
  const Clock* clk = &clock;
  routes.get("/api/data-quality/health-score/{catalog}")
      .summary("Data-quality health of a catalog")
      .description(
          "0–100 from the freshness of its tables now (weight 0.4), its unresolved anomaly "
          "incidents (0.3) and its unresolved failing-check incidents (0.3), renormalised over "
          "the components with evidence; healthy ≥ 90, warning ≥ 70, else critical. Each "
          "component gives its score, evidence and rule, and each deduction is listed. Reads "
          "only.")
      .returns(healthModel())
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .query("max_stale_hours",
             Field::number().min(0).defaultsTo(24).describe("Stale past this many hours"))
      .handle([incidents, clk](const Request& req) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, std::chrono::seconds(300));
        const auto& catalog = req.param("catalog");
        const auto schema = queryText(req, "schema");
        const auto now = clk->now();
        const FreshnessPolicy policy{queryNumber(req, "max_stale_hours", 24), 3};
        const auto freshness = measureFreshness(*ws, catalogTables(*ws, catalog, schema, options),
                                                policy, now, options);
        auto out = healthOf(freshness, incidents->unresolvedIn(catalog, schema));
        out["catalog"] = catalog;
        out["schema_filter"] = schema.empty() ? Json() : Json(schema);
        out["max_stale_hours"] = policy.maxStaleHours;
        out["checked_at"] = isoUtc(now);
        return out;
      });
}

}  // namespace clxs::observability
