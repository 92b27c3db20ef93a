// What every two-catalog analysis route reads from its request (source, destination,
// warehouse, excluded schemas) and how it reports its duration.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/http.hpp"
#include "clxs/schema.hpp"
#include "clxs/workspace.hpp"

namespace clxs::analysis {

/// source_catalog, destination_catalog (required identifiers), warehouse_id and
/// exclude_schemas: declared once, included by every two-catalog body. Both naming one catalog
/// is a 422 at ["body", "destination_catalog"].
struct CatalogPair {
  std::string source;
  std::string destination;
  std::optional<std::string> warehouseId;
  std::vector<std::string> excludeSchemas{"information_schema", "default"};
  static const Schema<CatalogPair>& schema();
};

/// A body that is the pair alone, called `Name` in OpenAPI (the diff, compare, schema-drift
/// and diff-detail requests).
template <const char* Name>
struct PairOnlyRequest {
  CatalogPair catalogs;
  static const Schema<PairOnlyRequest>& schema() {
    static const auto s = Schema<PairOnlyRequest>(Name).include(&PairOnlyRequest::catalogs);
    return s;
  }
};

/// Throws 422 at [location, "destination_catalog"] when `source` and `destination` name the
/// same catalog (names compare without regard to case).
void requireDistinct(const std::string& source, const std::string& destination,
                     const std::string& location);

/// Options for a pair's workspace calls: the warehouse is `warehouseId` when given and not
/// empty, else the credentials'; the deadline is `deadline` from now on `clock`.
CallOptions pairCall(const Request& req, const std::optional<std::string>& warehouseId,
                     const Clock& clock, std::chrono::steady_clock::duration deadline);

/// Seconds since `start` on `clock`, rounded to milliseconds (duration_seconds).
double secondsSince(const Clock& clock, std::chrono::steady_clock::time_point start);

}  // namespace clxs::analysis
