#include "plugins/analysis/analysis_request.hpp"

#include <cmath>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::analysis {

Json defaultExcludeSchemas() {
  return Json::array({"information_schema", "default"});
}

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
                 .defaultsTo(defaultExcludeSchemas())
                 .describe("Schemas to skip (information_schema is always skipped)"));
}

PairRequest readPair(const Request& req, const Json& fields, const std::string& location,
                     const Clock& clock, std::chrono::steady_clock::duration deadline) {
  PairRequest p;
  p.source = fields.value("source_catalog", std::string());
  p.destination = fields.value("destination_catalog", std::string());
  // Unity Catalog names are case-insensitive, so `Prod` and `prod` are one catalog.
  if (sameName(p.source, p.destination)) {
    throw unprocessable(
        Json::array({location, "destination_catalog"}),
        "destination_catalog must differ from source_catalog ('" + p.source + "').");
  }
  for (const auto& s : fields.value("exclude_schemas", defaultExcludeSchemas())) {
    if (s.is_string()) p.excludeSchemas.push_back(s.get<std::string>());
  }
  p.call.deadline = clock.steadyNow() + deadline;
  const Json warehouse = fields.value("warehouse_id", Json());
  p.call.warehouseId = warehouse.is_string() && !warehouse.get<std::string>().empty()
                           ? warehouse.get<std::string>()
                           : req.credentials().warehouseId;
  return p;
}

double secondsSince(const Clock& clock, std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> d = clock.steadyNow() - start;
  return std::round(d.count() * 1000.0) / 1000.0;
}

}  // namespace clxs::analysis
