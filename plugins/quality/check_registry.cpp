#include "plugins/quality/check_registry.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/iso_codes.hpp"
#include "plugins/quality/schema_match.hpp"

namespace clxs::quality {

std::string_view criticalityName(Criticality c) {
  return c == Criticality::Error ? "error" : "warn";
}

std::optional<Criticality> parseCriticality(std::string_view text) {
  const std::string t = lowerAscii(text);
  if (t == "error") return Criticality::Error;
  if (t == "warn" || t == "warning") return Criticality::Warn;
  return std::nullopt;
}

std::string_view argTypeName(ArgType t) {
  switch (t) {
    case ArgType::Column:
      return "column";
    case ArgType::Columns:
      return "list[column]";
    case ArgType::Value:
      return "value";
    case ArgType::Values:
      return "list[value]";
    case ArgType::Integer:
      return "int";
    case ArgType::Number:
      return "float";
    case ArgType::Boolean:
      return "bool";
    case ArgType::Text:
      return "str";
    case ArgType::Expression:
      return "sql_expression";
    case ArgType::Table:
      return "table";
  }
  return "value";
}

std::string normalizeName(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.size() > 255) out.resize(255);
  return out;
}

namespace {

[[noreturn]] void badArgument(std::string_view name, const std::string& msg) {
  throw unprocessable(Json::array({"body", "arguments", std::string(name)}), msg, "value_error");
}

const Json& arg(const Check& c, std::string_view name) {
  static const Json kNull;
  const auto it = c.arguments.find(std::string(name));
  return it == c.arguments.end() ? kNull : *it;
}

bool flag(const Check& c, std::string_view name, bool fallback) {
  const Json& v = arg(c, name);
  return v.is_boolean() ? v.get<bool>() : fallback;
}

std::int64_t integer(const Check& c, std::string_view name, std::int64_t fallback) {
  const Json& v = arg(c, name);
  return v.is_number_integer() ? v.get<std::int64_t>() : fallback;
}

double number(const Check& c, std::string_view name, double fallback) {
  const Json& v = arg(c, name);
  return v.is_number() ? v.get<double>() : fallback;
}

bool isIdentifierPath(std::string_view s) {
  static const std::regex kPath(R"([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)");
  return std::regex_match(s.begin(), s.end(), kPath);
}

// A value argument as DQX reads it: a number as itself, a string of digits as a number, an ISO
// date or timestamp as a typed literal, a quoted string ('active') as that string, any other
// string as a SQL expression (a column name or an expression over the row).
std::string valueSql(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
  if (v.is_number()) return v.dump();
  const std::string s = v.get<std::string>();
  static const std::regex kDigits(R"(-?\d+(\.\d+)?)");
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  static const std::regex kTimestamp(
      R"(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)");
  if (std::regex_match(s, kDigits)) return s;
  if (std::regex_match(s, kDate)) return "DATE " + quoteLiteral(s);
  if (std::regex_match(s, kTimestamp)) return "TIMESTAMP " + quoteLiteral(s);
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
    return quoteLiteral(s.substr(1, s.size() - 2));
  }
  if (isIdentifierPath(s)) return columnSql(v);
  return "(" + requireSingleExpression(s) + ")";
}

// A value of an `allowed`/`forbidden` list: always a literal (a quoted string loses its quotes).
std::string literalSql(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
  if (v.is_number()) return v.dump();
  std::string s = v.get<std::string>();
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') s = s.substr(1, s.size() - 2);
  return quoteLiteral(s);
}

std::string columnOf(const Check& c, std::string_view name = "column") {
  return columnSql(arg(c, name));
}

std::string nameOf(const Json& a, std::string_view name = "column") {
  const auto it = a.find(std::string(name));
  if (it == a.end()) return "";
  if (it->is_string()) return normalizeName(it->get<std::string>());
  if (it->is_array()) {
    std::string joined;
    for (const auto& p : *it) joined += (joined.empty() ? "" : "_") + p.get<std::string>();
    return normalizeName(joined);
  }
  return normalizeName(it->dump());
}

std::string tableSql(const Json& v) {
  const auto parts = splitQualified(v.get<std::string>());
  if (parts.size() != 3) {
    throw badRequest("A table is named catalog.schema.table, not '" + v.get<std::string>() + "'.");
  }
  return quoteQualified(parts);
}

std::string filterOf(const Check& c) {
  return c.filter.empty() ? "TRUE" : "(" + requireSingleExpression(c.filter) + ")";
}

std::string asText(const std::string& column, bool trim) {
  const std::string text = "CAST(" + column + " AS STRING)";
  return trim ? "trim(" + text + ")" : text;
}

std::string inList(const Check& c, std::string_view listArg) {
  const bool sensitive = flag(c, "case_sensitive", true);
  std::string items;
  for (const auto& v : arg(c, listArg)) {
    const std::string lit = literalSql(v);
    items +=
        (items.empty() ? "" : ", ") + (sensitive || !v.is_string() ? lit : "lower(" + lit + ")");
  }
  const std::string col = columnOf(c);
  return (sensitive ? col : "lower(CAST(" + col + " AS STRING))") + " IN (" + items + ")";
}

CompiledCheck rowCheck(std::string failWhen) {
  CompiledCheck out;
  out.failWhen = std::move(failWhen);
  return out;
}

// ---- row-level functions ----

CompiledCheck isNotNull(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " IS NULL");
}
CompiledCheck isNull(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " IS NOT NULL");
}
CompiledCheck isNotEmpty(const Check& c, std::size_t) {
  return rowCheck(asText(columnOf(c), flag(c, "trim_strings", false)) + " = ''");
}
CompiledCheck isEmpty(const Check& c, std::size_t) {
  return rowCheck(asText(columnOf(c), flag(c, "trim_strings", false)) + " <> ''");
}
CompiledCheck isNotNullAndNotEmpty(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  return rowCheck("(" + col + " IS NULL OR " + asText(col, flag(c, "trim_strings", false)) +
                  " = '')");
}
CompiledCheck isNullOrEmpty(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  return rowCheck("(" + col + " IS NOT NULL AND " + asText(col, flag(c, "trim_strings", false)) +
                  " <> '')");
}
CompiledCheck isNotNullAndNotEmptyArray(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  return rowCheck("(" + col + " IS NULL OR size(" + col + ") = 0)");
}
CompiledCheck isInList(const Check& c, std::size_t) {
  return rowCheck("NOT (" + inList(c, "allowed") + ")");
}
CompiledCheck isNotNullAndIsInList(const Check& c, std::size_t) {
  return rowCheck("(" + columnOf(c) + " IS NULL OR NOT (" + inList(c, "allowed") + "))");
}
CompiledCheck isNotInList(const Check& c, std::size_t) {
  return rowCheck("(" + inList(c, "forbidden") + ")");
}
CompiledCheck sqlExpression(const Check& c, std::size_t) {
  const std::string e =
      "(" + requireSingleExpression(arg(c, "expression").get<std::string>()) + ")";
  return rowCheck(flag(c, "negate", false) ? e : "NOT " + e);
}
CompiledCheck isEqualTo(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " <> " + valueSql(arg(c, "value")));
}
CompiledCheck isNotEqualTo(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " = " + valueSql(arg(c, "value")));
}
CompiledCheck isNotLessThan(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " < " + valueSql(arg(c, "limit")));
}
CompiledCheck isNotGreaterThan(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " > " + valueSql(arg(c, "limit")));
}
CompiledCheck isInRange(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  return rowCheck("(" + col + " < " + valueSql(arg(c, "min_limit")) + " OR " + col + " > " +
                  valueSql(arg(c, "max_limit")) + ")");
}
CompiledCheck isNotInRange(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  return rowCheck("(" + col + " >= " + valueSql(arg(c, "min_limit")) + " AND " + col +
                  " <= " + valueSql(arg(c, "max_limit")) + ")");
}
CompiledCheck regexMatch(const Check& c, std::size_t) {
  const std::string m = "(" + asText(columnOf(c), false) + " RLIKE " +
                        quoteLiteral(arg(c, "regex").get<std::string>()) + ")";
  return rowCheck(flag(c, "negate", false) ? m : "NOT " + m);
}
CompiledCheck patternCheck(const Check& c, const char* regex) {
  return rowCheck("NOT (" + asText(columnOf(c), false) + " RLIKE " + quoteLiteral(regex) + ")");
}
CompiledCheck isValidIpv4(const Check& c, std::size_t) {
  return patternCheck(
      c,
      R"(^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$)");
}
CompiledCheck isValidEmail(const Check& c, std::size_t) {
  return patternCheck(
      c,
      R"(^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$)");
}
CompiledCheck isValidUuid(const Check& c, std::size_t) {
  return flag(c, "strict", false)
             ? patternCheck(c,
                            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]"
                            "{3}-[0-9a-fA-F]{12}$")
             : patternCheck(
                   c,
                   "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
}
constexpr const char* kIpv4Pattern =
    R"(^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$)";
CompiledCheck isIpv4InCidr(const Check& c, std::size_t) {
  // The block is checked here, so a bad one is a 422 before anything runs.
  static const std::regex kCidr(R"((\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2}))");
  const Json& block = arg(c, "cidr_block");
  std::smatch m;
  const std::string text = block.is_string() ? block.get<std::string>() : "";
  if (!std::regex_match(text, m, kCidr)) {
    badArgument("cidr_block", "cidr_block must be an IPv4 block such as 10.0.0.0/8");
  }
  std::int64_t address = 0;
  for (int i = 1; i <= 4; ++i) {
    const int octet = std::stoi(m[i].str());
    if (octet > 255) badArgument("cidr_block", "an IPv4 octet is at most 255");
    address = address * 256 + octet;
  }
  const int prefix = std::stoi(m[5].str());
  if (prefix > 32) badArgument("cidr_block", "an IPv4 prefix is at most 32");
  const std::int64_t mask = prefix == 0 ? 0 : (0xFFFFFFFFLL << (32 - prefix)) & 0xFFFFFFFFLL;
  const std::string s = asText(columnOf(c), false);
  std::string number;
  for (int i = 1; i <= 4; ++i) {
    static constexpr const char* kWeights[] = {"16777216", "65536", "256", "1"};
    number += std::string(i > 1 ? " + " : "") + "CAST(split_part(" + s + ", '.', " +
              std::to_string(i) + ") AS BIGINT) * " + kWeights[i - 1];
  }
  // CASE keeps a malformed address from reaching the casts; NULL passes.
  return rowCheck("(CASE WHEN " + s + " IS NULL THEN NULL WHEN " + s + " RLIKE " +
                  quoteLiteral(kIpv4Pattern) + " THEN ((" + number + ") & " + std::to_string(mask) +
                  ") <> " + std::to_string(address & mask) + " ELSE TRUE END)");
}
CompiledCheck isValidIpv6(const Check& c, std::size_t) {
  const std::string h = "[0-9a-fA-F]{1,4}";
  const std::string v4 =
      R"(((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))";
  const std::string re = "^((" + h + ":){7}" + h + "|(" + h + ":){1,7}:|(" + h + ":){1,6}:" + h +
                         "|(" + h + ":){1,5}(:" + h + "){1,2}|(" + h + ":){1,4}(:" + h +
                         "){1,3}|(" + h + ":){1,3}(:" + h + "){1,4}|(" + h + ":){1,2}(:" + h +
                         "){1,5}|" + h + ":(:" + h + "){1,6}|:((:" + h + "){1,7}|:)|(" + h +
                         ":){6}" + v4 + "|::(ffff(:0{1,4})?:)?" + v4 + "|(" + h + ":){1,5}:" + v4 +
                         ")$";
  return patternCheck(c, re.c_str());
}
CompiledCheck isValidJson(const Check& c, std::size_t) {
  const std::string s = asText(columnOf(c), false);
  return rowCheck("(" + s + " IS NOT NULL AND get_json_object(" + s + ", '$') IS NULL AND trim(" +
                  s + ") <> 'null')");
}
CompiledCheck hasValidStringCase(const Check& c, std::size_t) {
  const Json& kind = arg(c, "case");
  const std::string k = kind.is_string() ? kind.get<std::string>() : "";
  const std::string s = asText(columnOf(c), false);
  if (k == "upper") return rowCheck(s + " <> upper(" + s + ")");
  if (k == "lower") return rowCheck(s + " <> lower(" + s + ")");
  // Title: each word (split on spaces) starts upper case; sentence: each `.`-separated part's
  // first letter is upper case. The other letters are not judged, as in DQX.
  if (k == "title") return rowCheck(s + " RLIKE '(^| )\\\\p{Ll}'");
  if (k == "sentence") return rowCheck(s + " RLIKE '(^|\\\\.)\\\\s*\\\\p{Ll}'");
  badArgument("case", "case must be one of upper, lower, title, sentence");
}
CompiledCheck isValidDate(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  const Json& fmt = arg(c, "date_format");
  const std::string parsed = "try_to_date(" + asText(col, false) +
                             (fmt.is_string() ? ", " + quoteLiteral(fmt.get<std::string>()) : "") +
                             ")";
  return rowCheck("(" + col + " IS NOT NULL AND " + parsed + " IS NULL)");
}
CompiledCheck isValidTimestamp(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  const Json& fmt = arg(c, "timestamp_format");
  const std::string parsed = "try_to_timestamp(" + asText(col, false) +
                             (fmt.is_string() ? ", " + quoteLiteral(fmt.get<std::string>()) : "") +
                             ")";
  return rowCheck("(" + col + " IS NOT NULL AND " + parsed + " IS NULL)");
}
std::string now(const Check& c, std::string_view name) {
  const Json& v = arg(c, name);
  return v.is_null() ? "current_timestamp()" : valueSql(v);
}
CompiledCheck isNotInFuture(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " > " + now(c, "curr_timestamp") + " + INTERVAL " +
                  std::to_string(integer(c, "offset", 0)) + " SECONDS");
}
CompiledCheck isNotInNearFuture(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  const std::string n = now(c, "curr_timestamp");
  return rowCheck("(" + col + " > " + n + " AND " + col + " < " + n + " + INTERVAL " +
                  std::to_string(integer(c, "offset", 0)) + " SECONDS)");
}
CompiledCheck isOlderThanNDays(const Check& c, std::size_t) {
  const Json& curr = arg(c, "curr_date");
  const std::string today = curr.is_null() ? "current_date()" : valueSql(curr);
  const std::string cmp = "to_date(" + columnOf(c) + ") " +
                          (flag(c, "negate", false) ? "<" : ">=") + " date_sub(" + today + ", " +
                          std::to_string(integer(c, "days", 0)) + ")";
  return rowCheck("(" + cmp + ")");
}
CompiledCheck isOlderThanCol2ForNDays(const Check& c, std::size_t) {
  const std::string cmp = "to_date(" + columnOf(c, "column1") + ") " +
                          (flag(c, "negate", false) ? "<" : ">=") + " date_sub(to_date(" +
                          columnOf(c, "column2") + "), " + std::to_string(integer(c, "days", 0)) +
                          ")";
  return rowCheck("(" + cmp + ")");
}
CompiledCheck isDataFresh(const Check& c, std::size_t) {
  return rowCheck(columnOf(c) + " < " + now(c, "base_timestamp") + " - INTERVAL " +
                  std::to_string(integer(c, "max_age_minutes", 0)) + " MINUTES");
}
CompiledCheck hasJsonKeys(const Check& c, std::size_t) {
  const std::string col = columnOf(c);
  const std::string keys = "json_object_keys(" + asText(col, false) + ")";
  std::string present;
  const bool all = flag(c, "require_all", true);
  for (const auto& k : arg(c, "keys")) {
    present += std::string(present.empty() ? "" : (all ? " AND " : " OR ")) + "array_contains(" +
               keys + ", " + quoteLiteral(k.get<std::string>()) + ")";
  }
  return rowCheck("(" + col + " IS NOT NULL AND (" + keys + " IS NULL OR NOT (" + present + ")))");
}

// ---- ISO codes and national identifiers ----

// The column is one of the codes of an ISO list (numeric codes compare as text, so 4 is not
// "004"); case-insensitive unless case_sensitive.
CompiledCheck isoCheck(const Check& c, IsoStandard standard, const char* fallbackFormat) {
  const Json& f = arg(c, "code_format");
  const std::string format = f.is_string() ? lowerAscii(f.get<std::string>()) : fallbackFormat;
  const auto& codes = isoCodes(standard, format);
  const bool numeric = format == "numeric";
  const bool sensitive = numeric || flag(c, "case_sensitive", true);
  std::string items;
  for (const auto& code : codes) {
    items += (items.empty() ? "" : ", ") + quoteLiteral(sensitive ? code : lowerAscii(code));
  }
  const std::string col = columnOf(c);
  const std::string subject = numeric     ? asText(col, false)
                              : sensitive ? col
                                          : "lower(" + asText(col, false) + ")";
  return rowCheck("NOT (" + subject + " IN (" + items + "))");
}
CompiledCheck isValidCountryCode(const Check& c, std::size_t) {
  return isoCheck(c, IsoStandard::Country, "alpha-2");
}
CompiledCheck isValidCurrencyCode(const Check& c, std::size_t) {
  return isoCheck(c, IsoStandard::Currency, "alphabetic");
}
CompiledCheck isValidLanguageCode(const Check& c, std::size_t) {
  return isoCheck(c, IsoStandard::Language, "alpha-2");
}
// ISO 3166-2; with country_column, the code's country part must also be that column's value
// (a NULL country passes).
CompiledCheck isValidSubdivisionCode(const Check& c, std::size_t) {
  const bool sensitive = flag(c, "case_sensitive", true);
  std::string items;
  for (const auto& code : isoCodes(IsoStandard::Subdivision, "")) {
    items += (items.empty() ? "" : ", ") + quoteLiteral(sensitive ? code : lowerAscii(code));
  }
  const std::string col = columnOf(c);
  const std::string subject = sensitive ? col : "lower(" + asText(col, false) + ")";
  const std::string invalid = "NOT (" + subject + " IN (" + items + "))";
  const Json& country = arg(c, "country_column");
  if (country.is_null()) return rowCheck(invalid);
  const std::string countrySql = columnSql(country);
  const std::string theirs = sensitive ? countrySql : "lower(" + asText(countrySql, false) + ")";
  return rowCheck("(" + invalid + " OR split(" + asText(subject, false) + ", '-')[0] <> " + theirs +
                  ")");
}
std::string nationalIdCountry(const Json& a) {
  const auto it = a.find("country");
  return it != a.end() && it->is_string() ? upperAscii(it->get<std::string>()) : "US";
}
// US social security numbers (no area 000, 666 or 9xx, no group 00, no serial 0000; the same
// separator, '-', ' ' or none, twice), UK national insurance numbers, Indian PANs, as DQX
// checks them. Written without look-ahead, which the local engine's regular expressions lack.
CompiledCheck isValidNationalId(const Check& c, std::size_t) {
  const std::string country = nationalIdCountry(c.arguments);
  const std::string s = asText(columnOf(c), false);
  if (country == "US") {
    const std::string d = "regexp_replace(" + s + ", '[- ]', '')";
    return rowCheck(
        "NOT (" + s +
        " RLIKE '^([0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}|[0-9]{9})$' AND "
        "substr(" +
        d + ", 1, 3) NOT IN ('000', '666') AND substr(" + d + ", 1, 1) <> '9' AND substr(" + d +
        ", 4, 2) <> '00' AND substr(" + d + ", 6, 4) <> '0000')");
  }
  if (country == "GB") {
    return rowCheck("NOT (" + s +
                    " RLIKE '^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} "
                    "?[ABCD]$' AND substr(" +
                    s + ", 1, 2) NOT IN ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'))");
  }
  if (country == "IN") {
    return patternCheck(c, "^[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]$");
  }
  badArgument("country",
              "country must be one of US (SSN), GB (NINO), IN (PAN), not '" + country + "'");
}

// ---- dataset-level functions: a LEFT JOIN to a grouped subquery of the table ----

std::string alias(const char* kind, std::size_t index) {
  return std::string("__q") + kind + std::to_string(index);
}

std::vector<std::string> columnList(const Check& c, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& v : arg(c, name)) out.push_back(columnSql(v));
  return out;
}

CompiledCheck isUnique(const Check& c, std::size_t index) {
  const auto keys = columnList(c, "columns");
  const bool nullsDistinct = flag(c, "nulls_distinct", true);
  const std::string a = alias("u", index);
  std::string select;
  std::string group;
  std::string notNull;
  std::string on;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string k = a + "_" + std::to_string(i);
    select += keys[i] + " AS " + k + ", ";
    group += (i > 0 ? ", " : "") + keys[i];
    notNull += " AND " + keys[i] + " IS NOT NULL";
    on += std::string(i > 0 ? " AND " : "") + keys[i] + (nullsDistinct ? " = " : " <=> ") + a +
          "." + k;
  }
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + select + "TRUE AS " + a + "_hit FROM " +
             tableSql(Json(c.tableFqn)) + " WHERE " + filterOf(c) + (nullsDistinct ? notNull : "") +
             " GROUP BY " + group + " HAVING count(*) > 1) AS " + a + " ON " + on;
  out.failWhen = a + "." + a + "_hit";
  return out;
}

CompiledCheck hasNoOutliers(const Check& c, std::size_t index) {
  const std::string col = "CAST(" + columnOf(c) + " AS DOUBLE)";
  const std::string a = alias("o", index);
  const std::string m = a + "_m";
  const std::string table = tableSql(Json(c.tableFqn));
  const std::string where = " WHERE " + filterOf(c) + " AND " + col + " IS NOT NULL";
  // Median and median absolute deviation of the filtered rows; no rows, no verdict.
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + m + ".med AS " + a + "_med, percentile_approx(abs(" + col +
             " - " + m + ".med), 0.5) AS " + a + "_mad FROM " + table +
             " CROSS JOIN (SELECT percentile_approx(" + col + ", 0.5) AS med FROM " + table +
             where + ") AS " + m + where + " GROUP BY " + m + ".med) AS " + a + " ON TRUE";
  out.failWhen = "abs(" + col + " - " + a + "." + a + "_med) > 3.5 * " + a + "." + a + "_mad";
  return out;
}

CompiledCheck sqlQuery(const Check& c, std::size_t index) {
  const Json& q = arg(c, "query");
  if (!q.is_string() || q.get<std::string>().empty()) {
    badArgument("query", "query must be a SELECT reading the checked rows as {{ input_view }}");
  }
  const Json& ph = arg(c, "input_placeholder");
  const std::string placeholder = ph.is_string() ? ph.get<std::string>() : "input_view";
  static const std::regex kWord(R"([A-Za-z_][A-Za-z0-9_]*)");
  if (!std::regex_match(placeholder, kWord)) {
    badArgument("input_placeholder", "input_placeholder must be a word such as input_view");
  }
  const std::regex use(R"(\{\{\s*)" + placeholder + R"(\s*\}\})");
  const std::string text = q.get<std::string>();
  if (!std::regex_search(text, use)) {
    badArgument("query", "query must read the checked rows as {{ " + placeholder + " }}");
  }
  const std::string input =
      "(SELECT * FROM " + tableSql(Json(c.tableFqn)) + " WHERE " + filterOf(c) + ")";
  const std::string query = requireSingleQuery(std::regex_replace(text, use, input));
  const Json& cc = arg(c, "condition_column");
  const std::string condition =
      quoteIdentifier(cc.is_string() ? cc.get<std::string>() : std::string("condition"));
  const std::string a = alias("s", index);
  const auto merge = columnList(c, "merge_columns");
  CompiledCheck out;
  if (merge.empty()) {
    // One verdict for the whole input: any row of the query with a TRUE condition.
    out.join = "LEFT JOIN (SELECT bool_or(CAST(" + a + "_q." + condition + " AS BOOLEAN)) AS " + a +
               "_hit FROM (" + query + ") AS " + a + "_q) AS " + a + " ON TRUE";
  } else {
    std::string select;
    std::string group;
    std::string on;
    for (std::size_t i = 0; i < merge.size(); ++i) {
      const std::string k = a + "_" + std::to_string(i);
      select += a + "_q." + merge[i] + " AS " + k + ", ";
      group += std::string(i > 0 ? ", " : "") + a + "_q." + merge[i];
      on += std::string(i > 0 ? " AND " : "") + merge[i] + " <=> " + a + "." + k;
    }
    out.join = "LEFT JOIN (SELECT " + select + "bool_or(CAST(" + a + "_q." + condition +
               " AS BOOLEAN)) AS " + a + "_hit FROM (" + query + ") AS " + a + "_q GROUP BY " +
               group + ") AS " + a + " ON " + on;
  }
  out.failWhen = flag(c, "negate", false) ? "NOT " + a + "." + a + "_hit" : a + "." + a + "_hit";
  return out;
}

// DQX's compare_datasets: each row is looked up by key in the reference table; it fails when
// no reference row has its key, when the key is there twice, or when a compared column differs.
// The compared columns (common to both tables but keys, exclude_columns and maps) come from
// the tables' schemas: prepareChecks puts them in `__compare_columns` before a scan.
CompiledCheck compareDatasets(const Check& c, std::size_t index) {
  const auto keys = columnList(c, "columns");
  const auto refs = columnList(c, "ref_columns");
  if (keys.size() != refs.size()) {
    badArgument("ref_columns", "ref_columns must name as many columns as columns");
  }
  if (flag(c, "check_missing_records", false)) {
    badArgument("check_missing_records",
                "check_missing_records is not supported: a scan of this table cannot flag rows "
                "that only the reference has; run the check with the tables swapped instead");
  }
  const bool nullSafeRows = flag(c, "null_safe_row_matching", true);
  const bool nullSafeValues = flag(c, "null_safe_column_value_matching", true);
  const std::string a = alias("d", index);
  std::string select;
  std::string group;
  std::string on;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string k = a + "_" + std::to_string(i);
    select += refs[i] + " AS " + k + ", ";
    group += (i > 0 ? ", " : "") + refs[i];
    on += std::string(i > 0 ? " AND " : "") + keys[i] + (nullSafeRows ? " <=> " : " = ") + a + "." +
          k;
  }
  std::string differs;
  const Json& compared = arg(c, "__compare_columns");
  if (compared.is_array()) {
    for (std::size_t i = 0; i < compared.size(); ++i) {
      const std::string col = quoteIdentifier(compared[i].get<std::string>());
      const std::string v = a + "_v" + std::to_string(i);
      select += "any_value(" + col + ") AS " + v + ", ";
      const std::string other = a + "." + v;
      differs += " OR " + (nullSafeValues ? "NOT (" + col + " <=> " + other + ")"
                                          : "coalesce(" + col + " <> " + other + ", FALSE)");
    }
  }
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + select + "count(*) AS " + a + "_n FROM " +
             tableSql(arg(c, "ref_table")) + " GROUP BY " + group + ") AS " + a + " ON " + on;
  out.failWhen = "(" + a + "." + a + "_n IS NULL OR " + a + "." + a + "_n > 1" + differs + ")";
  return out;
}

CompiledCheck foreignKey(const Check& c, std::size_t index) {
  const auto keys = columnList(c, "columns");
  const auto refs = columnList(c, "ref_columns");
  if (keys.size() != refs.size()) {
    badArgument("ref_columns", "ref_columns must name as many columns as columns");
  }
  const bool nullSafe = flag(c, "null_safe", false);
  const std::string a = alias("f", index);
  std::string select;
  std::string on;
  std::string notNull;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string k = a + "_" + std::to_string(i);
    select += refs[i] + " AS " + k + ", ";
    on += std::string(i > 0 ? " AND " : "") + keys[i] + (nullSafe ? " <=> " : " = ") + a + "." + k;
    notNull += keys[i] + " IS NOT NULL AND ";
  }
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT DISTINCT " + select + "TRUE AS " + a + "_hit FROM " +
             tableSql(arg(c, "ref_table")) + ") AS " + a + " ON " + on;
  out.failWhen = flag(c, "negate", false)
                     ? a + "." + a + "_hit"
                     : "(" + (nullSafe ? "" : notNull) + a + "." + a + "_hit IS NULL)";
  return out;
}

// The aggregate `type` of `column` ("*" only for count), over the values `input` gives for
// a column's SQL (the column itself, or a CASE keeping the filtered rows' values).
std::string aggregateSql(const Check& c, const Json& column, const std::string& fallbackType,
                         const std::function<std::string(const std::string&)>& input = {}) {
  const Json& typeArg = arg(c, "aggr_type");
  const std::string type =
      typeArg.is_string() ? lowerAscii(typeArg.get<std::string>()) : fallbackType;
  const bool star = column.is_string() && column.get<std::string>() == "*";
  if (star && type != "count") {
    badArgument("column", "\"*\" is a column only for aggr_type count");
  }
  const std::string col = star ? (input ? input("1") : std::string("*"))
                               : (input ? input(columnSql(column)) : columnSql(column));
  if (type == "count") return "count(" + col + ")";
  if (type == "count_distinct") return "count(DISTINCT " + col + ")";
  static const std::vector<std::string> kPlain{
      "sum",      "avg",        "min",         "max",
      "stddev",   "stddev_pop", "stddev_samp", "variance",
      "var_pop",  "var_samp",   "median",      "mode",
      "skewness", "kurtosis",   "count_if",    "approx_count_distinct"};
  if (std::find(kPlain.begin(), kPlain.end(), type) != kPlain.end()) {
    return type + "(" + col + ")";
  }
  badArgument("aggr_type",
              "aggr_type must be one of count, count_distinct, count_if, sum, avg, min, max, "
              "stddev, stddev_pop, stddev_samp, variance, var_pop, var_samp, median, mode, "
              "skewness, kurtosis, approx_count_distinct");
}

// `group_by` of a dataset check as SELECT items aliased <a>_<i>, their GROUP BY list, and the
// null-safe ON condition joining the checked row to its group.
struct GroupSql {
  std::string select;
  std::string group;
  std::string on;
  std::string keys;  // the aliases, comma-separated
};
GroupSql groupSql(const std::vector<std::string>& groups, const std::string& a) {
  GroupSql g;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string k = a + "_" + std::to_string(i);
    g.select += groups[i] + " AS " + k + ", ";
    g.group += (i > 0 ? ", " : "") + groups[i];
    g.on += std::string(i > 0 ? " AND " : "") + groups[i] + " <=> " + a + "." + k;
    g.keys += (i > 0 ? ", " : "") + k;
  }
  return g;
}

CompiledCheck aggrCheck(const Check& c, std::size_t index, const char* op) {
  const std::string a = alias("a", index);
  const GroupSql g = groupSql(columnList(c, "group_by"), a);
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + g.select + aggregateSql(c, arg(c, "column"), "count") + " AS " +
             a + "_m FROM " + tableSql(Json(c.tableFqn)) + " WHERE " + filterOf(c) +
             (g.group.empty() ? "" : " GROUP BY " + g.group) + ") AS " + a + " ON " +
             (g.on.empty() ? "TRUE" : g.on);
  const std::string m = a + "." + a + "_m";
  const std::string limit = valueSql(arg(c, "limit"));
  const std::string_view o(op);
  if (o == "=" || o == "<>") {
    // Equal within a tolerance: |m - l| <= abs_tolerance or <= rel_tolerance * max(|m|, |l|).
    const std::string diff = "abs(" + m + " - " + limit + ")";
    const std::string equal = "(" + diff + " <= " + std::to_string(number(c, "abs_tolerance", 0)) +
                              " OR " + diff +
                              " <= " + std::to_string(number(c, "rel_tolerance", 0)) +
                              " * greatest(abs(" + m + "), abs(" + limit + ")))";
    out.failWhen = o == "<>" ? "NOT " + equal : equal;
    return out;
  }
  out.failWhen = m + " " + op + " " + limit;
  return out;
}
CompiledCheck isAggrNotGreaterThan(const Check& c, std::size_t i) {
  return aggrCheck(c, i, ">");
}
CompiledCheck isAggrNotLessThan(const Check& c, std::size_t i) {
  return aggrCheck(c, i, "<");
}
CompiledCheck isAggrEqual(const Check& c, std::size_t i) {
  return aggrCheck(c, i, "<>");
}
CompiledCheck isAggrNotEqual(const Check& c, std::size_t i) {
  return aggrCheck(c, i, "=");
}

std::int64_t positiveInteger(const Check& c, std::string_view name, std::int64_t fallback) {
  const std::int64_t v = integer(c, name, fallback);
  if (v <= 0) badArgument(name, std::string(name) + " must be a positive whole number");
  return v;
}

// DQX's has_no_aggr_outliers: the aggregate per time bucket (and group); the latest bucket
// against the mean and population standard deviation of up to lookback_num_intervals buckets
// before it. Every row of a group whose latest bucket is more than sigma deviations away fails.
CompiledCheck hasNoAggrOutliers(const Check& c, std::size_t index) {
  const double sigma = number(c, "sigma", 3.0);
  if (sigma <= 0) badArgument("sigma", "sigma must be a positive number");
  const std::int64_t lookback = integer(c, "lookback_num_intervals", 14);
  if (lookback < 2)
    badArgument("lookback_num_intervals", "lookback_num_intervals must be 2 or more");
  const std::int64_t warmup = integer(c, "warmup_num_intervals", 7);
  if (warmup < 1 || warmup > lookback) {
    badArgument("warmup_num_intervals",
                "warmup_num_intervals must be from 1 to lookback_num_intervals (" +
                    std::to_string(lookback) + ")");
  }
  const Json& unitArg = arg(c, "time_interval");
  const std::string unit = unitArg.is_string() ? lowerAscii(unitArg.get<std::string>()) : "day";
  if (unit != "minute" && unit != "hour" && unit != "day" && unit != "week" && unit != "month") {
    badArgument("time_interval", "time_interval must be one of minute, hour, day, week, month");
  }
  const std::string a = alias("h", index);
  const GroupSql g = groupSql(columnList(c, "group_by"), a);
  const std::string filter = filterOf(c);
  // The filter keeps rows out of the aggregate, not out of the buckets, as in DQX.
  const std::string metric = aggregateSql(c, arg(c, "column"), "avg", [&](const std::string& v) {
    return "CASE WHEN " + filter + " THEN " + v + " END";
  });
  const std::string bucket =
      "date_trunc('" + upperAscii(unit) + "', " + columnOf(c, "time_column") + ")";
  const std::string history =
      "CASE WHEN " + a + "_rn BETWEEN 2 AND " + std::to_string(lookback + 1) + " THEN ";
  const std::string buckets = "SELECT " + g.select + bucket + " AS " + a + "_t, " + metric +
                              " AS " + a + "_m FROM " + tableSql(Json(c.tableFqn)) + " GROUP BY " +
                              (g.group.empty() ? "" : g.group + ", ") + bucket;
  const std::string ranked =
      "SELECT *, row_number() OVER (" + (g.keys.empty() ? "" : "PARTITION BY " + g.keys + " ") +
      "ORDER BY " + a + "_t DESC NULLS LAST) AS " + a + "_rn FROM (" + buckets + ") AS " + a + "_b";
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + (g.keys.empty() ? "" : g.keys + ", ") + "max(CASE WHEN " + a +
             "_rn = 1 THEN " + a + "_m END) AS " + a + "_cur, avg(" + history + a + "_m END) AS " +
             a + "_mu, stddev_pop(" + history + a + "_m END) AS " + a + "_sd, count(" + history +
             "1 END) AS " + a + "_n FROM (" + ranked + ") AS " + a + "_r" +
             (g.keys.empty() ? "" : " GROUP BY " + g.keys) + ") AS " + a + " ON " +
             (g.on.empty() ? "TRUE" : g.on);
  const std::string p = a + "." + a;
  out.failWhen = "(" + p + "_n >= " + std::to_string(warmup) + " AND " + p + "_sd > 0 AND abs(" +
                 p + "_cur - " + p + "_mu) > " + std::to_string(sigma) + " * " + p + "_sd)";
  return out;
}

// DQX's aggr_matches_dataset: the aggregate of the checked rows (per group) against the same
// aggregate of a reference table (per its groups), compared null-safely within the tolerances;
// a group the reference lacks compares with NULL.
CompiledCheck aggrMatchesDataset(const Check& c, std::size_t index) {
  const auto groups = columnList(c, "group_by");
  auto refGroups = columnList(c, "ref_group_by");
  if (!refGroups.empty() && groups.empty()) {
    badArgument("ref_group_by", "ref_group_by needs group_by for the checked table as well");
  }
  if (refGroups.empty()) refGroups = groups;
  if (refGroups.size() != groups.size()) {
    badArgument("ref_group_by", "ref_group_by must name as many columns as group_by");
  }
  const double absTolerance = number(c, "abs_tolerance", 0);
  const double relTolerance = number(c, "rel_tolerance", 0);
  if (absTolerance < 0) badArgument("abs_tolerance", "abs_tolerance must not be negative");
  if (relTolerance < 0) badArgument("rel_tolerance", "rel_tolerance must not be negative");
  const Json& refColumn = arg(c, "ref_column").is_null() ? arg(c, "column") : arg(c, "ref_column");
  const Json& refFilterArg = arg(c, "ref_row_filter");
  const std::string refFilter =
      refFilterArg.is_string() && !refFilterArg.get<std::string>().empty()
          ? "(" + requireSingleExpression(refFilterArg.get<std::string>()) + ")"
          : "TRUE";
  const std::string a = alias("m", index);
  const GroupSql mine = groupSql(groups, a);
  const GroupSql theirs = groupSql(refGroups, a);
  const std::string left = "SELECT " + mine.select + aggregateSql(c, arg(c, "column"), "count") +
                           " AS " + a + "_m FROM " + tableSql(Json(c.tableFqn)) + " WHERE " +
                           filterOf(c) + (mine.group.empty() ? "" : " GROUP BY " + mine.group);
  const std::string right = "SELECT " + theirs.select + aggregateSql(c, refColumn, "count") +
                            " AS " + a + "_r FROM " + tableSql(arg(c, "ref_table")) + " WHERE " +
                            refFilter + (theirs.group.empty() ? "" : " GROUP BY " + theirs.group);
  std::string on;
  std::string keys;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string k = a + "_" + std::to_string(i);
    on += std::string(i > 0 ? " AND " : "") + a + "_l." + k + " <=> " + a + "_x." + k;
    keys += a + "_l." + k + ", ";
  }
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + keys + a + "_l." + a + "_m, " + a + "_x." + a + "_r FROM (" +
             left + ") AS " + a + "_l " + (on.empty() ? "CROSS JOIN (" : "LEFT JOIN (") + right +
             ") AS " + a + "_x" + (on.empty() ? "" : " ON " + on) + ") AS " + a + " ON " +
             (mine.on.empty() ? "TRUE" : mine.on);
  const std::string m = a + "." + a + "_m";
  const std::string r = a + "." + a + "_r";
  const std::string diff = "abs(" + m + " - " + r + ")";
  out.failWhen = "NOT (" + m + " <=> " + r + " OR coalesce(" + diff +
                 " <= " + std::to_string(absTolerance) + " OR " + diff +
                 " <= " + std::to_string(relTolerance) + " * greatest(abs(" + m + "), abs(" + r +
                 ")), FALSE))";
  return out;
}

std::string epochBucket(const std::string& timestamp, std::int64_t seconds) {
  return "floor(unix_timestamp(CAST(" + timestamp + " AS TIMESTAMP)) / " + std::to_string(seconds) +
         ")";
}

// DQX's is_data_fresh_per_time_window: rows up to now (and, with lookback_windows, no older
// than that many windows) fall in epoch-aligned windows of window_minutes; the rows of a window
// holding fewer than min_records_per_window of them fail.
CompiledCheck isDataFreshPerTimeWindow(const Check& c, std::size_t index) {
  const std::int64_t seconds = positiveInteger(c, "window_minutes", 0) * 60;
  const std::int64_t least = positiveInteger(c, "min_records_per_window", 0);
  const std::string col = columnOf(c);
  const std::string n = now(c, "curr_timestamp");
  std::string inScope = col + " <= " + n;
  if (!arg(c, "lookback_windows").is_null()) {
    const std::int64_t windows = positiveInteger(c, "lookback_windows", 0);
    inScope += " AND unix_timestamp(" + col + ") >= unix_timestamp(" + n + ") - " +
               std::to_string(windows * seconds);
  }
  const std::string a = alias("w", index);
  const std::string bucket = epochBucket(col, seconds);
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT " + bucket + " AS " + a + "_b, count(*) AS " + a + "_n FROM " +
             tableSql(Json(c.tableFqn)) + " WHERE " + filterOf(c) + " AND " + inScope +
             " GROUP BY " + bucket + ") AS " + a + " ON " + bucket + " = " + a + "." + a + "_b";
  out.failWhen = "(" + inScope + " AND " + a + "." + a + "_n < " + std::to_string(least) + ")";
  return out;
}

// DQX's has_no_gaps_per_time_window: in epoch-aligned windows of window_minutes (per group),
// the rows of a window whose next window with rows is more than one window later fail; with
// trailing_gap, so do the last window's when now is more than one window after it.
CompiledCheck hasNoGapsPerTimeWindow(const Check& c, std::size_t index) {
  const std::int64_t seconds = positiveInteger(c, "window_minutes", 0) * 60;
  const bool trailing = flag(c, "trailing_gap", false);
  if (!trailing && !arg(c, "curr_timestamp").is_null()) {
    badArgument("curr_timestamp", "curr_timestamp is used only with trailing_gap true");
  }
  const std::string col = columnOf(c);
  const std::string a = alias("g", index);
  const GroupSql g = groupSql(columnList(c, "group_by"), a);
  const std::string bucket = epochBucket(col, seconds);
  const std::string windows = "SELECT DISTINCT " + g.select + bucket + " AS " + a + "_b FROM " +
                              tableSql(Json(c.tableFqn)) + " WHERE " + col + " IS NOT NULL";
  CompiledCheck out;
  out.join = "LEFT JOIN (SELECT *, lead(" + a + "_b) OVER (" +
             (g.keys.empty() ? "" : "PARTITION BY " + g.keys + " ") + "ORDER BY " + a + "_b) AS " +
             a + "_nb FROM (" + windows + ") AS " + a + "_d) AS " + a + " ON " +
             (g.on.empty() ? "" : g.on + " AND ") + bucket + " = " + a + "." + a + "_b";
  const std::string next = trailing ? "coalesce(" + a + "." + a + "_nb, " +
                                          epochBucket(now(c, "curr_timestamp"), seconds) + ")"
                                    : a + "." + a + "_nb";
  out.failWhen = "(" + next + " - " + a + "." + a + "_b > 1)";
  return out;
}

// DQX's has_valid_schema: the table's columns against expected_schema or ref_table's; every
// row fails when they differ. prepareChecks compares the schemas before a scan and leaves the
// differences in `__schema_errors`.
CompiledCheck hasValidSchema(const Check& c, std::size_t) {
  const bool ddl = !arg(c, "expected_schema").is_null();
  const bool ref = !arg(c, "ref_table").is_null();
  if (ddl == ref) {
    badArgument(ddl ? "ref_table" : "expected_schema",
                "has_valid_schema takes exactly one of expected_schema and ref_table");
  }
  if (ddl) parseSchemaDdl(arg(c, "expected_schema").get<std::string>());
  const Json& errors = arg(c, "__schema_errors");
  return rowCheck(errors.is_array() && !errors.empty() ? "TRUE" : "FALSE");
}

// ---- names DQX gives checks without one ----

template <const char* Suffix>
std::string colName(const Json& a) {
  return nameOf(a) + Suffix;
}

std::string aggrName(const Json& a, const char* suffix) {
  const auto t = a.find("aggr_type");
  const std::string column = nameOf(a);  // "*" normalises to nothing
  std::string name = (column.empty() ? "" : column + "_") +
                     (t != a.end() && t->is_string() ? t->get<std::string>() : "count");
  const std::string groups = nameOf(a, "group_by");
  if (!groups.empty()) name += "_group_by_" + groups;
  return normalizeName(name) + suffix;
}

std::string stringCaseName(const Json& a) {
  const auto k = a.find("case");
  return nameOf(a) + "_has_invalid_" +
         (k != a.end() && k->is_string() ? k->get<std::string>() : "") + "_string_case";
}

std::string compareName(const Json& a) {
  return normalizeName("datasets_diff_pk_" + nameOf(a, "columns") + "_ref_" +
                       nameOf(a, "ref_columns"));
}

std::string sqlQueryName(const Json& a) {
  const auto n = a.find("name");
  if (n != a.end() && n->is_string() && !n->get<std::string>().empty()) {
    return normalizeName(n->get<std::string>());
  }
  const auto cc = a.find("condition_column");
  const std::string condition =
      cc != a.end() && cc->is_string() ? cc->get<std::string>() : std::string("condition");
  const std::string merge = nameOf(a, "merge_columns");
  return normalizeName((merge.empty() ? "" : merge + "_") + "query_" + condition + "_violation");
}

constexpr char kIsNull[] = "_is_null";
constexpr char kIsNotNull[] = "_is_not_null";
constexpr char kIsEmpty[] = "_is_empty";
constexpr char kIsNotEmpty[] = "_is_not_empty";
constexpr char kNullOrEmpty[] = "_is_null_or_empty";
constexpr char kNotNullNotEmpty[] = "_is_not_null_and_not_empty";
constexpr char kNullOrEmptyArray[] = "_is_null_or_empty_array";
constexpr char kNotInList[] = "_is_not_in_the_list";
constexpr char kNullOrNotInList[] = "_is_null_or_is_not_in_the_list";
constexpr char kInForbidden[] = "_is_in_the_forbidden_list";
constexpr char kNotEqual[] = "_not_equal_to_value";
constexpr char kEqual[] = "_equal_to_value";
constexpr char kLess[] = "_less_than_limit";
constexpr char kGreater[] = "_greater_than_limit";
constexpr char kNotInRange[] = "_not_in_range";
constexpr char kInRange[] = "_in_range";
constexpr char kNotMatching[] = "_not_matching_regex";
constexpr char kNotDate[] = "_is_not_valid_date";
constexpr char kNotTimestamp[] = "_is_not_valid_timestamp";
constexpr char kNotIpv4[] = "_does_not_match_pattern_ipv4_address";
constexpr char kNotIpv4Cidr[] = "_is_not_ipv4_in_cidr";
constexpr char kNotIpv6[] = "_does_not_match_pattern_ipv6_address";
constexpr char kNotJson[] = "_is_not_valid_json";
constexpr char kOutliers[] = "_has_outliers";
constexpr char kNotEmail[] = "_does_not_match_pattern_email_address";
constexpr char kNotUuid[] = "_does_not_match_pattern_uuid";
constexpr char kInFuture[] = "_in_future";
constexpr char kInNearFuture[] = "_in_near_future";
constexpr char kFreshName[] = "_is_data_fresh";
constexpr char kNoJsonKeys[] = "_does_not_have_json_keys";
constexpr char kNotCountry[] = "_is_not_a_valid_country_code";
constexpr char kNotCurrency[] = "_is_not_a_valid_currency_code";
constexpr char kNotLanguage[] = "_is_not_a_valid_language_code";
constexpr char kNotSubdivision[] = "_is_not_a_valid_subdivision_code";
constexpr char kFreshPerWindow[] = "_is_data_fresh_per_time_window";
constexpr char kGaps[] = "_has_no_gaps_per_time_window";

std::string nationalIdName(const Json& a) {
  const std::string country = nationalIdCountry(a);
  const std::string kind = country == "GB" ? "nino_gb" : country == "IN" ? "pan_in" : "ssn_us";
  return nameOf(a) + "_does_not_match_pattern_" + kind;
}
std::string aggrOutlierName(const Json& a) {
  const auto t = a.find("aggr_type");
  std::string name = nameOf(a) + "_" +
                     (t != a.end() && t->is_string() ? lowerAscii(t->get<std::string>()) : "avg") +
                     "_outlier";
  const std::string groups = nameOf(a, "group_by");
  if (!groups.empty()) name += "_group_by_" + groups;
  while (!name.empty() && name.front() == '_') name.erase(0, 1);
  return name;
}
std::string aggrMatchName(const Json& a) {
  return aggrName(a, "_not_equal_to_upstream_limit");
}
std::string schemaName(const Json&) {
  return "has_invalid_schema";
}
std::string olderName(const Json& a) {
  return "is_col_" + nameOf(a) + "_older_than_n_days";
}
std::string olderCol2Name(const Json& a) {
  return "is_col_" + nameOf(a, "column1") + "_older_than_" + nameOf(a, "column2") + "_for_n_days";
}
std::string expressionName(const Json& a) {
  return nameOf(a, "expression");
}
std::string uniqueName(const Json& a) {
  return nameOf(a, "columns") + "_is_not_unique";
}
std::string foreignKeyName(const Json& a) {
  return nameOf(a, "columns") + "_not_exists_in_ref_" + nameOf(a, "ref_columns");
}
std::string aggrGreaterName(const Json& a) {
  return aggrName(a, "_greater_than_limit");
}
std::string aggrLessName(const Json& a) {
  return aggrName(a, "_less_than_limit");
}
std::string aggrNotEqualName(const Json& a) {
  return aggrName(a, "_not_equal_to_limit");
}
std::string aggrEqualName(const Json& a) {
  return aggrName(a, "_equal_to_limit");
}

// ---- argument lists ----

constexpr ArgSpec kColumn[] = {{"column", ArgType::Column, true}};
constexpr ArgSpec kColumnTrim[] = {{"column", ArgType::Column, true},
                                   {"trim_strings", ArgType::Boolean, false}};
constexpr ArgSpec kAllowed[] = {{"column", ArgType::Column, true},
                                {"allowed", ArgType::Values, true},
                                {"case_sensitive", ArgType::Boolean, false}};
constexpr ArgSpec kForbidden[] = {{"column", ArgType::Column, true},
                                  {"forbidden", ArgType::Values, true},
                                  {"case_sensitive", ArgType::Boolean, false}};
constexpr ArgSpec kExpression[] = {{"expression", ArgType::Expression, true},
                                   {"msg", ArgType::Text, false},
                                   {"name", ArgType::Text, false},
                                   {"negate", ArgType::Boolean, false},
                                   {"columns", ArgType::Columns, false}};
constexpr ArgSpec kValue[] = {{"column", ArgType::Column, true},
                              {"value", ArgType::Value, true},
                              {"abs_tolerance", ArgType::Number, false},
                              {"rel_tolerance", ArgType::Number, false}};
constexpr ArgSpec kLimit[] = {{"column", ArgType::Column, true}, {"limit", ArgType::Value, true}};
constexpr ArgSpec kRange[] = {{"column", ArgType::Column, true},
                              {"min_limit", ArgType::Value, true},
                              {"max_limit", ArgType::Value, true}};
constexpr ArgSpec kRegex[] = {{"column", ArgType::Column, true},
                              {"regex", ArgType::Text, true},
                              {"negate", ArgType::Boolean, false}};
constexpr ArgSpec kDate[] = {{"column", ArgType::Column, true},
                             {"date_format", ArgType::Text, false}};
constexpr ArgSpec kTimestamp[] = {{"column", ArgType::Column, true},
                                  {"timestamp_format", ArgType::Text, false}};
constexpr ArgSpec kUuid[] = {{"column", ArgType::Column, true},
                             {"strict", ArgType::Boolean, false}};
constexpr ArgSpec kFuture[] = {{"column", ArgType::Column, true},
                               {"offset", ArgType::Integer, false},
                               {"curr_timestamp", ArgType::Value, false}};
constexpr ArgSpec kOlder[] = {{"column", ArgType::Column, true},
                              {"days", ArgType::Integer, true},
                              {"curr_date", ArgType::Value, false},
                              {"negate", ArgType::Boolean, false}};
constexpr ArgSpec kOlderCol2[] = {{"column1", ArgType::Column, true},
                                  {"column2", ArgType::Column, true},
                                  {"days", ArgType::Integer, false},
                                  {"negate", ArgType::Boolean, false}};
constexpr ArgSpec kCidr[] = {{"column", ArgType::Column, true},
                             {"cidr_block", ArgType::Text, true}};
constexpr ArgSpec kStringCase[] = {{"column", ArgType::Column, true},
                                   {"case", ArgType::Text, true}};
constexpr ArgSpec kSqlQuery[] = {{"query", ArgType::Text, true},
                                 {"merge_columns", ArgType::Columns, false},
                                 {"condition_column", ArgType::Text, false},
                                 {"input_placeholder", ArgType::Text, false},
                                 {"negate", ArgType::Boolean, false},
                                 {"msg", ArgType::Text, false},
                                 {"name", ArgType::Text, false}};
constexpr ArgSpec kCompare[] = {{"columns", ArgType::Columns, true},
                                {"ref_columns", ArgType::Columns, true},
                                {"ref_table", ArgType::Table, true},
                                {"exclude_columns", ArgType::Columns, false},
                                {"check_missing_records", ArgType::Boolean, false},
                                {"null_safe_row_matching", ArgType::Boolean, false},
                                {"null_safe_column_value_matching", ArgType::Boolean, false}};
constexpr ArgSpec kFresh[] = {{"column", ArgType::Column, true},
                              {"max_age_minutes", ArgType::Integer, true},
                              {"base_timestamp", ArgType::Value, false}};
constexpr ArgSpec kJsonKeys[] = {{"column", ArgType::Column, true},
                                 {"keys", ArgType::Values, true},
                                 {"require_all", ArgType::Boolean, false}};
constexpr ArgSpec kUnique[] = {{"columns", ArgType::Columns, true},
                               {"nulls_distinct", ArgType::Boolean, false}};
constexpr ArgSpec kForeignKey[] = {{"columns", ArgType::Columns, true},
                                   {"ref_columns", ArgType::Columns, true},
                                   {"ref_table", ArgType::Table, true},
                                   {"negate", ArgType::Boolean, false},
                                   {"null_safe", ArgType::Boolean, false}};
constexpr ArgSpec kAggr[] = {{"column", ArgType::Column, true},
                             {"limit", ArgType::Value, true},
                             {"aggr_type", ArgType::Text, false},
                             {"group_by", ArgType::Columns, false}};
constexpr ArgSpec kAggrTolerance[] = {
    {"column", ArgType::Column, true},         {"limit", ArgType::Value, true},
    {"aggr_type", ArgType::Text, false},       {"group_by", ArgType::Columns, false},
    {"abs_tolerance", ArgType::Number, false}, {"rel_tolerance", ArgType::Number, false}};

constexpr ArgSpec kIsoCode[] = {{"column", ArgType::Column, true},
                                {"code_format", ArgType::Text, false},
                                {"case_sensitive", ArgType::Boolean, false}};
constexpr ArgSpec kSubdivision[] = {{"column", ArgType::Column, true},
                                    {"case_sensitive", ArgType::Boolean, false},
                                    {"country_column", ArgType::Column, false}};
constexpr ArgSpec kNationalId[] = {{"column", ArgType::Column, true},
                                   {"country", ArgType::Text, false}};
constexpr ArgSpec kAggrOutliers[] = {{"column", ArgType::Column, true},
                                     {"time_column", ArgType::Column, true},
                                     {"aggr_type", ArgType::Text, false},
                                     {"sigma", ArgType::Number, false},
                                     {"lookback_num_intervals", ArgType::Integer, false},
                                     {"warmup_num_intervals", ArgType::Integer, false},
                                     {"time_interval", ArgType::Text, false},
                                     {"group_by", ArgType::Columns, false}};
constexpr ArgSpec kAggrMatches[] = {{"column", ArgType::Column, true},
                                    {"ref_table", ArgType::Table, true},
                                    {"ref_column", ArgType::Column, false},
                                    {"aggr_type", ArgType::Text, false},
                                    {"group_by", ArgType::Columns, false},
                                    {"ref_group_by", ArgType::Columns, false},
                                    {"ref_row_filter", ArgType::Expression, false},
                                    {"abs_tolerance", ArgType::Number, false},
                                    {"rel_tolerance", ArgType::Number, false}};
constexpr ArgSpec kFreshPerWindowArgs[] = {{"column", ArgType::Column, true},
                                           {"window_minutes", ArgType::Integer, true},
                                           {"min_records_per_window", ArgType::Integer, true},
                                           {"lookback_windows", ArgType::Integer, false},
                                           {"curr_timestamp", ArgType::Value, false}};
constexpr ArgSpec kGapArgs[] = {{"column", ArgType::Column, true},
                                {"window_minutes", ArgType::Integer, true},
                                {"group_by", ArgType::Columns, false},
                                {"trailing_gap", ArgType::Boolean, false},
                                {"curr_timestamp", ArgType::Value, false}};
constexpr ArgSpec kSchema[] = {{"expected_schema", ArgType::Text, false},
                               {"ref_table", ArgType::Table, false},
                               {"columns", ArgType::Columns, false},
                               {"strict", ArgType::Boolean, false},
                               {"exclude_columns", ArgType::Columns, false}};

constexpr FunctionSpec kFunctions[] = {
    {"is_not_null", Level::Row, "completeness", "The column has a value.", kColumn, isNotNull,
     colName<kIsNull>},
    {"is_null", Level::Row, "completeness", "The column is NULL.", kColumn, isNull,
     colName<kIsNotNull>},
    {"is_not_empty", Level::Row, "completeness", "The column is not an empty string.", kColumnTrim,
     isNotEmpty, colName<kIsEmpty>},
    {"is_empty", Level::Row, "completeness", "The column is an empty string.", kColumnTrim, isEmpty,
     colName<kIsNotEmpty>},
    {"is_not_null_and_not_empty", Level::Row, "completeness",
     "The column has a value that is not an empty string.", kColumnTrim, isNotNullAndNotEmpty,
     colName<kNullOrEmpty>},
    {"is_null_or_empty", Level::Row, "completeness", "The column is NULL or an empty string.",
     kColumnTrim, isNullOrEmpty, colName<kNotNullNotEmpty>},
    {"is_not_null_and_not_empty_array", Level::Row, "completeness",
     "The array column has at least one element.", kColumn, isNotNullAndNotEmptyArray,
     colName<kNullOrEmptyArray>},
    {"is_in_list", Level::Row, "validity", "The column's value is one of the allowed values.",
     kAllowed, isInList, colName<kNotInList>},
    {"is_not_null_and_is_in_list", Level::Row, "validity",
     "The column has a value and it is one of the allowed values.", kAllowed, isNotNullAndIsInList,
     colName<kNullOrNotInList>},
    {"is_not_in_list", Level::Row, "validity",
     "The column's value is none of the forbidden values.", kForbidden, isNotInList,
     colName<kInForbidden>},
    {"sql_expression", Level::Row, "custom", "A SQL expression over the row holds.", kExpression,
     sqlExpression, expressionName},
    {"is_equal_to", Level::Row, "validity", "The column equals a value.", kValue, isEqualTo,
     colName<kNotEqual>},
    {"is_not_equal_to", Level::Row, "validity", "The column differs from a value.", kValue,
     isNotEqualTo, colName<kEqual>},
    {"is_not_less_than", Level::Row, "range", "The column is at least a limit.", kLimit,
     isNotLessThan, colName<kLess>},
    {"is_not_greater_than", Level::Row, "range", "The column is at most a limit.", kLimit,
     isNotGreaterThan, colName<kGreater>},
    {"is_in_range", Level::Row, "range", "The column lies between two limits (inclusive).", kRange,
     isInRange, colName<kNotInRange>},
    {"is_not_in_range", Level::Row, "range", "The column lies outside two limits.", kRange,
     isNotInRange, colName<kInRange>},
    {"regex_match", Level::Row, "format", "The column matches a regular expression (anywhere).",
     kRegex, regexMatch, colName<kNotMatching>},
    {"is_valid_date", Level::Row, "format", "The column reads as a date (in a format).", kDate,
     isValidDate, colName<kNotDate>},
    {"is_valid_timestamp", Level::Row, "format", "The column reads as a timestamp (in a format).",
     kTimestamp, isValidTimestamp, colName<kNotTimestamp>},
    {"is_valid_ipv4_address", Level::Row, "format", "The column is an IPv4 address.", kColumn,
     isValidIpv4, colName<kNotIpv4>},
    {"is_ipv4_address_in_cidr", Level::Row, "format",
     "The column is an IPv4 address inside the block cidr_block.", kCidr, isIpv4InCidr,
     colName<kNotIpv4Cidr>},
    {"is_valid_ipv6_address", Level::Row, "format", "The column is an IPv6 address.", kColumn,
     isValidIpv6, colName<kNotIpv6>},
    {"is_valid_json", Level::Row, "format", "The column is a JSON document.", kColumn, isValidJson,
     colName<kNotJson>},
    {"has_valid_string_case", Level::Row, "format",
     "The column's text is in the case named: upper, lower, title (each word's first letter) or "
     "sentence (each sentence's first letter).",
     kStringCase, hasValidStringCase, stringCaseName},
    {"is_valid_email", Level::Row, "format", "The column is an e-mail address.", kColumn,
     isValidEmail, colName<kNotEmail>},
    {"is_valid_uuid", Level::Row, "format", "The column is a UUID (strict: a versioned one).",
     kUuid, isValidUuid, colName<kNotUuid>},
    {"is_not_in_future", Level::Row, "timeliness",
     "The column is not later than now (plus an offset in seconds).", kFuture, isNotInFuture,
     colName<kInFuture>},
    {"is_not_in_near_future", Level::Row, "timeliness",
     "The column is not between now and now plus an offset in seconds.", kFuture, isNotInNearFuture,
     colName<kInNearFuture>},
    {"is_older_than_n_days", Level::Row, "timeliness",
     "The column's date is more than N days before today.", kOlder, isOlderThanNDays, olderName},
    {"is_older_than_col2_for_n_days", Level::Row, "timeliness",
     "column1's date is more than N days before column2's.", kOlderCol2, isOlderThanCol2ForNDays,
     olderCol2Name},
    {"is_data_fresh", Level::Row, "timeliness",
     "The column is within max_age_minutes of now (every older row fails).", kFresh, isDataFresh,
     colName<kFreshName>},
    {"has_json_keys", Level::Row, "format",
     "The column is a JSON object with the keys (all of them, or any with require_all false).",
     kJsonKeys, hasJsonKeys, colName<kNoJsonKeys>},
    {"is_unique", Level::Dataset, "uniqueness",
     "No two rows share the key (rows with a NULL key part are distinct unless nulls_distinct "
     "is false).",
     kUnique, isUnique, uniqueName},
    {"foreign_key", Level::Dataset, "integrity",
     "The key exists in the reference table (rows with a NULL key part pass unless null_safe).",
     kForeignKey, foreignKey, foreignKeyName},
    {"is_aggr_not_greater_than", Level::Dataset, "aggregate",
     "The aggregate (per group) is at most a limit.", kAggr, isAggrNotGreaterThan, aggrGreaterName},
    {"is_aggr_not_less_than", Level::Dataset, "aggregate",
     "The aggregate (per group) is at least a limit.", kAggr, isAggrNotLessThan, aggrLessName},
    {"is_aggr_equal", Level::Dataset, "aggregate",
     "The aggregate (per group) equals a limit within the tolerances.", kAggrTolerance, isAggrEqual,
     aggrNotEqualName},
    {"has_no_outliers", Level::Dataset, "distribution",
     "The value is within 3.5 median absolute deviations of the median (of the rows checked).",
     kColumn, hasNoOutliers, colName<kOutliers>},
    {"compare_datasets", Level::Dataset, "consistency",
     "The row's key is in the reference table once, with the same values in every column the "
     "two tables share (but keys, exclude_columns and maps).",
     kCompare, compareDatasets, compareName},
    {"sql_query", Level::Dataset, "custom",
     "A SELECT over the checked rows ({{ input_view }}) gives a boolean condition column; with "
     "merge_columns, rows whose key has a TRUE condition fail; without, every row fails when "
     "any row of the query has it (negate: FALSE fails).",
     kSqlQuery, sqlQuery, sqlQueryName},
    {"is_aggr_not_equal", Level::Dataset, "aggregate",
     "The aggregate (per group) differs from a limit beyond the tolerances.", kAggrTolerance,
     isAggrNotEqual, aggrEqualName},
    {"is_valid_country_code", Level::Row, "format",
     "The column is an ISO 3166-1 country code (code_format alpha-2, alpha-3 or numeric).",
     kIsoCode, isValidCountryCode, colName<kNotCountry>},
    {"is_valid_currency_code", Level::Row, "format",
     "The column is an ISO 4217 currency code (code_format alphabetic or numeric).", kIsoCode,
     isValidCurrencyCode, colName<kNotCurrency>},
    {"is_valid_language_code", Level::Row, "format",
     "The column is an ISO 639 language code (code_format alpha-2, or alpha-3 from ISO 639-3).",
     kIsoCode, isValidLanguageCode, colName<kNotLanguage>},
    {"is_valid_subdivision_code", Level::Row, "format",
     "The column is an ISO 3166-2 subdivision code (of the country in country_column).",
     kSubdivision, isValidSubdivisionCode, colName<kNotSubdivision>},
    {"is_valid_national_id", Level::Row, "format",
     "The column is a national identifier of the country: US (SSN), GB (NINO) or IN (PAN).",
     kNationalId, isValidNationalId, nationalIdName},
    {"has_no_aggr_outliers", Level::Dataset, "distribution",
     "The aggregate of the latest time bucket (per group) is within sigma standard deviations "
     "of the buckets before it.",
     kAggrOutliers, hasNoAggrOutliers, aggrOutlierName},
    {"aggr_matches_dataset", Level::Dataset, "consistency",
     "The aggregate (per group) equals the same aggregate of a reference table (per its "
     "groups) within the tolerances.",
     kAggrMatches, aggrMatchesDataset, aggrMatchName},
    {"is_data_fresh_per_time_window", Level::Dataset, "timeliness",
     "Every window of window_minutes (up to now) that has rows has at least "
     "min_records_per_window of them.",
     kFreshPerWindowArgs, isDataFreshPerTimeWindow, colName<kFreshPerWindow>},
    {"has_no_gaps_per_time_window", Level::Dataset, "timeliness",
     "No window of window_minutes is missing between the first and the last with rows (per "
     "group; with trailing_gap, up to now).",
     kGapArgs, hasNoGapsPerTimeWindow, colName<kGaps>},
    {"has_valid_schema", Level::Dataset, "schema",
     "The table's columns match expected_schema (DDL) or ref_table's: permissively (those "
     "columns exist with compatible types) or strictly (same columns, order, types).",
     kSchema, hasValidSchema, schemaName},
};

bool typeMatches(ArgType t, const Json& v) {
  const auto nonEmptyStrings = [&] {
    if (!v.is_array() || v.empty()) return false;
    return std::all_of(v.begin(), v.end(), [](const Json& e) {
      return e.is_string() && !e.get<std::string>().empty();
    });
  };
  switch (t) {
    case ArgType::Column:
    case ArgType::Expression:
    case ArgType::Table:
      return v.is_string() && !v.get<std::string>().empty();
    case ArgType::Columns:
      return nonEmptyStrings();
    case ArgType::Value:
      return v.is_number() || v.is_boolean() || (v.is_string() && !v.get<std::string>().empty());
    case ArgType::Values:
      return v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), [](const Json& e) {
               return e.is_number() || e.is_boolean() || e.is_string();
             });
    case ArgType::Integer:
      return v.is_number_integer();
    case ArgType::Number:
      return v.is_number();
    case ArgType::Boolean:
      return v.is_boolean();
    case ArgType::Text:
      return v.is_string();
  }
  return false;
}

}  // namespace

std::string columnSql(const Json& column) {
  const std::string s = column.get<std::string>();
  if (isIdentifierPath(s)) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot = s.find('.'); dot != std::string::npos; dot = s.find('.', start)) {
      parts.push_back(s.substr(start, dot - start));
      start = dot + 1;
    }
    parts.push_back(s.substr(start));
    return quoteQualified(parts);
  }
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') {
    return quoteQualified(splitQualified(s));
  }
  return "(" + requireSingleExpression(s) + ")";
}

std::span<const FunctionSpec> checkFunctions() {
  return kFunctions;
}

const FunctionSpec* findCheckFunction(std::string_view name) {
  for (const auto& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Json functionCatalog() {
  Json out = Json::array();
  for (const auto& f : kFunctions) {
    Json args = Json::object();
    for (const auto& a : f.args) {
      args[std::string(a.name)] = std::string(argTypeName(a.type)) + (a.required ? "" : "?");
    }
    out.push_back(Json{{"name", f.name},
                       {"category", f.category},
                       {"level", f.level == Level::Row ? "row" : "dataset"},
                       {"description", f.description},
                       {"args", args}});
  }
  return out;
}

void validateCheck(Check& check) {
  const FunctionSpec* f = findCheckFunction(check.function);
  if (f == nullptr) {
    std::string names;
    for (const auto& s : kFunctions) names += (names.empty() ? "" : ", ") + std::string(s.name);
    throw unprocessable(Json::array({"body", "check_type"}),
                        "Unknown check function '" + check.function +
                            "'; GET "
                            "/api/governance/dqx/functions lists the ones available: " +
                            names,
                        "value_error");
  }
  if (!check.arguments.is_object()) {
    throw unprocessable(Json::array({"body", "arguments"}), "arguments must be an object",
                        "type_error");
  }
  for (const auto& [name, value] : check.arguments.items()) {
    const auto spec = std::find_if(f->args.begin(), f->args.end(),
                                   [&](const ArgSpec& a) { return a.name == name; });
    if (spec == f->args.end()) {
      badArgument(name, "'" + name + "' is not an argument of " + check.function);
    }
    if (value.is_null() && !spec->required) continue;
    if (!typeMatches(spec->type, value)) {
      badArgument(name, "'" + name + "' must be a " + std::string(argTypeName(spec->type)));
    }
  }
  for (const auto& a : f->args) {
    if (a.required && !check.arguments.contains(std::string(a.name))) {
      badArgument(a.name, check.function + " needs the argument '" + std::string(a.name) + "'");
    }
  }
  if (f->level == Level::Dataset) splitQualified(check.tableFqn);
  compileCheck(check, 0);  // refuses SQL that is not one expression (400) before storing
  if (check.name.empty()) {
    check.name = check.function == "sql_expression" && check.arguments.contains("name") &&
                         check.arguments["name"].is_string()
                     ? check.arguments["name"].get<std::string>()
                     : f->autoName(check.arguments);
  }
}

CompiledCheck compileCheck(const Check& check, std::size_t index) {
  const FunctionSpec* f = findCheckFunction(check.function);
  if (f == nullptr) throw badRequest("Unknown check function '" + check.function + "'.");
  CompiledCheck out = f->compile(check, index);
  if (!check.filter.empty()) out.filter = filterOf(check);
  return out;
}

}  // namespace clxs::quality
