// What the access log records of a request: method, path (never the query string, which may
// carry secrets), status, duration, size, client and route owner.
#pragma once

#include <cstddef>
#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// One access-log record.
struct AccessRecord {
  std::string requestId;  ///< X-Request-Id
  std::string method;     ///< HTTP method
  std::string path;       ///< path without query
  int status = 0;         ///< response status
  double durationMs = 0;  ///< time spent
  std::size_t bytes = 0;  ///< response body size
  std::string remote;     ///< client address
  std::string owner;      ///< route owner (plugin or kernel)
};

/// The record as the access log's fields (written by JsonLogger::access()).
Json accessFields(const AccessRecord& r);

}  // namespace clxs::kernel
