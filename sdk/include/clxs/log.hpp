// Logging for plugins: lines go to the server log with the plugin's name.
#pragma once

#include <string_view>

namespace clxs {

/// Severity of a log line.
enum class LogLevel { Debug, Info, Warning, Error };

/// The server log, scoped to a plugin. Never pass secrets.
class Logger {
 public:
  virtual ~Logger() = default;
  /// Writes one line.
  virtual void log(LogLevel level, std::string_view message) = 0;
  /// Writes an info line.
  void info(std::string_view m) { log(LogLevel::Info, m); }
  /// Writes a warning line.
  void warn(std::string_view m) { log(LogLevel::Warning, m); }
  /// Writes an error line.
  void error(std::string_view m) { log(LogLevel::Error, m); }
};

}  // namespace clxs
