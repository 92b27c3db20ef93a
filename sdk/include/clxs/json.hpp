// The JSON value type used across the SDK boundary.
#pragma once

#include <nlohmann/json.hpp>

namespace clxs {

/// JSON value used for request bodies, responses, job results and store rows.
/// Insertion order is kept so responses read the way the spec shows them.
using Json = nlohmann::ordered_json;

}  // namespace clxs
