// Injectable time, so TTLs, deadlines and schedules are testable.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

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

/// Parses a UTC timestamp as workspaces write them: `YYYY-MM-DD`, then `T` or a space and
/// `HH:MM[:SS[.fraction]]`, then optionally `Z` or an offset (`+02:00`, `-0530`), which is
/// applied. Nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parseIsoUtc(std::string_view text);

}  // namespace clxs
