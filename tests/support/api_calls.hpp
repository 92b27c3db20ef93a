// Integration-test helpers for the calls most tests make: requests by method, a POST that
// must answer a given status, the field a 422 names, plugin toggling and row counts.
#pragma once

#include <cstdint>
#include <string>

#include "clxs/json.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {

/// PUT path with a JSON body.
HttpResult put(const ServerProcess& server, const std::string& path, const Json& body);

/// PATCH path with a JSON body.
HttpResult patch(const ServerProcess& server, const std::string& path, const Json& body);

/// DELETE path.
HttpResult del(const ServerProcess& server, const std::string& path);

/// POSTs `body` to `path`, expects `status` (failing the test otherwise) and returns the body
/// as JSON (null when empty).
Json postJson(const ServerProcess& server, const std::string& path, const Json& body,
              int status = 200);

/// Expects a FastAPI-shaped 422 and returns the `loc` of its first issue (null, with the test
/// failed, when the answer is anything else).
Json firstErrorLoc(const HttpResult& result);

/// POST /api/plugins/toggle for plugin `name`.
HttpResult togglePlugin(const ServerProcess& server, const std::string& name, bool enabled);

/// Rows of `table` (a full name), read through `clxs sql` on the server's data directory;
/// -1 when the query returns nothing.
std::int64_t rowCount(const ServerProcess& server, const std::string& table);

}  // namespace clxs::testing
