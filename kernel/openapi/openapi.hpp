// Builds the OpenAPI 3 document from the live route table: the same records that drive
// dispatch and validation document the API.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "kernel/http/route_table.hpp"

namespace clxs::kernel {

/// JSON Schema of a field.
Json fieldSchema(const Field& field);

/// JSON Schema of a model.
Json modelSchema(const Model& model);

/// The OpenAPI document: every live route with its summary, tag (= owner), parameters and
/// request schema; WebSocket routes listed in `x-websocket-routes`.
Json buildOpenApi(const RouteTable& table, const std::string& version);

}  // namespace clxs::kernel
