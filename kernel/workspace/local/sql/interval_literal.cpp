#include "kernel/workspace/local/sql/interval_literal.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "clxs/workspace/types.hpp"

namespace clxs::kernel {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr std::int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr std::int64_t kMicrosPerDay = 24 * kMicrosPerHour;

// The ANSI fields, in order from the widest.
enum class Field { Year, Month, Day, Hour, Minute, Second };

std::optional<Field> fieldOf(const Token& t) {
  if (t.kind != TokenKind::Word) return std::nullopt;
  std::string u = upperAscii(t.text);
  if (u.size() > 1 && u.back() == 'S') u.pop_back();
  if (u == "YEAR") return Field::Year;
  if (u == "MONTH") return Field::Month;
  if (u == "DAY") return Field::Day;
  if (u == "HOUR") return Field::Hour;
  if (u == "MINUTE") return Field::Minute;
  if (u == "SECOND") return Field::Second;
  return std::nullopt;
}

// The multi-unit form also takes weeks, milliseconds and microseconds.
std::optional<std::int64_t> microsPerUnit(const Token& t) {
  if (t.kind != TokenKind::Word) return std::nullopt;
  std::string u = upperAscii(t.text);
  if (u.size() > 1 && u.back() == 'S') u.pop_back();
  if (u == "WEEK") return 7 * kMicrosPerDay;
  if (u == "DAY") return kMicrosPerDay;
  if (u == "HOUR") return kMicrosPerHour;
  if (u == "MINUTE") return kMicrosPerMinute;
  if (u == "SECOND") return kMicrosPerSecond;
  if (u == "MILLISECOND") return 1000;
  if (u == "MICROSECOND") return 1;
  return std::nullopt;
}

[[noreturn]] void invalid(const std::string& text, const std::string& why) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[INVALID_INTERVAL_FORMAT.INPUT_FORMAT] Error parsing '" + text +
                           "' to interval: " + why + ". SQLSTATE: 22006");
}

// A decimal number of `unitMicros` (or of months when `unitMicros` is 0) as micros (months):
// "1.5" seconds is 1,500,000. Fractions finer than a microsecond are dropped as Spark does.
std::int64_t scaled(const std::string& text, std::string_view number, std::int64_t unitMicros) {
  bool negative = false;
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) {
    negative = number[0] == '-';
    number.remove_prefix(1);
  }
  const auto point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  std::int64_t w = 0;
  const auto parsed = std::from_chars(whole.data(), whole.data() + whole.size(), w);
  if (whole.empty() || parsed.ec != std::errc{} || parsed.ptr != whole.data() + whole.size()) {
    invalid(text, "'" + std::string(number) + "' is not a number");
  }
  const std::int64_t unit = unitMicros == 0 ? 1 : unitMicros;
  if (w > std::numeric_limits<std::int64_t>::max() / unit) invalid(text, "the value is too big");
  std::int64_t out = w * unit;
  if (point != std::string_view::npos) {
    if (unitMicros == 0) invalid(text, "months and years take whole numbers");
    std::int64_t fraction = 0;
    std::int64_t scale = unit;
    for (const char c : number.substr(point + 1)) {
      if (c < '0' || c > '9') invalid(text, "'" + std::string(number) + "' is not a number");
      scale /= 10;
      fraction += (c - '0') * scale;
    }
    out += fraction;
  }
  return negative ? -out : out;
}

void addMicros(IntervalValue& v, std::int64_t micros) {
  v.days += micros / kMicrosPerDay;
  v.micros += micros % kMicrosPerDay;
}

// A field other than the leading one must be in its range (hours 0-23, minutes and seconds
// 0-59).
std::int64_t bounded(const std::string& text, std::string_view part, Field f) {
  const std::int64_t unit = f == Field::Hour     ? kMicrosPerHour
                            : f == Field::Minute ? kMicrosPerMinute
                                                 : kMicrosPerSecond;
  const std::int64_t v = scaled(text, part, unit);
  const std::int64_t limit = f == Field::Hour ? kMicrosPerDay : 60 * unit;
  if (v < 0 || v >= limit) invalid(text, "a field is out of its range");
  return v;
}

// `'text' from TO to`: the string split on the separators of the range, the leading field
// unbounded and signed, the others bounded.
IntervalValue fromRange(const std::string& text, Field from, Field to) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  IntervalValue v;
  if (from == Field::Year || from == Field::Month) {
    if (from == Field::Year && to == Field::Month) {
      const auto dash = s.find('-');
      if (dash == std::string_view::npos) invalid(text, "expected [+|-]y-m");
      v.months = scaled(text, s.substr(0, dash), 0) * 12;
      const std::int64_t m = scaled(text, s.substr(dash + 1), 0);
      if (m < 0 || m > 11) invalid(text, "the month must be between 0 and 11");
      v.months += m;
    } else {
      v.months = scaled(text, s, 0) * (from == Field::Year ? 12 : 1);
    }
  } else {
    // Split "d h:m:s" into its parts: a space after days, colons after the rest.
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    for (std::size_t k = 0; k <= s.size(); ++k) {
      if (k == s.size() || s[k] == ':' || (s[k] == ' ' && from == Field::Day && parts.empty())) {
        parts.push_back(s.substr(begin, k - begin));
        begin = k + 1;
      }
    }
    const auto count = static_cast<std::size_t>(static_cast<int>(to) - static_cast<int>(from) + 1);
    if (parts.size() != count) invalid(text, "the string does not match the field range");
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const auto f = static_cast<Field>(static_cast<int>(from) + static_cast<int>(k));
      if (k == 0) {
        const std::int64_t unit = f == Field::Day      ? kMicrosPerDay
                                  : f == Field::Hour   ? kMicrosPerHour
                                  : f == Field::Minute ? kMicrosPerMinute
                                                       : kMicrosPerSecond;
        addMicros(v, scaled(text, parts[k], unit));
      } else {
        addMicros(v, bounded(text, parts[k], f));
      }
    }
    if (v.micros >= kMicrosPerDay) {
      v.days += v.micros / kMicrosPerDay;
      v.micros %= kMicrosPerDay;
    }
  }
  if (negative) v = {-v.months, -v.days, -v.micros};
  return v;
}

// DuckDB, like Spark, keeps months in 32 bits.
void checkMonths(const IntervalValue& v, const std::string& text) {
  if (v.months > std::numeric_limits<std::int32_t>::max() ||
      v.months < std::numeric_limits<std::int32_t>::min()) {
    invalid(text, "the number of months is too big");
  }
}

}  // namespace

std::optional<IntervalValue> readIntervalLiteral(const std::vector<Token>& toks, std::size_t& i,
                                                 std::size_t to) {
  std::size_t k = i + 1;
  bool negative = false;
  if (k < to && (toks[k].isSymbol("-") || toks[k].isSymbol("+"))) {
    negative = toks[k].isSymbol("-");
    ++k;
  }
  // INTERVAL [-]'text' field [TO field]
  if (k + 1 < to && toks[k].kind == TokenKind::String) {
    const auto from = fieldOf(toks[k + 1]);
    if (!from) return std::nullopt;  // '1 day 2 hours': DuckDB reads the text itself
    Field last = *from;
    std::size_t end = k + 1;
    if (end + 1 < to && toks[end + 1].is("TO")) {
      const auto upTo = end + 2 < to ? fieldOf(toks[end + 2]) : std::nullopt;
      if (!upTo || *upTo <= *from || (*from <= Field::Month) != (*upTo <= Field::Month)) {
        invalid(toks[k].text, "the field range is not one Databricks takes");
      }
      last = *upTo;
      end += 2;
    }
    IntervalValue v = fromRange(toks[k].text, *from, last);
    if (negative) v = {-v.months, -v.days, -v.micros};
    checkMonths(v, toks[k].text);
    i = end;
    return v;
  }
  // INTERVAL n unit [n unit …], the numbers possibly signed or quoted.
  IntervalValue v;
  bool any = false;
  std::size_t end = i;
  std::size_t j = i + 1;
  while (j + 1 < to) {
    bool minus = false;
    std::size_t n = j;
    if (toks[n].isSymbol("-") || toks[n].isSymbol("+")) {
      minus = toks[n].isSymbol("-");
      ++n;
    }
    if (n + 1 >= to || (toks[n].kind != TokenKind::Number && toks[n].kind != TokenKind::String)) {
      break;
    }
    const std::string number = (minus ? "-" : "") + toks[n].text;
    const std::string shown = number + " " + toks[n + 1].text;
    if (const auto f = fieldOf(toks[n + 1]); f && *f <= Field::Month) {
      v.months += scaled(shown, number, 0) * (*f == Field::Year ? 12 : 1);
    } else if (const auto unit = microsPerUnit(toks[n + 1])) {
      addMicros(v, scaled(shown, number, *unit));
    } else {
      break;
    }
    any = true;
    end = n + 1;
    j = n + 2;
  }
  if (!any) return std::nullopt;
  if (v.micros >= kMicrosPerDay || v.micros <= -kMicrosPerDay) {
    v.days += v.micros / kMicrosPerDay;
    v.micros %= kMicrosPerDay;
  }
  checkMonths(v, toks[i + 1].text);
  i = end;
  return v;
}

std::string duckdbInterval(const IntervalValue& v) {
  return "INTERVAL '" + std::to_string(v.months) + " months " + std::to_string(v.days) + " days " +
         std::to_string(v.micros) + " microseconds'";
}

}  // namespace clxs::kernel
