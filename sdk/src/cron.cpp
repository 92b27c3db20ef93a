#include "clxs/cron.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <sstream>
#include <utility>
#include <vector>

#include "clxs/text.hpp"

namespace clxs {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

/// What one field accepts.
struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // names[i] is value min + i; null when the field has none
  int nameCount;
};

constexpr std::array<const char*, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char*, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

constexpr FieldSpec kMinute{"minute", 0, 59, nullptr, 0};
constexpr FieldSpec kHour{"hour", 0, 23, nullptr, 0};
constexpr FieldSpec kDayOfMonth{"day-of-month", 1, 31, nullptr, 0};
constexpr FieldSpec kMonth{"month", 1, 12, kMonthNames.data(), 12};
// 0..7 so that 7 is Sunday as in Vixie cron; folded onto 0 afterwards.
constexpr FieldSpec kDayOfWeek{"day-of-week", 0, 7, kDayNames.data(), 7};

// Days a month can have at most (February counts 29: leap years do come).
constexpr std::array<int, 13> kMaxDays = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

[[noreturn]] void fail(const FieldSpec& f, const std::string& text, const std::string& why) {
  throw CronError(f.name, std::string(f.name) + " field '" + text + "': " + why);
}

std::string range(const FieldSpec& f) {
  return std::to_string(f.min) + "-" + std::to_string(f.max);
}

/// A number or (where the field has them) a name.
int value(const FieldSpec& f, const std::string& field, std::string_view token) {
  if (token.empty()) fail(f, field, "a value is missing");
  if (std::isdigit(static_cast<unsigned char>(token.front())) != 0) {
    int v = 0;
    for (char c : token) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
        fail(f, field, "'" + std::string(token) + "' is not a number");
      }
      v = v * 10 + (c - '0');
      if (v > 1000) break;  // out of range anyway; avoids overflow on long digit runs
    }
    if (v < f.min || v > f.max) {
      fail(f, field, std::to_string(v) + " is out of range " + range(f));
    }
    return v;
  }
  const std::string name = upperAscii(token);
  for (int i = 0; i < f.nameCount; ++i) {
    if (name == f.names[i]) return f.min + i;
  }
  if (f.nameCount == 0) fail(f, field, "'" + std::string(token) + "' is not a number");
  std::string known;
  for (int i = 0; i < f.nameCount; ++i) known += std::string(i == 0 ? "" : ", ") + f.names[i];
  fail(f, field, "'" + std::string(token) + "' is not a number or a name (" + known + ")");
}

/// Parses a whole field into a bit mask over min..max.
std::uint64_t parseField(const FieldSpec& f, const std::string& field) {
  std::uint64_t mask = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = field.find(',', start);
    const std::string_view element(field.data() + start,
                                   (comma == std::string::npos ? field.size() : comma) - start);
    if (element.empty()) fail(f, field, "empty list element");

    std::string_view rangePart = element;
    int step = 1;
    const std::size_t slash = element.find('/');
    if (slash != std::string_view::npos) {
      rangePart = element.substr(0, slash);
      const std::string_view stepText = element.substr(slash + 1);
      if (stepText.empty()) fail(f, field, "the step after '/' is missing");
      for (char c : stepText) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
          fail(f, field, "step '" + std::string(stepText) + "' is not a number");
        }
      }
      step = stepText.size() > 4 ? 100000 : std::stoi(std::string(stepText));
      const int span = f.max - f.min + 1;
      if (step < 1 || step > span) {
        fail(f, field,
             "step " + std::string(stepText) + " must be between 1 and " + std::to_string(span));
      }
    }

    int lo = f.min;
    int hi = f.max;
    if (rangePart == "*") {
      // full range
    } else {
      const std::size_t dash = rangePart.find('-');
      if (dash == std::string_view::npos) {
        lo = value(f, field, rangePart);
        // "5/10" is "5-max/10" (cronie); a bare value is just itself.
        hi = slash == std::string_view::npos ? lo : f.max;
      } else {
        lo = value(f, field, rangePart.substr(0, dash));
        hi = value(f, field, rangePart.substr(dash + 1));
        if (lo > hi) {
          fail(f, field,
               "range " + std::string(rangePart) + " runs backwards (write it as two ranges)");
        }
      }
    }
    for (int v = lo; v <= hi; v += step) mask |= std::uint64_t{1} << v;

    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return mask;
}

template <std::size_t N>
std::bitset<N> toBits(std::uint64_t mask) {
  std::bitset<N> bits;
  for (std::size_t i = 0; i < N; ++i) bits[i] = ((mask >> i) & 1U) != 0;
  return bits;
}

std::string expandMacro(const std::string& text) {
  const std::string m = upperAscii(text);
  if (m == "@YEARLY" || m == "@ANNUALLY") return "0 0 1 1 *";
  if (m == "@MONTHLY") return "0 0 1 * *";
  if (m == "@WEEKLY") return "0 0 * * 0";
  if (m == "@DAILY" || m == "@MIDNIGHT") return "0 0 * * *";
  if (m == "@HOURLY") return "0 * * * *";
  if (m == "@REBOOT") {
    throw CronError("expression",
                    "the cron expression @reboot has no meaning for a server-side schedule");
  }
  throw CronError("expression", "the cron expression uses an unknown macro '" + text +
                                    "' (known: @yearly, @annually, @monthly, @weekly, @daily, "
                                    "@midnight, @hourly)");
}

}  // namespace

CronExpression CronExpression::parse(std::string_view input) {
  const auto first = input.find_first_not_of(" \t\r\n");
  const auto last = input.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    throw CronError("expression", "the cron expression is empty");
  }
  CronExpression c;
  c.text_ = std::string(input.substr(first, last - first + 1));
  const std::string body = c.text_.front() == '@' ? expandMacro(c.text_) : c.text_;

  std::vector<std::string> fields;
  std::istringstream in(body);
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() != 5) {
    throw CronError("expression",
                    "a cron expression has 5 fields (minute hour day-of-month month "
                    "day-of-week), '" +
                        c.text_ + "' has " + std::to_string(fields.size()));
  }

  c.minutes_ = toBits<60>(parseField(kMinute, fields[0]));
  c.hours_ = toBits<24>(parseField(kHour, fields[1]));
  c.daysOfMonth_ = toBits<32>(parseField(kDayOfMonth, fields[2]));
  c.months_ = toBits<13>(parseField(kMonth, fields[3]));
  const std::uint64_t dow = parseField(kDayOfWeek, fields[4]);
  c.daysOfWeek_ = toBits<7>((dow | (dow >> 7)) & 0x7FU);
  c.domStar_ = fields[2].front() == '*';
  c.dowStar_ = fields[4].front() == '*';

  // With a `*` weekday field only the day of month decides; it must exist in some month.
  if (!c.domStar_ && c.dowStar_) {
    bool possible = false;
    for (int m = 1; m <= 12 && !possible; ++m) {
      if (!c.months_[static_cast<std::size_t>(m)]) continue;
      for (int d = 1; d <= kMaxDays[static_cast<std::size_t>(m)]; ++d) {
        if (c.daysOfMonth_[static_cast<std::size_t>(d)]) {
          possible = true;
          break;
        }
      }
    }
    if (!possible) {
      fail(kDayOfMonth, fields[2], "never occurs in the months '" + fields[3] + "'");
    }
  }
  return c;
}

bool CronExpression::dayMatches(sys_days day) const {
  const std::chrono::year_month_day ymd(day);
  const bool dom = daysOfMonth_[static_cast<unsigned>(ymd.day())];
  const bool dow = daysOfWeek_[std::chrono::weekday(day).c_encoding()];
  return domStar_ || dowStar_ ? dom && dow : dom || dow;
}

bool CronExpression::matches(sys_seconds t) const {
  const auto day = std::chrono::floor<days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t - day);
  return months_[static_cast<unsigned>(ymd.month())] && dayMatches(day) &&
         hours_[static_cast<std::size_t>(hms.hours().count())] &&
         minutes_[static_cast<std::size_t>(hms.minutes().count())];
}

std::optional<sys_seconds> CronExpression::next(sys_seconds after) const {
  auto t = std::chrono::floor<minutes>(after) + minutes(1);
  const auto limit = after + std::chrono::years(30);
  // Each step either returns or jumps to the start of the next month, day, hour or minute,
  // so a whole year takes at most a few thousand steps.
  while (t <= limit) {
    const auto day = std::chrono::floor<days>(t);
    const std::chrono::year_month_day ymd(day);
    if (!months_[static_cast<unsigned>(ymd.month())]) {
      const auto firstOfNext = ymd.year() / ymd.month() / 1 + std::chrono::months(1);
      t = std::chrono::time_point_cast<minutes>(sys_days(firstOfNext));
      continue;
    }
    if (!dayMatches(day)) {
      t = std::chrono::time_point_cast<minutes>(day + days(1));
      continue;
    }
    const std::chrono::hh_mm_ss hms(t - day);
    if (!hours_[static_cast<std::size_t>(hms.hours().count())]) {
      t = std::chrono::floor<hours>(t) + hours(1);
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(hms.minutes().count())]) {
      t += minutes(1);
      continue;
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(t);
  }
  return std::nullopt;
}

}  // namespace clxs
