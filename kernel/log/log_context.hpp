// What the logger adds to every line written on this thread: the request or job it serves.
#pragma once

#include <string>

namespace clxs::kernel {

/// The request and job the current thread works for (empty when none).
struct LogContext {
  std::string requestId;  ///< set while a request is dispatched
  std::string jobId;      ///< set while a job body runs
};

/// This thread's context.
const LogContext& currentLogContext();

/// Sets this thread's context for a scope and restores the previous one after.
class LogScope {
 public:
  /// Scope of a request (`requestId`) or of a job (`jobId`); an empty argument keeps the
  /// enclosing value.
  LogScope(const std::string& requestId, const std::string& jobId);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  LogContext saved_;
};

}  // namespace clxs::kernel
