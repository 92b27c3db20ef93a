#include "kernel/scheduler/slot_calendar.hpp"

#include <cctype>
#include <string>

#include "clxs/error.hpp"

namespace clxs::kernel {

std::optional<std::chrono::seconds> parseUtcOffset(const std::string& zone) {
  if (zone.empty() || zone == "UTC" || zone == "utc" || zone == "Z" || zone == "Etc/UTC") {
    return std::chrono::seconds(0);
  }
  if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  const auto digits = [&](std::size_t at) {
    return at + 1 < zone.size() && std::isdigit(static_cast<unsigned char>(zone[at])) &&
           std::isdigit(static_cast<unsigned char>(zone[at + 1]));
  };
  if (!digits(1)) return std::nullopt;
  const int hours = std::stoi(zone.substr(1, 2));
  int minutes = 0;
  if (zone.size() == 6 && zone[3] == ':' && digits(4)) {
    minutes = std::stoi(zone.substr(4, 2));
  } else if (zone.size() == 5 && digits(3)) {
    minutes = std::stoi(zone.substr(3, 2));
  } else if (zone.size() != 3) {
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  const std::chrono::seconds offset = std::chrono::hours(hours) + std::chrono::minutes(minutes);
  return zone[0] == '-' ? -offset : offset;
}

SlotCalendar SlotCalendar::of(const ScheduleSpec& spec) {
  const auto offset = parseUtcOffset(spec.timeZone);
  if (!offset) {
    throw unprocessable(
        {"body", "time_zone"},
        "time_zone must be UTC or a fixed offset such as +05:30, not '" + spec.timeZone + "'");
  }
  if (spec.everySeconds != 0) {
    if (!spec.cron.empty()) {
      throw unprocessable({"body", "every_seconds"}, "give either cron or every_seconds, not both");
    }
    if (spec.everySeconds < 1) {
      throw unprocessable({"body", "every_seconds"}, "every_seconds must be at least 1");
    }
    return SlotCalendar(spec.everySeconds, *offset);
  }
  try {
    return SlotCalendar(CronExpression::parse(spec.cron), *offset);
  } catch (const CronError& e) {
    throw unprocessable({"body", "cron"}, e.what());
  }
}

std::optional<std::chrono::sys_seconds> SlotCalendar::next(std::chrono::sys_seconds after) const {
  if (const auto* every = std::get_if<std::int64_t>(&rule_)) {
    // Multiples of the interval since the epoch (shifted by the zone), so that every
    // process and every restart agrees on the slots.
    const std::int64_t local = (after + offset_).time_since_epoch().count();
    const std::int64_t nextLocal = (local / *every + 1) * *every;
    return std::chrono::sys_seconds(std::chrono::seconds(nextLocal)) - offset_;
  }
  const auto& cron = std::get<CronExpression>(rule_);
  const auto local = cron.next(after + offset_);
  if (!local) return std::nullopt;
  return *local - offset_;
}

}  // namespace clxs::kernel
