#include "clxs/clock.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace clxs {

std::string isoUtc(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  const std::time_t secs = static_cast<std::time_t>(ms.count() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count() % 1000));
  return buf;
}

namespace {

// Reads exactly `digits` digits at `pos` into `out`, moving `pos` past them.
bool digitsAt(std::string_view text, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + digits, out);
  pos += digits;
  return true;
}

bool charAt(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parseIsoUtc(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digitsAt(text, pos, 4, y) || !charAt(text, pos, '-') || !digitsAt(text, pos, 2, mo) ||
      !charAt(text, pos, '-') || !digitsAt(text, pos, 2, d)) {
    return std::nullopt;
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  auto t = sys_days(date) + milliseconds(0);
  if (pos == text.size()) return time_point_cast<system_clock::duration>(t);
  if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
  ++pos;
  if (!digitsAt(text, pos, 2, h) || !charAt(text, pos, ':') || !digitsAt(text, pos, 2, mi))
    return std::nullopt;
  if (pos < text.size() && text[pos] == ':' && !(++pos, digitsAt(text, pos, 2, s)))
    return std::nullopt;
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  t += hours(h) + minutes(mi) + seconds(s);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    // Milliseconds from the first three digits; further digits are read and dropped.
    int scale = 100;
    std::int64_t ms = 0;
    const auto start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ms += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    t += milliseconds(ms);
  }
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int oh = 0, om = 0;
    if (!digitsAt(text, pos, 2, oh)) return std::nullopt;
    charAt(text, pos, ':');
    if (!digitsAt(text, pos, 2, om)) return std::nullopt;
    t -= sign * (hours(oh) + minutes(om));
  }
  if (pos != text.size()) return std::nullopt;
  return time_point_cast<system_clock::duration>(t);
}

}  // namespace clxs
