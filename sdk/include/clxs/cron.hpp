// Standard five-field cron expressions (Vixie cron syntax), evaluated in UTC.
#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clxs {

/// A cron expression that cannot be parsed; field() names the offending field
/// ("minute", "hour", "day-of-month", "month", "day-of-week", or "expression" for the whole).
class CronError : public std::invalid_argument {
 public:
  /// An error in `field` with a message that already names it.
  CronError(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  /// The field the error is in.
  [[nodiscard]] const std::string& field() const { return field_; }

 private:
  std::string field_;
};

/// `minute hour day-of-month month day-of-week`, with `*`, lists, ranges, steps (`*/15`,
/// `1-30/5`, `5/10` meaning `5-max/10`), month and weekday names (JAN, MON; any case),
/// weekday 7 as Sunday, and the macros @yearly, @annually, @monthly, @weekly, @daily,
/// @midnight and @hourly. As in Vixie cron, when both day fields are restricted (neither
/// starts with `*`) a day matches if either matches; otherwise both must match.
class CronExpression {
 public:
  /// Parses `text`; throws CronError naming the field at fault. Expressions whose
  /// day-of-month can never occur in the chosen months (`0 0 30 2 *`) are refused.
  static CronExpression parse(std::string_view text);

  /// The first matching minute strictly after `after` (UTC), or nullopt when none comes
  /// within 30 years.
  [[nodiscard]] std::optional<std::chrono::sys_seconds> next(std::chrono::sys_seconds after) const;
  /// Whether the minute containing `t` matches.
  [[nodiscard]] bool matches(std::chrono::sys_seconds t) const;
  /// The text it was parsed from, trimmed.
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  CronExpression() = default;
  [[nodiscard]] bool dayMatches(std::chrono::sys_days day) const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;  // 1..31
  std::bitset<13> months_;       // 1..12
  std::bitset<7> daysOfWeek_;    // 0 = Sunday
  bool domStar_ = false;
  bool dowStar_ = false;
};

}  // namespace clxs
