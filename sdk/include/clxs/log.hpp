// Logging: one structured logger for the kernel and every plugin. Each line is one JSON
// object (time, level, plugin, request id, job id, message, fields); secrets are scrubbed.
#pragma once

#include <string_view>

#include "clxs/json.hpp"

namespace clxs {

/// Severity of a log line.
enum class LogLevel { Debug, Info, Warning, Error };

/// The server log. A plugin's Host::log() tags each line with the plugin's name; the kernel
/// adds the request id (in a handler) and the job id (in a job) by itself. Messages and
/// string fields are scrubbed of anything that looks like a token or password, but never
/// pass secrets anyway.
class Logger {
 public:
  virtual ~Logger() = default;
  /// Writes one line at `level` with extra `fields` (a JSON object, or null for none).
  virtual void write(LogLevel level, std::string_view message, const Json& fields) = 0;
  /// Whether lines at `level` are written (the server's --log-level); skip costly
  /// formatting when not.
  [[nodiscard]] virtual bool enabled(LogLevel level) const = 0;

  /// Writes a debug line.
  void debug(std::string_view m, const Json& fields = nullptr) {
    write(LogLevel::Debug, m, fields);
  }
  /// Writes an info line.
  void info(std::string_view m, const Json& fields = nullptr) { write(LogLevel::Info, m, fields); }
  /// Writes a warning line.
  void warn(std::string_view m, const Json& fields = nullptr) {
    write(LogLevel::Warning, m, fields);
  }
  /// Writes an error line.
  void error(std::string_view m, const Json& fields = nullptr) {
    write(LogLevel::Error, m, fields);
  }
};

/// "debug", "info", "warning" or "error".
inline const char* logLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warning:
      return "warning";
    case LogLevel::Error:
      break;
  }
  return "error";
}

}  // namespace clxs
