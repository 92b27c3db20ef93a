// What the access log records of a request: method, path (never the query string, which may
// carry secrets), status, duration, size, client and route owner.
#pragma once

#include <cstddef>
#include <string>

namespace clxs::kernel {

/// One access-log record (written by JsonLogger::access()).
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

}  // namespace clxs::kernel
