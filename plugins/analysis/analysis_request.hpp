// What every two-catalog analysis route reads from its request (source, destination,
// warehouse, excluded schemas) and how it reports its duration.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/http.hpp"
#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/workspace.hpp"

namespace clxs::analysis {

/// The default of exclude_schemas: ["information_schema", "default"].
Json defaultExcludeSchemas();

/// A body model called `name` with source_catalog and destination_catalog (required
/// identifiers), warehouse_id (nullable) and exclude_schemas (defaultExcludeSchemas()).
Model pairModel(std::string name);

/// The fields of a two-catalog request, validated.
struct PairRequest {
  std::string source;                       ///< source_catalog
  std::string destination;                  ///< destination_catalog
  std::vector<std::string> excludeSchemas;  ///< exclude_schemas, or its default
  CallOptions call;                         ///< deadline and warehouse for the workspace
};

/// Reads a PairRequest from `fields`, the validated body or query, whose errors are
/// reported at `location` ("body" or "query"). Throws 422 at [location,
/// "destination_catalog"] when both name the same catalog (names compare without regard to
/// case). The warehouse is warehouse_id when given, else the credentials'; the deadline is
/// `deadline` from now on `clock`.
PairRequest readPair(const Request& req, const Json& fields, const std::string& location,
                     const Clock& clock, std::chrono::steady_clock::duration deadline);

/// Seconds since `start` on `clock`, rounded to milliseconds (duration_seconds).
double secondsSince(const Clock& clock, std::chrono::steady_clock::time_point start);

}  // namespace clxs::analysis
