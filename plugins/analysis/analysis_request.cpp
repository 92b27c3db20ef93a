#include "plugins/analysis/analysis_request.hpp"

#include <cmath>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::analysis {

const Schema<CatalogPair>& CatalogPair::schema() {
  static const auto s =
      Schema<CatalogPair>("CatalogPair")
          .field("source_catalog", &CatalogPair::source,
                 Field::string().required().identifier().describe("Source catalog"))
          .field("destination_catalog", &CatalogPair::destination,
                 Field::string().required().identifier().describe(
                     "Destination catalog; must differ from the source"))
          .field("warehouse_id", &CatalogPair::warehouseId,
                 Field::string().describe(
                     "SQL warehouse ID (default: X-Databricks-Warehouse header, then config "
                     "sql_warehouse_id)"))
          .field("exclude_schemas", &CatalogPair::excludeSchemas,
                 Field::array(Field::string().identifier())
                     .describe("Schemas to skip (information_schema is always skipped)"))
          .check([](const CatalogPair& p) { requireDistinct(p.source, p.destination, "body"); });
  return s;
}

void requireDistinct(const std::string& source, const std::string& destination,
                     const std::string& location) {
  // Unity Catalog names are case-insensitive, so `Prod` and `prod` are one catalog.
  if (sameName(source, destination)) {
    throw unprocessable(Json::array({location, "destination_catalog"}),
                        "destination_catalog must differ from source_catalog ('" + source + "').");
  }
}

CallOptions pairCall(const Request& req, const std::optional<std::string>& warehouseId,
                     const Clock& clock, std::chrono::steady_clock::duration deadline) {
  CallOptions call;
  call.deadline = clock.steadyNow() + deadline;
  call.warehouseId =
      warehouseId && !warehouseId->empty() ? *warehouseId : req.credentials().warehouseId;
  return call;
}

double secondsSince(const Clock& clock, std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> d = clock.steadyNow() - start;
  return std::round(d.count() * 1000.0) / 1000.0;
}

}  // namespace clxs::analysis
