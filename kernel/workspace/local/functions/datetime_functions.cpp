// Dates and times as Spark computes them: day-of-week numbering (1 = Sunday), add_months to
// the end of a shorter month, datediff(end, start), and Java date-time patterns
// (`yyyy-MM-dd HH:mm:ss`) rewritten as the strftime patterns DuckDB reads.
#include <cctype>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

[[noreturn]] void unsupportedPattern(const std::string& pattern, const std::string& what) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER] Illegal pattern character "
                       "found in datetime pattern '" +
                           pattern + "': " + what + ". SQLSTATE: 22007");
}

// A Java DateTimeFormatter pattern as a strftime pattern. Letters repeat to choose a width
// (yyyy, MM, d); text in single quotes is literal; '%' is escaped.
std::string strftimePattern(const std::string& java) {
  std::string out;
  for (std::size_t i = 0; i < java.size();) {
    const char c = java[i];
    if (c == '\'') {
      const auto close = java.find('\'', i + 1);
      if (close == i + 1) {
        out += '\'';
        i += 2;
        continue;
      }
      const std::string literal =
          java.substr(i + 1, (close == std::string::npos ? java.size() : close) - i - 1);
      for (char l : literal) out += l == '%' ? std::string("%%") : std::string(1, l);
      i = close == std::string::npos ? java.size() : close + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      out += c == '%' ? std::string("%%") : std::string(1, c);
      ++i;
      continue;
    }
    std::size_t n = 1;
    while (i + n < java.size() && java[i + n] == c) ++n;
    i += n;
    switch (c) {
      case 'y':
      case 'u':
        out += n == 2 ? "%y" : "%Y";
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? "%B" : n == 3 ? "%b" : n == 2 ? "%m" : "%-m";
        break;
      case 'd':
        out += n == 2 ? "%d" : "%-d";
        break;
      case 'D':
        out += "%j";
        break;
      case 'H':
        out += n == 2 ? "%H" : "%-H";
        break;
      case 'h':
        out += n == 2 ? "%I" : "%-I";
        break;
      case 'm':
        out += n == 2 ? "%M" : "%-M";
        break;
      case 's':
        out += n == 2 ? "%S" : "%-S";
        break;
      case 'S':
        out += n <= 3 ? "%g" : n <= 6 ? "%f" : "%n";
        break;
      case 'a':
        out += "%p";
        break;
      case 'E':
        out += n >= 4 ? "%A" : "%a";
        break;
      case 'Z':
      case 'X':
      case 'x':
        out += "%z";
        break;
      case 'z':
      case 'V':
        out += "%Z";
        break;
      default:
        unsupportedPattern(java, std::string("'") + c + "'");
    }
  }
  return out;
}

// The strftime form of a literal pattern argument, quoted for DuckDB.
std::string patternArg(const std::string& arg) {
  std::string java;
  if (!literalText(arg, java)) {
    throwUnsupportedFeature("The local workspace takes a datetime pattern as a literal only.");
  }
  return duckdbLiteral(strftimePattern(java));
}

// A zone offset letter run (X, x, Z of `count` letters) as Java's formatter writes it, from
// `offset` (SQL: the zone's offset in seconds). X writes Z for a zero offset, x and Z never.
std::string offsetText(const std::string& offset, char letter, std::size_t count) {
  const std::string o = "(" + offset + ")";
  const std::string sign = "CASE WHEN " + o + " < 0 THEN '-' ELSE '+' END";
  const std::string hours = "lpad(CAST(abs(" + o + ") // 3600 AS VARCHAR), 2, '0')";
  const std::string minutes = "lpad(CAST(abs(" + o + ") % 3600 // 60 AS VARCHAR), 2, '0')";
  const std::string minutesIfAny =
      "CASE WHEN abs(" + o + ") % 3600 = 0 THEN '' ELSE " + minutes + " END";
  std::string text;
  if (letter == 'Z' && count == 4)
    return "('GMT' || " + sign + " || " + hours + " || ':' || " + minutes + ")";
  if (letter == 'Z') {
    text = count == 5 ? sign + " || " + hours + " || ':' || " + minutes
                      : sign + " || " + hours + " || " + minutes;
    return count == 5 ? "CASE WHEN " + o + " = 0 THEN 'Z' ELSE " + text + " END" : "(" + text + ")";
  }
  if (count == 1) {
    text = sign + " || " + hours + " || " + minutesIfAny;
  } else if (count == 2 || count == 4) {
    text = sign + " || " + hours + " || " + minutes;
  } else {
    text = sign + " || " + hours + " || ':' || " + minutes;
  }
  if (letter == 'X') return "CASE WHEN " + o + " = 0 THEN 'Z' ELSE " + text + " END";
  return "(" + text + ")";
}

// date_format: the pattern's fields from the value's wall clock in the session's zone, its
// offset letters (X, x, Z) from that zone's offset at the value's instant.
std::string dateFormat(const FunctionArgs& a) {
  std::string java;
  if (!literalText(a[1], java)) {
    throwUnsupportedFeature("The local workspace takes a datetime pattern as a literal only.");
  }
  const std::string wall = "CAST((" + a[0] + ") AS TIMESTAMP)";
  const std::string instant = "CAST((" + a[0] + ") AS TIMESTAMPTZ)";
  const std::string offset =
      "CAST(epoch(CAST(" + instant + " AS TIMESTAMP)) - epoch(" + instant + ") AS BIGINT)";
  std::vector<std::string> parts;
  std::string plain;
  const auto flush = [&] {
    if (!plain.empty()) {
      parts.push_back("strftime(" + wall + ", " + duckdbLiteral(strftimePattern(plain)) + ")");
    }
    plain.clear();
  };
  for (std::size_t i = 0; i < java.size();) {
    const char c = java[i];
    if (c == '\'') {
      const auto close = java.find('\'', i + 1);
      const std::size_t end = close == std::string::npos ? java.size() : close + 1;
      plain += java.substr(i, end - i);
      i = end;
      continue;
    }
    std::size_t n = 1;
    while (i + n < java.size() && java[i + n] == c) ++n;
    if (c == 'X' || c == 'x' || c == 'Z') {
      if (n > 5 || (c != 'Z' && n > 3 && n != 4)) {
        unsupportedPattern(java, std::string("'") + c + "'");
      }
      flush();
      parts.push_back(offsetText(offset, c, n));
    } else {
      plain += java.substr(i, n);
    }
    i += n;
  }
  flush();
  if (parts.empty()) return "CASE WHEN (" + a[0] + ") IS NOT NULL THEN '' END";
  if (parts.size() == 1) return parts[0];
  std::string out = "(" + parts[0];
  for (std::size_t k = 1; k < parts.size(); ++k) out += " || " + parts[k];
  return out + ")";
}

std::string toDate(const FunctionArgs& a) {
  if (a.size() == 1) return "CAST((" + a[0] + ") AS DATE)";
  return "CAST(strptime((" + a[0] + "), " + patternArg(a[1]) + ") AS DATE)";
}

std::string toTimestamp(const FunctionArgs& a) {
  if (a.size() == 1) return "CAST((" + a[0] + ") AS TIMESTAMPTZ)";
  return "CAST(strptime((" + a[0] + "), " + patternArg(a[1]) + ") AS TIMESTAMPTZ)";
}

std::string toTimestampNtz(const FunctionArgs& a) {
  if (a.size() == 1) return "CAST((" + a[0] + ") AS TIMESTAMP)";
  return "strptime((" + a[0] + "), " + patternArg(a[1]) + ")";
}

std::string fromUnixtime(const FunctionArgs& a) {
  const std::string pattern = a.size() > 1 ? patternArg(a[1]) : "'%Y-%m-%d %H:%M:%S'";
  return "strftime(CAST(to_timestamp((" + a[0] + ")) AS TIMESTAMP), " + pattern + ")";
}

// date_trunc's unit in Spark's spellings (YEAR, YYYY, YY, MON, MM, DD, ...), as DuckDB's.
std::string truncUnit(const std::string& arg) {
  std::string unit;
  if (!literalText(arg, unit)) return "lower(" + arg + ")";
  unit = upperAscii(unit);
  if (unit == "YYYY" || unit == "YY") unit = "YEAR";
  if (unit == "MON" || unit == "MM") unit = "MONTH";
  if (unit == "DD") unit = "DAY";
  static constexpr const char* kUnits[] = {"YEAR",        "QUARTER",    "MONTH",  "WEEK",
                                           "DAY",         "HOUR",       "MINUTE", "SECOND",
                                           "MILLISECOND", "MICROSECOND"};
  for (const char* u : kUnits) {
    if (unit == u) return "'" + lowerAscii(u) + "'";
  }
  return "NULL";  // Spark answers NULL for a unit it does not know
}

std::string dateTrunc(const FunctionArgs& a) {
  return "CAST(date_trunc(" + truncUnit(a[0]) + ", CAST((" + a[1] +
         ") AS TIMESTAMP)) AS TIMESTAMP)";
}

std::string trunc(const FunctionArgs& a) {
  return "CAST(date_trunc(" + truncUnit(a[1]) + ", CAST((" + a[0] + ") AS DATE)) AS DATE)";
}

// Months between two times as Spark counts them: whole months when the days of month match
// or both are month ends, else the remainder over 31-day months, rounded to 8 places.
std::string monthsBetween(const FunctionArgs& a) {
  const std::string t1 = "CAST((" + a[0] + ") AS TIMESTAMP)";
  const std::string t2 = "CAST((" + a[1] + ") AS TIMESTAMP)";
  const auto secondsOfMonth = [](const std::string& t) {
    return "(day(" + t + ") * 86400.0 + epoch(" + t + ") - epoch(date_trunc('day', " + t + ")))";
  };
  const std::string months =
      "((year(" + t1 + ") - year(" + t2 + ")) * 12 + month(" + t1 + ") - month(" + t2 + "))";
  const std::string value =
      "CASE WHEN day(" + t1 + ") = day(" + t2 + ") OR (CAST(" + t1 + " AS DATE) = last_day(" + t1 +
      ") AND CAST(" + t2 + " AS DATE) = last_day(" + t2 + ")) THEN " + months + " ELSE " + months +
      " + (" + secondsOfMonth(t1) + " - " + secondsOfMonth(t2) + ") / (31 * 86400.0) END";
  const bool roundOff = a.size() < 3 || (a[2] != "false" && a[2] != "FALSE");
  return roundOff ? "round(CAST(" + value + " AS DOUBLE), 8)" : "CAST(" + value + " AS DOUBLE)";
}

// A TIME's microseconds since midnight.
constexpr const char* kTimeMicros =
    "CAST(date_part('microseconds', $1) + 60000000 * date_part('minute', $1) + 3600000000 * "
    "date_part('hour', $1) AS BIGINT)";

std::string timeToMicros(const FunctionArgs& a) {
  return writeBuiltin(BuiltinFunction{"", 1, 1, kTimeMicros}, a);
}
std::string timeToMillis(const FunctionArgs& a) {
  return "(" + timeToMicros(a) + " // 1000)";
}
std::string timeToSeconds(const FunctionArgs& a) {
  return "CAST(" + timeToMicros(a) + " / 1000000.0 AS DECIMAL(14, 6))";
}

std::string toTime(const FunctionArgs& a) {
  if (a.size() == 1) return "CAST((" + a[0] + ") AS TIME)";
  return "CAST(strptime((" + a[0] + "), " + patternArg(a[1]) + ") AS TIME)";
}

// A wall-clock time (TIMESTAMP without zone) from make_timestamp's arguments: year, month,
// day, hour, minute and decimal seconds (60 rolls over to the next minute, as in Spark), or
// a date and a time.
std::string wallClock(const FunctionArgs& a) {
  if (a.size() <= 3) return "(CAST((" + a[0] + ") AS DATE) + CAST((" + a[1] + ") AS TIME))";
  return "(make_timestamp((" + a[0] + "), (" + a[1] + "), (" + a[2] + "), (" + a[3] + "), (" +
         a[4] + "), 0) + to_microseconds(CAST(round((" + a[5] + ") * 1000000) AS BIGINT)))";
}

// make_timestamp and make_timestamp_ltz: the wall clock read in the time zone argument, or
// in the session's.
std::string makeTimestamp(const FunctionArgs& a) {
  if (a.size() != 2 && a.size() != 3 && a.size() != 6 && a.size() != 7) {
    throwWrongArgCount("make_timestamp", "[2, 3, 6, 7]", a.size());
  }
  if (a.size() == 3 || a.size() == 7) return "timezone((" + a.back() + "), " + wallClock(a) + ")";
  return "CAST(" + wallClock(a) + " AS TIMESTAMPTZ)";
}

std::string makeTimestampNtz(const FunctionArgs& a) {
  if (a.size() != 2 && a.size() != 6) {
    throwWrongArgCount("make_timestamp_ntz", "[2, 6]", a.size());
  }
  return wallClock(a);
}

// convert_timezone([source,] target, ts): the wall clock in `source` (the session's time
// zone when left out) as the wall clock in `target`.
std::string convertTimezone(const FunctionArgs& a) {
  const std::string ts = "CAST((" + a.back() + ") AS TIMESTAMP)";
  const std::string instant =
      a.size() == 3 ? "timezone((" + a[0] + "), " + ts + ")" : "CAST(" + ts + " AS TIMESTAMPTZ)";
  return "timezone((" + a[a.size() - 2] + "), " + instant + ")";
}

// The session's wall clock of a time.
std::string sessionWallClock(const std::string& arg) {
  return "CAST(CAST((" + arg + ") AS TIMESTAMPTZ) AS TIMESTAMP)";
}

// from_utc_timestamp(ts, tz): ts's wall clock taken as UTC, shown as tz's wall clock; the
// result is a TIMESTAMP of the session, as in Spark.
std::string fromUtcTimestamp(const FunctionArgs& a) {
  return "CAST(timezone((" + a[1] + "), timezone('UTC', " + sessionWallClock(a[0]) +
         ")) AS TIMESTAMPTZ)";
}

// to_utc_timestamp(ts, tz): ts's wall clock taken in tz, shown as UTC's wall clock.
std::string toUtcTimestamp(const FunctionArgs& a) {
  return "CAST(timezone('UTC', timezone((" + a[1] + "), " + sessionWallClock(a[0]) +
         ")) AS TIMESTAMPTZ)";
}

// unix_timestamp([s [, pattern]]): seconds since the epoch of a time, or of a string read
// with the pattern (default yyyy-MM-dd HH:mm:ss) in the session's time zone.
std::string unixTimestamp(const FunctionArgs& a) {
  if (a.empty()) return "CAST(floor(epoch(CURRENT_TIMESTAMP)) AS BIGINT)";
  const std::string pattern = a.size() > 1 ? patternArg(a[1]) : "'%Y-%m-%d %H:%M:%S'";
  const std::string ts = "CASE WHEN typeof((" + a[0] + ")) = 'VARCHAR' THEN CAST(strptime(CAST((" +
                         a[0] + ") AS VARCHAR), " + pattern + ") AS TIMESTAMPTZ) ELSE CAST(CAST((" +
                         a[0] + ") AS VARCHAR) AS TIMESTAMPTZ) END";
  return "CAST(floor(epoch(" + ts + ")) AS BIGINT)";
}

// The TIMESTAMP a count of microseconds after the epoch stands for.
std::string epochPlus(const std::string& micros) {
  return "(TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(" + micros + "))";
}

std::string timestampSeconds(const FunctionArgs& a) {
  return epochPlus("CAST(round(CAST((" + a[0] + ") AS DECIMAL(38, 6)) * 1000000) AS BIGINT)");
}
std::string timestampMillis(const FunctionArgs& a) {
  return epochPlus("CAST((" + a[0] + ") AS BIGINT) * 1000");
}
std::string timestampMicros(const FunctionArgs& a) {
  return epochPlus("CAST((" + a[0] + ") AS BIGINT)");
}

// extract(field FROM source), date_part('field', source): Spark's field names, its day of
// the week (Sunday = 1) and seconds with their fraction as DECIMAL(8,6).
std::string extractField(const std::string& field, const std::string& source) {
  const std::string f = upperAscii(field);
  const std::string x = "(" + source + ")";
  const auto in = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (f == n) return true;
    }
    return false;
  };
  if (in({"YEAR", "Y", "YEARS", "YR", "YRS"})) return "year" + x;
  if (in({"YEAROFWEEK"})) return "isoyear" + x;
  if (in({"QUARTER", "QTR"})) return "quarter" + x;
  if (in({"MONTH", "MON", "MONS", "MONTHS"})) return "month" + x;
  if (in({"WEEK", "W", "WEEKS"})) return "week" + x;
  if (in({"DAY", "D", "DAYS"})) return "day" + x;
  if (in({"DAYOFWEEK", "DOW"})) return "(dayofweek" + x + " + 1)";
  if (in({"DAYOFWEEK_ISO", "DOW_ISO"})) return "isodow" + x;
  if (in({"DOY"})) return "dayofyear" + x;
  if (in({"HOUR", "H", "HOURS", "HR", "HRS"})) return "hour" + x;
  if (in({"MINUTE", "M", "MIN", "MINS", "MINUTES"})) return "minute" + x;
  if (in({"SECOND", "S", "SEC", "SECONDS", "SECS"})) {
    return "CAST(date_part('microseconds', " + x + ") / 1000000 AS DECIMAL(8, 6))";
  }
  throw WorkspaceError(
      WorkspaceErrorClass::InvalidSql,
      "[INVALID_EXTRACT_FIELD] Cannot extract " + field + " from " + source + ". SQLSTATE: 42601");
}

std::string extract(const FunctionArgs& a) {
  if (a.size() != 2) throwWrongArgCount("extract", "2", a.size());
  std::string field = a[0];
  literalText(a[0], field);  // extract takes a word, some write it as a string
  return extractField(field, a[1]);
}

std::string datePart(const FunctionArgs& a) {
  std::string field;
  if (!literalText(a[0], field)) return "date_part((" + a[0] + "), (" + a[1] + "))";
  return extractField(field, a[1]);
}

// The try_ forms: NULL where the function would raise an error.
std::string tryToDate(const FunctionArgs& a) {
  return "TRY(" + toDate(a) + ")";
}
std::string tryToTimestamp(const FunctionArgs& a) {
  return "TRY(" + toTimestamp(a) + ")";
}
std::string tryToTime(const FunctionArgs& a) {
  return "TRY(" + toTime(a) + ")";
}
std::string tryMakeTimestamp(const FunctionArgs& a) {
  if (a.size() == 1) return "TRY(CAST(CAST((" + a[0] + ") AS TIMESTAMP) AS TIMESTAMPTZ))";
  return "TRY(" + makeTimestamp(a) + ")";
}
std::string tryMakeTimestampNtz(const FunctionArgs& a) {
  if (a.size() == 1) return "TRY(CAST((" + a[0] + ") AS TIMESTAMP))";
  return "TRY(" + makeTimestampNtz(a) + ")";
}

std::string timeTrunc(const FunctionArgs& a) {
  return "CAST(date_trunc(" + truncUnit(a[0]) + ", DATE '1970-01-01' + (" + a[1] + ")) AS TIME)";
}

std::string timeDiff(const FunctionArgs& a) {
  return "date_diff(" + truncUnit(a[0]) + ", DATE '1970-01-01' + (" + a[1] +
         "), DATE '1970-01-01' + (" + a[2] + "))";
}

// The interval constructors: each part left out is 0 and a NULL part makes the result NULL.
// Months add up in 32 bits, so too many years overflow (ARITHMETIC_OVERFLOW, NULL in the try_
// form); seconds keep microseconds.
std::string intervalPart(const FunctionArgs& a, std::size_t i) {
  return i < a.size() ? "(" + a[i] + ")" : std::string("0");
}
std::string secondsPart(const std::string& seconds) {
  return "to_microseconds(CAST(round(CAST(" + seconds +
         " AS DECIMAL(38, 6)) * 1000000) AS BIGINT))";
}
std::string makeYmInterval(const FunctionArgs& a) {
  return "to_months(CAST(" + intervalPart(a, 0) + " AS INTEGER) * 12 + CAST(" + intervalPart(a, 1) +
         " AS INTEGER))";
}
std::string makeDtInterval(const FunctionArgs& a) {
  return "(to_days(CAST(" + intervalPart(a, 0) + " AS INTEGER)) + to_hours(CAST(" +
         intervalPart(a, 1) + " AS BIGINT)) + to_minutes(CAST(" + intervalPart(a, 2) +
         " AS BIGINT)) + " + secondsPart(intervalPart(a, 3)) + ")";
}
std::string makeInterval(const FunctionArgs& a) {
  return "(to_months(CAST(" + intervalPart(a, 0) + " AS INTEGER) * 12 + CAST(" +
         intervalPart(a, 1) + " AS INTEGER)) + to_days(CAST(" + intervalPart(a, 2) +
         " AS INTEGER) * 7 + CAST(" + intervalPart(a, 3) + " AS INTEGER)) + to_hours(CAST(" +
         intervalPart(a, 4) + " AS BIGINT)) + to_minutes(CAST(" + intervalPart(a, 5) +
         " AS BIGINT)) + " + secondsPart(intervalPart(a, 6)) + ")";
}
std::string tryMakeInterval(const FunctionArgs& a) {
  return "TRY(" + makeInterval(a) + ")";
}

constexpr BuiltinFunction kDatetimeFunctions[] = {
    {"convert_timezone", 2, 3, {}, convertTimezone},
    {"current_timezone", 0, 0, "current_setting('TimeZone')"},
    {"make_dt_interval", 0, 4, {}, makeDtInterval},
    {"make_interval", 0, 7, {}, makeInterval},
    {"make_ym_interval", 0, 2, {}, makeYmInterval},
    {"try_make_interval", 0, 7, {}, tryMakeInterval},
    {"from_utc_timestamp", 2, 2, {}, fromUtcTimestamp},
    {"timestamp_micros", 1, 1, {}, timestampMicros},
    {"timestamp_millis", 1, 1, {}, timestampMillis},
    {"timestamp_seconds", 1, 1, {}, timestampSeconds},
    {"to_unix_timestamp", 1, 2, {}, unixTimestamp},
    {"to_utc_timestamp", 2, 2, {}, toUtcTimestamp},
    {"try_make_timestamp", 1, 7, {}, tryMakeTimestamp},
    {"try_make_timestamp_ltz", 1, 7, {}, tryMakeTimestamp},
    {"try_make_timestamp_ntz", 1, 6, {}, tryMakeTimestampNtz},
    {"try_to_date", 1, 2, {}, tryToDate},
    {"try_to_time", 1, 2, {}, tryToTime},
    {"try_to_timestamp", 1, 2, {}, tryToTimestamp},
    {"unix_micros", 1, 1, "epoch_us(CAST($1 AS TIMESTAMPTZ))"},
    {"unix_millis", 1, 1, "epoch_ms(CAST($1 AS TIMESTAMPTZ))"},
    {"unix_seconds", 1, 1, "CAST(floor(epoch(CAST($1 AS TIMESTAMPTZ))) AS BIGINT)"},
    {"unix_timestamp", 0, 2, {}, unixTimestamp},
    {"add_months", 2, 2, "CAST(CAST($1 AS DATE) + to_months(CAST($2 AS INTEGER)) AS DATE)"},
    {"date_add", 2, 2, "CAST(CAST($1 AS DATE) + CAST($2 AS INTEGER) AS DATE)"},
    {"date_diff", 2, 2, "datediff('day', CAST($2 AS DATE), CAST($1 AS DATE))"},
    {"date_trunc", 2, 2, {}, dateTrunc},
    {"dateadd", 2, 2, "CAST(CAST($1 AS DATE) + CAST($2 AS INTEGER) AS DATE)"},
    {"dayname", 1, 1, "strftime(CAST($1 AS DATE), '%a')"},
    {"date_format", 2, 2, {}, dateFormat},
    {"date_from_unix_date", 1, 1, "CAST(DATE '1970-01-01' + CAST($1 AS INTEGER) AS DATE)"},
    {"date_part", 2, 2, {}, datePart},
    {"datepart", 2, 2, {}, datePart},
    {"date_sub", 2, 2, "CAST(CAST($1 AS DATE) - CAST($2 AS INTEGER) AS DATE)"},
    {"datediff", 2, 2, "datediff('day', CAST($2 AS DATE), CAST($1 AS DATE))"},
    {"day", 1, 1, "dayofmonth(CAST($1 AS DATE))"},
    {"dayofmonth", 1, 1, "dayofmonth(CAST($1 AS DATE))"},
    {"dayofweek", 1, 1, "(dayofweek(CAST($1 AS DATE)) + 1)"},
    {"dayofyear", 1, 1, "dayofyear(CAST($1 AS DATE))"},
    {"extract", 1, 2, {}, extract, true},
    {"from_unixtime", 1, 2, {}, fromUnixtime},
    {"hour", 1, 1, "hour(CAST($1 AS TIMESTAMP))"},
    {"last_day", 1, 1, "last_day(CAST($1 AS DATE))"},
    {"make_timestamp", 2, 7, {}, makeTimestamp},
    {"make_timestamp_ltz", 2, 7, {}, makeTimestamp},
    {"make_timestamp_ntz", 2, 6, {}, makeTimestampNtz},
    {"minute", 1, 1, "minute(CAST($1 AS TIMESTAMP))"},
    {"monthname", 1, 1, "strftime(CAST($1 AS DATE), '%b')"},
    {"months_between", 2, 3, {}, monthsBetween},
    {"next_day", 2, 2,
     "CAST(CAST($1 AS DATE) + CAST((list_position(['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'], "
     "upper(substr($2, 1, 2))) - 1 - dayofweek(CAST($1 AS DATE)) + 6) % 7 + 1 AS INTEGER) AS "
     "DATE)"},
    {"second", 1, 1, "second(CAST($1 AS TIMESTAMP))"},
    {"month", 1, 1, "month(CAST($1 AS DATE))"},
    {"quarter", 1, 1, "quarter(CAST($1 AS DATE))"},
    {"time_diff", 3, 3, {}, timeDiff},
    {"time_from_micros", 1, 1,
     "CAST(TIME '00:00:00' + to_microseconds(CAST($1 AS BIGINT)) AS TIME)"},
    {"time_from_millis", 1, 1,
     "CAST(TIME '00:00:00' + to_microseconds(CAST($1 AS BIGINT) * 1000) AS TIME)"},
    {"time_from_seconds", 1, 1,
     "CAST(TIME '00:00:00' + to_microseconds(CAST(round(CAST($1 AS DOUBLE) * 1000000) AS BIGINT)) "
     "AS "
     "TIME)"},
    {"time_to_micros", 1, 1, {}, timeToMicros},
    {"time_to_millis", 1, 1, {}, timeToMillis},
    {"time_to_seconds", 1, 1, {}, timeToSeconds},
    {"time_trunc", 2, 2, {}, timeTrunc},
    {"to_date", 1, 2, {}, toDate},
    {"to_time", 1, 2, {}, toTime},
    {"to_timestamp_ltz", 1, 2, {}, toTimestamp},
    {"to_timestamp_ntz", 1, 2, {}, toTimestampNtz},
    {"to_timestamp", 1, 2, {}, toTimestamp},
    {"trunc", 2, 2, {}, trunc},
    {"unix_date", 1, 1, "CAST(CAST($1 AS DATE) - DATE '1970-01-01' AS INTEGER)"},
    {"weekday", 1, 1, "(isodow(CAST($1 AS DATE)) - 1)"},
    {"weekofyear", 1, 1, "weekofyear(CAST($1 AS DATE))"},
    {"year", 1, 1, "year(CAST($1 AS DATE))"},
};

}  // namespace

std::span<const BuiltinFunction> datetimeFunctions() {
  return kDatetimeFunctions;
}

}  // namespace clxs::kernel
