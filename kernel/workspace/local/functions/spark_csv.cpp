#include "kernel/workspace/local/functions/spark_csv.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>

namespace clxs::kernel::spark_csv {

namespace {

// univocity's whitespace (skipBitsAsWhitespace is on): every char <= ' ', control chars
// included. Bytes of multi-byte UTF-8 characters are never whitespace.
bool isBlank(char c) {
  return static_cast<unsigned char>(c) <= ' ';
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string upperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return lowerAscii(a) == b;
}

// Length of the UTF-8 sequence a byte starts (1 for a stray byte, as Java would see one char).
std::size_t utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) {
    return 4;
  }
  if (lead >= 0xE0 && lead < 0xF0) {
    return 3;
  }
  if (lead >= 0xC0 && lead < 0xE0) {
    return 2;
  }
  return 1;
}

// Java counts "one character" in UTF-16 units, so a character past U+FFFF counts two.
std::size_t utf16Length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8SequenceLength(static_cast<unsigned char>(s[i]));
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

// Java's String.trim(): chars <= ' ' at both ends.
std::string_view javaTrim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && isBlank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Number and date grammars of the Java parsers CSVInferSchema calls.

// Integer.parseInt / Long.parseLong (ASCII digits only; Java also takes other Unicode digits).
bool isJavaInteger(std::string_view s, std::int64_t min, std::int64_t max) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  std::uint64_t value = 0;
  const std::uint64_t limit =
      negative ? static_cast<std::uint64_t>(-(min + 1)) + 1 : static_cast<std::uint64_t>(max);
  for (const char c : s) {
    if (!isDigit(c)) {
      return false;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (limit - digit) / 10) {
      return false;
    }
    value = value * 10 + digit;
  }
  return true;
}

// What `new java.math.BigDecimal(s)` makes of s: its precision and scale.
struct DecimalShape {
  int precision = 0;
  std::int64_t scale = 0;
};

std::optional<DecimalShape> parseJavaBigDecimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  int significant = 0;  // digits after the leading zeros of the unscaled value
  int digits = 0;
  int fractionDigits = 0;
  bool inFraction = false;
  for (; i < s.size(); ++i) {
    if (isDigit(s[i])) {
      ++digits;
      fractionDigits += inFraction ? 1 : 0;
      if (significant > 0 || s[i] != '0') {
        ++significant;
      }
    } else if (s[i] == '.' && !inFraction) {
      inFraction = true;
    } else {
      break;
    }
  }
  if (digits == 0) {
    return std::nullopt;
  }
  std::int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      ++i;
    }
    if (i == s.size()) {
      return std::nullopt;
    }
    for (; i < s.size() && isDigit(s[i]); ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 2147483648LL) {
        return std::nullopt;  // BigDecimal's exponent is an int
      }
    }
    exponent = negative ? -exponent : exponent;
    if (exponent > 2147483647LL) {
      return std::nullopt;
    }
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  const std::int64_t scale = fractionDigits - exponent;
  if (scale > 2147483647LL || scale < -2147483648LL) {
    return std::nullopt;  // "Scale out of range."
  }
  return DecimalShape{significant == 0 ? 1 : significant, scale};
}

// Double.parseDouble: trimmed, optional sign, NaN, Infinity, decimal or hexadecimal with an
// optional f/F/d/D suffix.
bool isJavaDouble(std::string_view s) {
  s = javaTrim(s);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    s.remove_prefix(1);
  }
  if (s == "NaN" || s == "Infinity") {
    return true;
  }
  const bool hex = s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  std::size_t i = hex ? 2 : 0;
  const auto isMantissaDigit = [hex](char c) {
    return isDigit(c) || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  };
  int digits = 0;
  for (; i < s.size() && isMantissaDigit(s[i]); ++i) {
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && isMantissaDigit(s[i]); ++i) {
      ++digits;
    }
  }
  if (digits == 0) {
    return false;
  }
  const bool hasExponent =
      i < s.size() && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'));
  if (hex && !hasExponent) {
    return false;  // a hexadecimal float needs its binary exponent
  }
  if (hasExponent) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < s.size() && isDigit(s[i])) {
      ++i;
    }
    if (i == start) {
      return false;
    }
  }
  if (i < s.size() && (s[i] == 'f' || s[i] == 'F' || s[i] == 'd' || s[i] == 'D')) {
    ++i;
  }
  return i == s.size();
}

bool isLeapYear(std::int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int daysInMonth(std::int64_t year, std::int64_t month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool isValidDate(std::int64_t year, std::int64_t month, std::int64_t day) {
  return year >= -999999999 && year <= 999999999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= daysInMonth(year, month);
}

// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The strict "yyyy-MM-dd" DateFormatter Spark infers dates with (Spark makes it "uuuu-MM-dd"
// with ResolverStyle.STRICT): a four-digit year, or a signed one ('+' only past four digits),
// two-digit month and day, a real calendar date, nothing else.
bool isStrictIsoDate(std::string_view s) {
  std::size_t i = 0;
  const bool plus = !s.empty() && s[0] == '+';
  const bool minus = !s.empty() && s[0] == '-';
  i += plus || minus ? 1 : 0;
  const std::size_t yearStart = i;
  std::int64_t year = 0;
  while (i < s.size() && isDigit(s[i]) && i - yearStart < 19) {
    year = year * 10 + (s[i] - '0');
    if (year > 999999999) {
      return false;
    }
    ++i;
  }
  const std::size_t yearDigits = i - yearStart;
  if (yearDigits < 4 || (plus && yearDigits <= 4) || (!plus && !minus && yearDigits > 4) ||
      (minus && year == 0)) {
    return false;
  }
  if (s.size() - i != 6 || s[i] != '-' || !isDigit(s[i + 1]) || !isDigit(s[i + 2]) ||
      s[i + 3] != '-' || !isDigit(s[i + 4]) || !isDigit(s[i + 5])) {
    return false;
  }
  const int month = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
  const int day = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
  return isValidDate(minus ? -year : year, month, day);
}

// java.time.ZoneOffset.of: +h, +hh, +hhmm, +hh:mm, +hhmmss, +hh:mm:ss, within 18 hours.
std::optional<std::int64_t> zoneOffsetSeconds(std::string_view id) {
  if (id == "Z") {
    return 0;
  }
  if (id.size() < 2 || (id[0] != '+' && id[0] != '-')) {
    return std::nullopt;
  }
  const auto two = [&id](std::size_t at, bool afterColon) -> int {
    if (afterColon && id[at - 1] != ':') {
      return -1;
    }
    if (!isDigit(id[at]) || !isDigit(id[at + 1])) {
      return -1;
    }
    return (id[at] - '0') * 10 + (id[at + 1] - '0');
  };
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  switch (id.size()) {
    case 2:
      hours = isDigit(id[1]) ? id[1] - '0' : -1;
      break;
    case 3:
      hours = two(1, false);
      break;
    case 5:
      hours = two(1, false);
      minutes = two(3, false);
      break;
    case 6:
      hours = two(1, false);
      minutes = two(4, true);
      break;
    case 7:
      hours = two(1, false);
      minutes = two(3, false);
      seconds = two(5, false);
      break;
    case 9:
      hours = two(1, false);
      minutes = two(4, true);
      seconds = two(7, true);
      break;
    default:
      return std::nullopt;
  }
  if (hours < 0 || minutes < 0 || seconds < 0 || hours > 18 || minutes > 59 || seconds > 59) {
    return std::nullopt;
  }
  const std::int64_t total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) {
    return std::nullopt;
  }
  return id[0] == '-' ? -total : total;
}

// ZoneRegion.ofId's name check; whether tzdb really has the region is not known here, so any
// well-formed "Area/Location" passes, plus tzdb's single-word ids.
bool isPlausibleRegionId(std::string_view id) {
  constexpr std::array<std::string_view, 40> kSingleWordIds = {
      "CET",     "CST6CDT",   "Cuba",      "EET",      "EST5EDT", "Egypt", "Eire",      "GB",
      "GB-Eire", "GMT0",      "Greenwich", "Hongkong", "Iceland", "Iran",  "Israel",    "Jamaica",
      "Japan",   "Kwajalein", "Libya",     "MET",      "MST7MDT", "NZ",    "NZ-CHAT",   "Navajo",
      "PRC",     "PST8PDT",   "Poland",    "Portugal", "ROC",     "ROK",   "Singapore", "Turkey",
      "UCT",     "Universal", "W-SU",      "WET",      "Zulu",    "EST",   "MST",       "HST"};
  if (id.size() < 2 || !((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'))) {
    return false;
  }
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '~' ||
                    c == '/' || c == '.' || c == '_' || c == '+' || c == '-';
    if (!ok) {
      return false;
    }
  }
  if (id.find('/') != std::string_view::npos) {
    return true;
  }
  for (const std::string_view known : kSingleWordIds) {
    if (id == known) {
      return true;
    }
  }
  return false;
}

// Spark's DateTimeUtils.getZoneId (ZoneId.of with SHORT_IDS, after padding "+h:" to "+0h:" and
// "+hh:m" to "+hh:0m"). The offset is 0 for a region, whose rules are not known here; it only
// matters for the overflow check at the ends of the timestamp range.
std::optional<std::int64_t> zoneIdOffsetSeconds(std::string_view raw) {
  std::string id(javaTrim(raw));
  for (std::size_t i = 0; i + 2 < id.size(); ++i) {
    if ((id[i] == '+' || id[i] == '-') && isDigit(id[i + 1]) && id[i + 2] == ':') {
      id.insert(i + 1, "0");
      break;
    }
  }
  if (id.size() >= 5) {
    const std::size_t at = id.size() - 5;
    if ((id[at] == '+' || id[at] == '-') && isDigit(id[at + 1]) && isDigit(id[at + 2]) &&
        id[at + 3] == ':' && isDigit(id[at + 4])) {
      id.insert(at + 4, "0");
    }
  }
  constexpr std::array<std::pair<std::string_view, std::int64_t>, 3> kFixedShortIds = {
      {{"EST", -5 * 3600}, {"MST", -7 * 3600}, {"HST", -10 * 3600}}};
  constexpr std::array<std::string_view, 25> kRegionShortIds = {
      "ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT",
      "IET", "IST", "JST", "MIT", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST"};
  for (const auto& [name, offset] : kFixedShortIds) {
    if (id == name) {
      return offset;
    }
  }
  for (const std::string_view name : kRegionShortIds) {
    if (id == name) {
      return 0;
    }
  }
  if (id.size() <= 1 || id[0] == '+' || id[0] == '-') {
    return zoneOffsetSeconds(id);
  }
  const std::size_t prefix = id.starts_with("UTC") || id.starts_with("GMT") ? 3
                             : id.starts_with("UT")                         ? 2
                                                                            : 0;
  if (prefix == 0) {
    return isPlausibleRegionId(id) ? std::optional<std::int64_t>(0) : std::nullopt;
  }
  if (id.size() == prefix) {
    return 0;
  }
  if (id[prefix] != '+' && id[prefix] != '-') {
    return isPlausibleRegionId(id) ? std::optional<std::int64_t>(0) : std::nullopt;
  }
  return zoneOffsetSeconds(std::string_view(id).substr(prefix));
}

// DateTimeUtils.parseTimestampString: the shapes a string-to-timestamp cast accepts.
struct TimestampParts {
  std::array<std::int64_t, 9> segments{};
  std::optional<std::string> zone;
  bool justTime = false;
};

std::optional<TimestampParts> parseTimestampString(std::string_view s) {
  // UTF8String's whitespace-or-ISO-control trimming, on bytes.
  const auto trimmed = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b <= 0x20 || b == 0x7F;
  };
  std::size_t j = 0;
  while (j < s.size() && trimmed(s[j])) {
    ++j;
  }
  std::size_t end = s.size();
  while (end > j && trimmed(s[end - 1])) {
    --end;
  }
  if (j == end) {
    return std::nullopt;
  }
  const auto validDigits = [](int segment, int digits) {
    return segment == 6 || (segment == 0 && digits >= 4 && digits <= 6) ||
           (segment == 7 && digits <= 2) ||
           (segment != 0 && segment != 6 && segment != 7 && digits > 0 && digits <= 2);
  };
  TimestampParts parts;
  parts.segments = {1, 1, 1, 0, 0, 0, 0, 0, 0};
  int i = 0;
  std::int64_t value = 0;
  int digits = 0;
  int yearSign = 0;
  const auto closeSegment = [&](int segment) {
    if (!validDigits(segment, digits)) {
      return false;
    }
    parts.segments[static_cast<std::size_t>(segment)] = value;
    value = 0;
    digits = 0;
    return true;
  };
  if (s[j] == '-' || s[j] == '+') {
    yearSign = s[j] == '-' ? -1 : 1;
    ++j;
  }
  for (; j < end; ++j) {
    const char b = s[j];
    if (isDigit(b)) {
      // Fraction digits past the sixth are dropped; no other segment may grow that long.
      if ((i != 6 || digits < 6) && digits < 18) {
        value = value * 10 + (b - '0');
      }
      ++digits;
      continue;
    }
    if (j == 0 && b == 'T') {
      parts.justTime = true;
      i += 3;
    } else if (i < 2) {
      if (b == '-') {
        if (!closeSegment(i)) {
          return std::nullopt;
        }
        ++i;
      } else if (i == 0 && b == ':' && yearSign == 0) {
        parts.justTime = true;
        if (!closeSegment(3)) {
          return std::nullopt;
        }
        i = 4;
      } else {
        return std::nullopt;
      }
    } else if (i == 2) {
      if ((b != ' ' && b != 'T') || !closeSegment(i)) {
        return std::nullopt;
      }
      ++i;
    } else if (i == 3 || i == 4) {
      if (b != ':' || !closeSegment(i)) {
        return std::nullopt;
      }
      ++i;
    } else if (i == 5 || i == 6) {
      if (!closeSegment(i)) {
        return std::nullopt;
      }
      ++i;
      if (b != '.' || i != 6) {
        // Anything else starts the zone, which runs to the end.
        parts.zone = std::string(s.substr(j, end - j));
        j = end - 1;
      }
      if (i == 6 && b != '.') {
        ++i;
      }
    } else {
      if (i >= 9 || (b != ':' && b != ' ') || !closeSegment(i)) {
        return std::nullopt;
      }
      ++i;
    }
  }
  if (i > 8 || !closeSegment(i)) {
    return std::nullopt;
  }
  parts.segments[0] *= yearSign == 0 ? 1 : yearSign;
  return parts;
}

// Whether the parts make a timestamp Spark can hold (microseconds since the epoch in a long),
// as stringToTimestamp (withZone) or stringToTimestampWithoutTimeZone (!withZone) decide.
bool isValidTimestamp(const TimestampParts& p, bool withZone) {
  const auto& seg = p.segments;
  if (seg[3] > 23 || seg[4] > 59 || seg[5] > 59) {
    return false;
  }
  std::int64_t offset = 0;
  if (p.zone) {
    if (!withZone) {
      return false;
    }
    const auto zoneOffset = zoneIdOffsetSeconds(*p.zone);
    if (!zoneOffset) {
      return false;
    }
    offset = *zoneOffset;
  }
  if (p.justTime) {
    return withZone;  // today's date; without a zone the date is unknown
  }
  if (!isValidDate(seg[0], seg[1], seg[2])) {
    return false;
  }
  // Years have at most six digits, so the seconds fit; the microseconds may not.
  const std::int64_t seconds =
      daysFromCivil(seg[0], seg[1], seg[2]) * 86400 + seg[3] * 3600 + seg[4] * 60 + seg[5] - offset;
  constexpr std::int64_t kMaxSeconds = INT64_MAX / 1000000;      // 9223372036854
  constexpr std::int64_t kMinSeconds = INT64_MIN / 1000000 - 1;  // -9223372036855
  if (seconds > kMaxSeconds || seconds < kMinSeconds) {
    return false;
  }
  if (seconds == kMaxSeconds) {
    return seg[6] <= INT64_MAX % 1000000;  // up to .775807
  }
  return seconds != kMinSeconds || seg[6] >= 1000000 + INT64_MIN % 1000000;  // from .224192
}

// ---------------------------------------------------------------------------------------------
// Reading: univocity's CsvParser.parseLine under CSVOptions.asParserSettings. The control flow
// follows univocity's closely on purpose: its quirks (what an unescaped quote keeps, whether a
// trimmed-away field is nullValue or emptyValue) are what users see in Databricks.

// Univocity's EOFException: reading past the text ends the record.
struct EndOfText {};

class RecordReader {
 public:
  RecordReader(std::string_view text, const Options& o)
      : in_(text),
        o_(o),
        delim_(o.sep),
        multi_(o.sep.size() > 1),
        // univocity leaves its single-char delimiter at '\0' for a multi-char one, and some of
        // its multi-char code paths still compare against it.
        delimChar_(o.sep.size() > 1 ? '\0' : o.sep[0]),
        quote_(o.quote),
        escape_(o.escape),
        escapeEscape_(o.charToEscapeQuoteEscaping.value_or(o.quote == o.escape ? '\0' : o.escape)),
        comment_(o.comment.value_or('#')),
        emptyValue_(o.emptyValue.value_or("")) {}

  // The record's tokens; nullopt when parseLine returns null (empty text, a comment line).
  std::optional<std::vector<std::string>> read() {
    if (in_.empty()) {
      return std::nullopt;
    }
    ch_ = next();
    if (o_.comment && ch_ == *o_.comment) {
      return std::nullopt;
    }
    try {
      if (multi_) {
        parseMultiDelimiterRecord();
      } else {
        parseSingleDelimiterRecord();
      }
    } catch (const EndOfText&) {
      handleEndOfText();
    }
    return std::move(values_);
  }

 private:
  // Deep enough for any sane record; univocity would overflow Java's stack somewhere here too.
  static constexpr int kMaxDepth = 10000;

  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth_(depth) {
      if (++depth_ > kMaxDepth) {
        throw std::invalid_argument("CSV record has too many unescaped quotes to parse");
      }
    }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    int& depth_;
  };

  char next() {
    if (pos_ >= in_.size()) {
      throw EndOfText{};
    }
    return in_[pos_++];
  }

  // ParserOutput: emptyParsed() gives nullValue, valueParsed() the appender or emptyValue.
  void emptyParsed() { values_.push_back(o_.nullValue); }
  void valueParsed(std::string value) { values_.push_back(std::move(value)); }
  void valueParsed() {
    if (trim_) {
      updateWhitespace();
    }
    values_.push_back(appLength() > 0 ? app_.substr(0, appLength()) : emptyValue_);
    app_.clear();
    appWs_ = 0;
  }
  std::size_t appLength() const { return app_.size() - appWs_; }
  void updateWhitespace() {
    appWs_ = 0;
    while (appWs_ < app_.size() && isBlank(app_[app_.size() - 1 - appWs_])) {
      ++appWs_;
    }
  }

  // Appends c and what follows up to one of the stops, returning the stop. At the end of the
  // text the caller's ch_ keeps its old value, as univocity's does.
  char appendUntil(char c, char stop1, char stop2, char stop3) {
    while (c != stop1 && c != stop2 && c != stop3) {
      app_ += c;
      c = next();
    }
    return c;
  }

  void parseSingleDelimiterRecord() {
    if (o_.ignoreLeadingWhiteSpace && isBlank(ch_)) {
      ch_ = skipBlanks(ch_);
    }
    while (true) {
      if (o_.ignoreLeadingWhiteSpace && isBlank(ch_)) {
        ch_ = skipBlanks(ch_);
      }
      if (ch_ == delimChar_) {
        emptyParsed();
      } else {
        unescaped_ = false;
        prev_ = '\0';
        if (ch_ == quote_) {
          if (const auto simple = simpleQuotedValue()) {
            valueParsed(simple->empty() ? emptyValue_ : std::string(*simple));
            ch_ = next();  // the separator: the shortcut only takes values followed by one
            if (pos_ >= in_.size()) {
              emptyParsed();
              return;
            }
            ch_ = next();
            continue;
          }
          trim_ = false;
          parseQuotedValue();
          valueParsed();
        } else {
          parseUnquotedValue();
        }
      }
      ch_ = next();
    }
  }

  // AbstractCharInputReader.skipWhitespace(ch, delimiter, quote).
  char skipBlanks(char c) {
    while (isBlank(c) && c != delimChar_ && c != quote_) {
      c = next();
    }
    return c;
  }

  // getString's shortcut when a separator follows: a value trimmed to nothing is nullValue.
  // At the end of the text the slow path keeps it for valueParsed(), which gives emptyValue.
  void parseUnquotedValue() {
    const std::size_t start = pos_ - 1;
    const std::size_t end = in_.find(delimChar_, pos_);
    if (end == std::string_view::npos) {
      trim_ = o_.ignoreTrailingWhiteSpace;
      app_.append(in_.substr(start));
      pos_ = in_.size();
      throw EndOfText{};
    }
    std::size_t len = end - start;
    while (o_.ignoreTrailingWhiteSpace && len > 0 && isBlank(in_[start + len - 1])) {
      --len;
    }
    valueParsed(len == 0 ? o_.nullValue : std::string(in_.substr(start, len)));
    pos_ = end + 1;
    ch_ = delimChar_;
  }

  // getQuotedString's shortcut: a quoted value without quotes or escapes inside, closed right
  // before a separator. Anything else goes through parseQuotedValue().
  std::optional<std::string_view> simpleQuotedValue() {
    if (pos_ >= in_.size()) {
      return std::nullopt;
    }
    std::size_t i = pos_;
    while (true) {
      if (i >= in_.size()) {
        return std::nullopt;
      }
      const char c = in_[i];
      if (c == quote_) {
        if (in_[i - 1] == escape_ || i + 1 >= in_.size() || in_[i + 1] != delimChar_) {
          return std::nullopt;
        }
        break;
      }
      if (c == escape_ && i + 1 < in_.size() &&
          (in_[i + 1] == quote_ || in_[i + 1] == escapeEscape_)) {
        return std::nullopt;
      }
      ++i;
    }
    const std::string_view value = in_.substr(pos_, i - pos_);
    pos_ = i + 1;
    return value;
  }

  void parseQuotedValue() {
    const DepthGuard guard(depth_);
    if (prev_ != '\0' && o_.unescapedQuoteStopsAtDelimiter) {
      // After an unescaped quote the value is read raw up to the separator, opening quote kept.
      app_.insert(app_.begin(), quote_);
      ch_ = next();
      trim_ = o_.ignoreTrailingWhiteSpace;
      ch_ = appendUntil(ch_, delimChar_, delimChar_, delimChar_);
      return;
    }
    ch_ = next();
    while (true) {
      if (prev_ == quote_ && (isBlank(ch_) || ch_ == delimChar_)) {
        break;
      }
      if (ch_ != quote_ && ch_ != escape_) {
        if (prev_ == quote_) {
          handleUnescapedQuote();
          return;
        }
        if (prev_ == escape_ && escape_ != '\0') {
          app_ += escape_;
        }
        ch_ = appendUntil(ch_, quote_, escape_, escapeEscape_);
        prev_ = ch_;
        ch_ = next();
      } else {
        processQuoteEscape();
        prev_ = ch_;
        ch_ = next();
        if (unescaped_ && ch_ == delimChar_) {
          return;
        }
      }
    }
    // Blanks after the closing quote are dropped; anything else after them makes the whole
    // thing one raw value, quotes included.
    if (ch_ != delimChar_ && isBlank(ch_)) {
      std::string blanks;
      do {
        blanks += ch_;
        ch_ = next();
      } while (isBlank(ch_) && ch_ != delimChar_);
      if (ch_ != delimChar_) {
        app_ += quote_;
        app_ += blanks;
        if (o_.unescapedQuoteStopsAtDelimiter || (ch_ != quote_ && ch_ != escape_)) {
          app_ += ch_;
        }
        prev_ = ch_;
        parseQuotedValue();
      }
    }
    if (ch_ != delimChar_) {
      throw std::invalid_argument("Unexpected character following quoted value of CSV field");
    }
  }

  void handleUnescapedQuote() {
    unescaped_ = true;
    app_ += quote_;
    app_ += ch_;
    prev_ = ch_;
    if (multi_) {
      parseQuotedValueMultiDelimiter();
    } else {
      parseQuotedValue();
    }
  }

  void processQuoteEscape() {
    if (ch_ == escape_ && prev_ == escapeEscape_ && escapeEscape_ != '\0') {
      app_ += escape_;
      ch_ = '\0';
    } else if (prev_ == escape_) {
      if (ch_ == quote_) {
        app_ += quote_;
        ch_ = '\0';
      } else {
        app_ += prev_;
      }
    } else if (ch_ == quote_ && prev_ == quote_) {
      app_ += quote_;
    } else if (prev_ == quote_) {
      handleUnescapedQuoteInValue();
    }
  }

  void handleUnescapedQuoteInValue() {
    app_ += quote_;
    prev_ = ch_;
    parseValueProcessingEscape();
  }

  void parseValueProcessingEscape() {
    const DepthGuard guard(depth_);
    while (ch_ != delimChar_) {
      if (ch_ != quote_ && ch_ != escape_) {
        if (prev_ == quote_) {
          handleUnescapedQuoteInValue();
          return;
        }
        app_ += ch_;
      } else {
        processQuoteEscape();
      }
      prev_ = ch_;
      ch_ = next();
    }
  }

  // --- multi-character separators (univocity's parseMultiDelimiterRecord) ---

  void parseMultiDelimiterRecord() {
    if (o_.ignoreLeadingWhiteSpace && isBlank(ch_)) {
      skipBlanksMulti();
    }
    while (true) {
      if (o_.ignoreLeadingWhiteSpace && isBlank(ch_)) {
        skipBlanksMulti();
      }
      if (matchDelimiter()) {
        emptyParsed();
      } else {
        unescaped_ = false;
        prev_ = '\0';
        if (ch_ == quote_ && appLength() == 0) {
          trim_ = false;
          parseQuotedValueMultiDelimiter();
          valueParsed();
        } else {
          appendUntilMultiDelimiter();
          if (o_.ignoreTrailingWhiteSpace) {
            updateWhitespace();
          }
          valueParsed();
        }
      }
      ch_ = next();
    }
  }

  void skipBlanksMulti() {
    while (isBlank(ch_) && match_ < delim_.size() && ch_ != quote_) {
      ch_ = next();
      if (delim_[match_] == ch_ && matchDelimiter()) {
        emptyParsed();
        ch_ = next();
      }
    }
    saveMatchingCharacters();
  }

  // Consumes the separator when ch_ starts it; a partial match goes into the value.
  bool matchDelimiter() {
    if (matchDelimiterAfterQuote()) {
      return true;
    }
    saveMatchingCharacters();
    return false;
  }

  bool matchDelimiterAfterQuote() {
    while (ch_ == delim_[match_]) {
      ++match_;
      if (match_ == delim_.size()) {
        break;
      }
      ch_ = next();
    }
    if (match_ == delim_.size()) {
      match_ = 0;
      return true;
    }
    return false;
  }

  void saveMatchingCharacters() {
    if (match_ > 0) {
      if (match_ < delim_.size()) {
        app_.append(delim_.substr(0, match_));
      }
      match_ = 0;
    }
  }

  void appendUntilMultiDelimiter() {
    while (match_ < delim_.size()) {
      if (delim_[match_] == ch_) {
        ++match_;
        if (match_ == delim_.size()) {
          break;
        }
      } else {
        if (match_ > 0) {
          saveMatchingCharacters();
          continue;
        }
        app_ += ch_;
      }
      ch_ = next();
    }
    saveMatchingCharacters();
  }

  void parseQuotedValueMultiDelimiter() {
    const DepthGuard guard(depth_);
    if (prev_ != '\0' && o_.unescapedQuoteStopsAtDelimiter) {
      app_.insert(app_.begin(), quote_);
      ch_ = next();
      trim_ = o_.ignoreTrailingWhiteSpace;
      appendUntilMultiDelimiter();
    } else {
      ch_ = next();
      while (true) {
        if (prev_ == quote_ && isBlank(ch_)) {
          break;
        }
        if (prev_ == quote_ && matchDelimiter()) {
          return;
        }
        if (ch_ != quote_ && ch_ != escape_) {
          if (prev_ == quote_) {
            handleUnescapedQuote();
            return;
          }
          if (prev_ == escape_ && escape_ != '\0') {
            app_ += escape_;
          }
          ch_ = appendUntil(ch_, quote_, escape_, escapeEscape_);
          prev_ = ch_;
          ch_ = next();
        } else {
          processQuoteEscape();
          prev_ = ch_;
          ch_ = next();
          if (unescaped_ && matchDelimiter()) {
            return;
          }
        }
      }
    }
    if (isBlank(ch_) && !matchDelimiterAfterQuote()) {
      std::string blanks;
      do {
        blanks += ch_;
        ch_ = next();
        if (matchDelimiterAfterQuote()) {
          return;
        }
      } while (isBlank(ch_));
      if (!matchDelimiterAfterQuote()) {
        app_ += quote_;
        app_ += blanks;
        if (o_.unescapedQuoteStopsAtDelimiter || (ch_ != quote_ && ch_ != escape_)) {
          app_ += ch_;
        }
        prev_ = ch_;
        parseQuotedValue();  // univocity goes on with its single-char code here
      }
    }
  }

  // --- end of the text (AbstractParser.handleEOF and CsvParser.consumeValueOnEOF) ---

  bool consumeValueOnEndOfText() {
    if (ch_ == quote_) {
      if (prev_ == quote_) {
        return true;
      }
      if (!unescaped_) {
        app_ += quote_;
      }
    }
    const bool out = prev_ != '\0' && ch_ != delimChar_ && ch_ != comment_;
    ch_ = '\0';
    prev_ = '\0';
    if (match_ > 0) {
      saveMatchingCharacters();
      return true;
    }
    return out;
  }

  void handleEndOfText() {
    const bool consume = consumeValueOnEndOfText();
    // Some text was read (the text is not empty), so a field always ends here.
    if (appLength() > 0 || consume) {
      valueParsed();
    } else {
      emptyParsed();
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  const Options& o_;
  std::string_view delim_;
  bool multi_;
  char delimChar_;
  char quote_;
  char escape_;
  char escapeEscape_;
  char comment_;
  std::string emptyValue_;

  char ch_ = '\0';
  char prev_ = '\0';
  bool unescaped_ = false;
  bool trim_ = false;  // ParserOutput.trim: sticks until reassigned, as in univocity
  std::size_t match_ = 0;
  int depth_ = 0;
  std::string app_;
  std::size_t appWs_ = 0;
  std::vector<std::string> values_;
};

// ---------------------------------------------------------------------------------------------
// Writing: univocity's CsvWriter.processRow under CSVOptions.asWriterSettings.

class RecordWriter {
 public:
  explicit RecordWriter(const Options& o)
      : o_(o),
        lineSep_(o.lineSep.value_or("\n")),
        // Format.setLineSeparator makes a one-char separator the normalized newline.
        newLine_(lineSep_.size() == 1 ? lineSep_[0] : '\n'),
        escapeEscape_(o.charToEscapeQuoteEscaping.value_or(o.quote == o.escape ? '\0' : o.escape)),
        comment_(o.comment.value_or('#')),
        emptyValue_(o.emptyValue.value_or("\"\"")) {}

  std::optional<std::string> write(const std::vector<std::optional<std::string>>& cells) {
    if (cells.empty()) {
      return std::nullopt;  // univocity returns null for an empty row (skipEmptyLines)
    }
    std::string row;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      if (column != 0) {
        if (o_.sep.size() == 1) {
          put(row, o_.sep[0]);
        } else {
          row += o_.sep;
        }
      }
      writeCell(row, column, cells[column]);
    }
    if (row.empty()) {
      return std::nullopt;
    }
    return row;
  }

 private:
  // WriterCharAppender: trailing whitespace is counted, and dropped when the value is copied.
  struct Appender {
    std::string chars;
    std::size_t whitespace = 0;
    std::size_t length() const { return chars.size() - whitespace; }
    std::string_view value() const { return std::string_view(chars).substr(0, length()); }
    void updateWhitespace() {
      whitespace = 0;
      while (whitespace < chars.size() && isBlank(chars[chars.size() - 1 - whitespace])) {
        ++whitespace;
      }
    }
  };

  // Single chars go through WriterCharAppender.append(char), which writes the normalized
  // newline as the line separator; runs of text are copied as they are.
  void put(std::string& out, char c) const {
    if (c == newLine_) {
      out += lineSep_;
    } else {
      out += c;
    }
  }

  bool isTrigger(char c) const {
    return c == lineSep_[0] || (lineSep_.size() > 1 && c == lineSep_[1]) || c == newLine_ ||
           c == '\r' || c == '\n' || (o_.escapeQuotes && c == o_.quote);
  }

  bool isDelimiterAt(std::string_view element, std::size_t i) const {
    return element.substr(i, o_.sep.size()) == o_.sep;
  }

  void writeCell(std::string& row, std::size_t column, const std::optional<std::string>& cell) {
    // AbstractWriter.getStringValue.
    usingNullOrEmptyValue_ = true;
    std::string_view element;
    if (!cell) {
      element = o_.nullValue;
    } else if (cell->empty() ||
               (o_.ignoreLeadingWhiteSpace && skipLeadingBlanks(*cell) == cell->size())) {
      element = emptyValue_;
    } else {
      usingNullOrEmptyValue_ = false;
      element = *cell;
    }
    Appender value;
    // quoteNulls is on in univocity, so quoteAll quotes NULL (its nullValue) too.
    const bool quoted = append(value, column, o_.quoteAll, element);
    if (value.length() == 0 && !usingNullOrEmptyValue_) {
      // Only blanks were written and trimmed away: univocity writes emptyValue after them
      // (into the same appender, whitespace count and all).
      append(value, column, quoted, emptyValue_);
    }
    if (quoted) {
      put(row, o_.quote);
      row += value.value();
      put(row, o_.quote);
    } else {
      row += value.value();
    }
  }

  std::size_t skipLeadingBlanks(std::string_view element) const {
    std::size_t i = 0;
    while (i < element.size() && isBlank(element[i])) {
      ++i;
    }
    return i;
  }

  // CsvWriter.append: writes the element, returning whether it must be quoted.
  bool append(Appender& out, std::size_t column, bool quoted, std::string_view element) {
    std::size_t start = o_.ignoreLeadingWhiteSpace ? skipLeadingBlanks(element) : 0;
    const std::size_t length = element.size();
    if (start < length && (element[start] == o_.quote || (column == 0 && element[0] == comment_))) {
      quoted = true;
    }
    if (quoted) {
      // nullValue/emptyValue that already come quoted (the default `""`) are written as is.
      if (usingNullOrEmptyValue_ && length >= 2 && element.front() == o_.quote &&
          element.back() == o_.quote) {
        out.chars += element;
        return false;
      }
      appendQuoted(out, start, element);
      return true;
    }
    const bool single = o_.sep.size() == 1;
    std::size_t i = start;
    char ch = '\0';
    for (; i < length; ++i) {
      ch = element[i];
      const bool delimiter = single ? ch == o_.sep[0] : isDelimiterAt(element, i);
      if (ch != o_.quote && !delimiter && ch != o_.escape && !isTrigger(ch)) {
        continue;
      }
      out.chars += element.substr(start, i - start);
      start = i + 1;
      if (ch == o_.quote || ch == o_.escape) {
        if (needsQuotes(element, i)) {
          appendQuoted(out, i, element);
          return true;
        }
        out.chars += element.substr(i);
        if (o_.ignoreTrailingWhiteSpace && isBlank(element.back())) {
          out.updateWhitespace();
        }
        return quoted;
      }
      appendQuoted(out, i, element);
      return true;
    }
    out.chars += element.substr(start, i - start);
    if (o_.ignoreTrailingWhiteSpace && isBlank(ch)) {
      out.updateWhitespace();
    }
    return quoted;
  }

  // CsvWriter.quoteElement: a separator or a quotation trigger from `from` on.
  bool needsQuotes(std::string_view element, std::size_t from) const {
    const bool single = o_.sep.size() == 1;
    for (std::size_t i = from; i < element.size(); ++i) {
      const char c = element[i];
      if ((single ? c == o_.sep[0] : isDelimiterAt(element, i)) || isTrigger(c)) {
        return true;
      }
    }
    return false;
  }

  void appendQuoted(Appender& out, std::size_t start, std::string_view element) const {
    std::size_t i = start;
    char ch = '\0';
    for (; i < element.size(); ++i) {
      ch = element[i];
      if (ch != o_.quote && ch != newLine_ && ch != o_.escape) {
        continue;
      }
      out.chars += element.substr(start, i - start);
      start = i + 1;
      if (ch == o_.quote) {
        put(out.chars, o_.escape);
      } else if (ch == o_.escape && escapeEscape_ != '\0') {
        put(out.chars, escapeEscape_);
      }
      put(out.chars, ch);
    }
    out.chars += element.substr(start, i - start);
    if (o_.ignoreTrailingWhiteSpace && isBlank(ch)) {
      out.updateWhitespace();
    }
  }

  const Options& o_;
  std::string lineSep_;
  char newLine_;
  char escapeEscape_;
  char comment_;
  std::string emptyValue_;
  bool usingNullOrEmptyValue_ = false;
};

// ---------------------------------------------------------------------------------------------
// Options.

// Databricks' rendering of Spark's INVALID_DELIMITER_VALUE error classes.
[[noreturn]] void throwDelimiterError(std::string_view subclass, const std::string& detail) {
  throw std::invalid_argument("[INVALID_DELIMITER_VALUE." + std::string(subclass) +
                              "] Invalid value for delimiter. " + detail + " SQLSTATE: 42602");
}

// CSVExprUtils.toDelimiterStr: "\t"-style escapes read as one character each.
std::string toDelimiterStr(std::string_view str) {
  std::string out;
  for (std::size_t i = 0; i < str.size();) {
    if (str[i] != '\\') {
      out += str[i++];
      continue;
    }
    if (i + 1 == str.size()) {
      throwDelimiterError("SINGLE_BACKSLASH",
                          "Single backslash is prohibited. It has special meaning as beginning "
                          "of an escape sequence. To get the backslash character, pass a string "
                          "with two backslashes as the delimiter.");
    }
    const char escaped = str[i + 1];
    switch (escaped) {
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '"':
      case '\'':
      case '\\':
        out += escaped;
        break;
      default: {
        const std::size_t len = utf8SequenceLength(static_cast<unsigned char>(escaped));
        throwDelimiterError("UNSUPPORTED_SPECIAL_CHARACTER",
                            "Unsupported special character for delimiter: " +
                                std::string(str.substr(i, 1 + len)) + ".");
      }
    }
    i += 2;
  }
  if (out.empty()) {
    // Spark leaves this to univocity ("Delimiter cannot be empty"); Databricks names it.
    throwDelimiterError("EMPTY_STRING", "Delimiter cannot be empty string.");
  }
  return out;
}

class OptionMap {
 public:
  explicit OptionMap(const std::vector<std::pair<std::string, std::string>>& map) {
    for (const auto& [key, value] : map) {
      values_[lowerAscii(key)] = value;
    }
  }

  std::optional<std::string> get(std::string_view name) const {
    const auto it = values_.find(lowerAscii(name));
    if (it == values_.end()) {
      return std::nullopt;
    }
    return it->second;
  }

  // CSVOptions.getChar: "" is U+0000, more than one char is an error.
  std::optional<char> getChar(std::string_view name) const {
    const auto value = get(name);
    if (!value) {
      return std::nullopt;
    }
    if (value->empty()) {
      return '\0';
    }
    if (utf16Length(*value) != 1) {
      throw std::invalid_argument(std::string(name) + " cannot be more than one character.");
    }
    if (value->size() != 1) {
      throw std::invalid_argument("CSV option " + std::string(name) +
                                  " must be an ASCII character here, not '" + *value + "'");
    }
    return (*value)[0];
  }

  // CSVOptions.getBool.
  bool getBool(std::string_view name, bool fallback) const {
    const auto value = get(name);
    if (!value) {
      return fallback;
    }
    const std::string lower = lowerAscii(*value);
    if (lower == "true" || lower == "false") {
      return lower == "true";
    }
    throw std::invalid_argument(std::string(name) + " flag can be true or false.");
  }

  // Scala's String.toBoolean, which some options use instead of getBool.
  void checkScalaBoolean(std::string_view name) const {
    const auto value = get(name);
    if (value && lowerAscii(*value) != "true" && lowerAscii(*value) != "false") {
      throw std::invalid_argument("For input string: \"" + *value + "\"");
    }
  }

  // CSVOptions.getInt.
  void checkInt(std::string_view name) const {
    const auto value = get(name);
    if (value && !isJavaInteger(*value, INT32_MIN, INT32_MAX)) {
      throw std::invalid_argument(std::string(name) + " should be an integer. Found " + *value +
                                  ".");
    }
  }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace

Options parseOptions(const std::vector<std::pair<std::string, std::string>>& map, bool forWriting) {
  const OptionMap options(map);
  Options out;
  // In CSVOptions' order, so the first bad option is the one reported.
  out.sep = toDelimiterStr(options.get("sep").value_or(options.get("delimiter").value_or(",")));
  if (const auto mode = options.get("mode")) {
    const std::string name = upperAscii(*mode);
    out.mode = name == "FAILFAST"        ? ParseMode::kFailFast
               : name == "DROPMALFORMED" ? ParseMode::kDropMalformed
                                         : ParseMode::kPermissive;
  }
  out.quote = options.getChar("quote").value_or('"');
  out.escape = options.getChar("escape").value_or('\\');
  if (const auto value = options.get("charToEscapeQuoteEscaping"); value && !value->empty()) {
    out.charToEscapeQuoteEscaping = options.getChar("charToEscapeQuoteEscaping");
  }
  const auto comment = options.getChar("comment");
  options.getBool("header", false);
  options.getBool("inferSchema", false);
  const bool leadingInRead = options.getBool("ignoreLeadingWhiteSpace", false);
  const bool trailingInRead = options.getBool("ignoreTrailingWhiteSpace", false);
  out.ignoreLeadingWhiteSpace =
      forWriting ? options.getBool("ignoreLeadingWhiteSpace", true) : leadingInRead;
  out.ignoreTrailingWhiteSpace =
      forWriting ? options.getBool("ignoreTrailingWhiteSpace", true) : trailingInRead;
  out.columnNameOfCorruptRecord = options.get("columnNameOfCorruptRecord");
  out.nullValue = options.get("nullValue").value_or("");
  out.nanValue = options.get("nanValue").value_or("NaN");
  out.positiveInf = options.get("positiveInf").value_or("Inf");
  out.negativeInf = options.get("negativeInf").value_or("-Inf");
  out.timeZone = options.get("timeZone");
  out.locale = options.get("locale");
  out.preferDate = options.getBool("preferDate", true);
  out.dateFormat = options.get("dateFormat");
  out.timestampFormat = options.get("timestampFormat");
  out.timestampNTZFormat = options.get("timestampNTZFormat");
  options.checkScalaBoolean("enableDateTimeParsingFallback");
  options.checkScalaBoolean("multiLine");
  options.checkInt("maxColumns");
  options.checkInt("maxCharsPerColumn");
  out.escapeQuotes = options.getBool("escapeQuotes", true);
  out.quoteAll = options.getBool("quoteAll", false);
  // isCommentSet: only a one-character comment turns comments on.
  if (const auto value = options.get("comment"); value && !value->empty()) {
    out.comment = comment;
  }
  if (const auto ratio = options.get("samplingRatio"); ratio && !isJavaDouble(*ratio)) {
    throw std::invalid_argument(javaTrim(*ratio).empty() ? "empty String"
                                                         : "For input string: \"" + *ratio + "\"");
  }
  options.getBool("enforceSchema", true);
  out.emptyValue = options.get("emptyValue");
  // from_csv and schema_of_csv overwrite lineSep with U+FFFF, so only to_csv sees the user's.
  if (const auto lineSep = options.get("lineSep"); lineSep && forWriting) {
    if (lineSep->empty()) {
      throw std::invalid_argument("requirement failed: 'lineSep' cannot be an empty string.");
    }
    if (utf16Length(*lineSep) > 2) {
      throw std::invalid_argument("requirement failed: 'lineSep' can contain only 1 character.");
    }
    for (const char c : *lineSep) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        throw std::invalid_argument("CSV option lineSep must be ASCII here, not '" + *lineSep +
                                    "'");
      }
    }
    out.lineSep = *lineSep;
  }
  if (const auto size = options.get("inputBufferSize");
      size && !isJavaInteger(*size, INT32_MIN, INT32_MAX)) {
    throw std::invalid_argument("For input string: \"" + *size + "\"");
  }
  const std::string handling =
      upperAscii(options.get("unescapedQuoteHandling").value_or("STOP_AT_DELIMITER"));
  if (handling == "STOP_AT_DELIMITER" || handling == "STOP_AT_CLOSING_QUOTE") {
    out.unescapedQuoteStopsAtDelimiter = handling == "STOP_AT_DELIMITER";
  } else if (handling == "BACK_TO_DELIMITER" || handling == "SKIP_VALUE" ||
             handling == "RAISE_ERROR") {
    if (!forWriting) {
      throw std::invalid_argument("CSV option unescapedQuoteHandling=" + handling +
                                  " is not supported");
    }
  } else {
    throw std::invalid_argument(
        "No enum constant com.univocity.parsers.csv.UnescapedQuoteHandling." + handling);
  }
  return out;
}

std::vector<std::optional<std::string>> readRecord(std::string_view text, const Options& o) {
  if (o.sep.empty()) {
    throwDelimiterError("EMPTY_STRING", "Delimiter cannot be empty string.");
  }
  auto tokens = RecordReader(text, o).read();
  std::vector<std::optional<std::string>> fields;
  if (!tokens) {
    return fields;
  }
  fields.reserve(tokens->size());
  for (auto& token : *tokens) {
    // UnivocityParser.nullSafeDatum compares every token, quoted or not, with nullValue.
    if (token == o.nullValue) {
      fields.emplace_back(std::nullopt);
    } else {
      fields.emplace_back(std::move(token));
    }
  }
  return fields;
}

// CSVInferSchema.inferField(NullType, field): INT, BIGINT, DECIMAL, DOUBLE, DATE, TIMESTAMP(_NTZ),
// BOOLEAN, STRING, each tried only when the previous ones fail.
std::string inferFieldType(const std::optional<std::string>& field, const Options& o) {
  if (!field || field->empty() || *field == o.nullValue) {
    return "STRING";
  }
  const std::string_view s = *field;
  if (isJavaInteger(s, INT32_MIN, INT32_MAX)) {
    return "INT";
  }
  if (isJavaInteger(s, INT64_MIN, INT64_MAX)) {
    return "BIGINT";
  }
  // A negative scale (1e10) or more than 38 digits makes DecimalType throw: DOUBLE then.
  if (const auto decimal = parseJavaBigDecimal(s);
      decimal && decimal->scale == 0 && decimal->precision <= 38) {
    return "DECIMAL(" + std::to_string(decimal->precision) + ",0)";
  }
  if (isJavaDouble(s) || s == o.nanValue || s == o.negativeInf || s == o.positiveInf) {
    return "DOUBLE";
  }
  if (o.preferDate && isStrictIsoDate(s)) {
    return "DATE";
  }
  const auto timestamp = parseTimestampString(s);
  if (o.inferTimestampNtz && timestamp && isValidTimestamp(*timestamp, false)) {
    return "TIMESTAMP_NTZ";
  }
  if (timestamp && isValidTimestamp(*timestamp, true)) {
    return "TIMESTAMP";
  }
  if (equalsIgnoreCase(s, "true") || equalsIgnoreCase(s, "false")) {
    return "BOOLEAN";
  }
  return "STRING";
}

std::string schemaOf(std::string_view text, const Options& o) {
  const auto fields = readRecord(text, o);
  if (fields.empty()) {
    throw std::invalid_argument("assertion failed: Parsed CSV record should not be null.");
  }
  std::string out = "STRUCT<";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    // StructField.sql quotes names only when needed, and _cN never needs it.
    out += (i == 0 ? "_c" : ", _c") + std::to_string(i) + ": " + inferFieldType(fields[i], o);
  }
  return out + ">";
}

std::optional<std::string> writeRecord(const std::vector<std::optional<std::string>>& cells,
                                       const Options& o) {
  if (o.sep.empty()) {
    throwDelimiterError("EMPTY_STRING", "Delimiter cannot be empty string.");
  }
  if (o.lineSep && (o.lineSep->empty() || o.lineSep->size() > 2)) {
    throw std::invalid_argument("requirement failed: 'lineSep' can contain only 1 character.");
  }
  return RecordWriter(o).write(cells);
}

}  // namespace clxs::kernel::spark_csv
