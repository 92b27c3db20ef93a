// The slots of a schedule: when a cron expression (in a time zone) or a fixed interval
// fires. Pure functions of the spec, so every process computes the same slots.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <variant>

#include "clxs/cron.hpp"
#include "clxs/scheduler.hpp"

namespace clxs::kernel {

/// A validated ScheduleSpec.
class SlotCalendar {
 public:
  /// Validates `spec`; throws HttpError 422 naming the bad field (cron, every_seconds or
  /// time_zone).
  static SlotCalendar of(const ScheduleSpec& spec);

  /// The first slot strictly after `after`, or nullopt when none comes within 30 years.
  [[nodiscard]] std::optional<std::chrono::sys_seconds> next(std::chrono::sys_seconds after) const;

 private:
  SlotCalendar(std::variant<CronExpression, std::int64_t> rule, std::chrono::seconds offset)
      : rule_(std::move(rule)), offset_(offset) {}

  std::variant<CronExpression, std::int64_t> rule_;  // cron, or interval seconds
  std::chrono::seconds offset_;                      // time zone's offset from UTC
};

/// "UTC", "Z", "" or a fixed offset ("+05:30", "-08:00", "+02") as seconds east of UTC;
/// nullopt otherwise.
std::optional<std::chrono::seconds> parseUtcOffset(const std::string& zone);

}  // namespace clxs::kernel
