// Integration-test helper: GET a path of a running server, expect a status, read the JSON.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {

/// GETs `path`, fails the calling test (naming the path and the body) unless the answer has
/// `status`, and returns the body as JSON.
Json getJson(const ServerProcess& server, const std::string& path, int status = 200);

}  // namespace clxs::testing
