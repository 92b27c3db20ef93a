// Injectable time, so TTLs, deadlines and schedules are testable.
#pragma once

#include <chrono>
#include <string>

namespace clxs {

/// Source of time for plugins and kernel services.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Wall-clock time (UTC).
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
  /// Monotonic time for durations and deadlines.
  [[nodiscard]] virtual std::chrono::steady_clock::time_point steadyNow() const = 0;
};

/// Formats a time point as UTC ISO-8601 with milliseconds and `Z`.
std::string isoUtc(std::chrono::system_clock::time_point t);

}  // namespace clxs
