// JSON-lines access log. Records method, path (never the query string, which may carry
// secrets), status, duration and request id.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

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

/// Appends records to a file. Buffered; flushed at most once a second and on destruction.
class AccessLog {
 public:
  /// Opens (appends to) `file`; an empty path disables logging.
  explicit AccessLog(const std::filesystem::path& file);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  /// Writes one record.
  void write(const AccessRecord& r);

 private:
  std::mutex mu_;
  std::FILE* out_ = nullptr;
  std::string pending_;
  std::chrono::steady_clock::time_point lastFlush_;
};

}  // namespace clxs::kernel
