// Strings as Spark treats them: Java regular expressions applied to every match (DuckDB
// replaces the first unless told), capture group 1 by default in regexp_extract, `$1` in a
// replacement, 1-based positions that are 0 when absent.
#include <cctype>

#include "kernel/workspace/local/duckdb_engine.hpp"
#include "kernel/workspace/local/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

// A Java replacement string ($1, \$) as RE2 writes it (\1, $).
std::string replacement(const std::string& arg) {
  std::string text;
  if (!literalText(arg, text)) return "(" + arg + ")";
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      out.push_back(text[++i]);
    } else if (text[i] == '$' && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0) {
      out += '\\';
      out.push_back(text[++i]);
    } else if (text[i] == '\\') {
      out += "\\\\";
    } else {
      out.push_back(text[i]);
    }
  }
  return duckdbLiteral(out);
}

std::string regexpReplace(const FunctionArgs& a) {
  const std::string subject =
      a.size() > 3 ? "substr((" + a[0] + "), (" + a[3] + "))" : "(" + a[0] + ")";
  std::string out =
      "regexp_replace(" + subject + ", (" + a[1] + "), " + replacement(a[2]) + ", 'g')";
  if (a.size() > 3) out = "(substr((" + a[0] + "), 1, (" + a[3] + ") - 1) || " + out + ")";
  return out;
}

std::string elt(const FunctionArgs& a) {
  return "list_value(" + joinArgs(a, 1) + ")[(" + a[0] + ")]";
}

std::string pad(const FunctionArgs& a, const char* fn) {
  return std::string(fn) + "((" + a[0] + "), (" + a[1] + "), " +
         (a.size() > 2 ? "(" + a[2] + ")" : std::string("' '")) + ")";
}
std::string lpad(const FunctionArgs& a) {
  return pad(a, "lpad");
}
std::string rpad(const FunctionArgs& a) {
  return pad(a, "rpad");
}

std::string locate(const FunctionArgs& a) {
  if (a.size() == 2) return "strpos((" + a[1] + "), (" + a[0] + "))";
  return "CASE WHEN (" + a[2] + ") < 1 THEN 0 ELSE coalesce(nullif(strpos(substr((" + a[1] +
         "), (" + a[2] + ")), (" + a[0] + ")), 0) + (" + a[2] + ") - 1, 0) END";
}

std::string overlay(const FunctionArgs& a) {
  const std::string length = a.size() > 3 ? "(" + a[3] + ")" : "length((" + a[1] + "))";
  return "(substr((" + a[0] + "), 1, (" + a[2] + ") - 1) || (" + a[1] + ") || substr((" + a[0] +
         "), (" + a[2] + ") + " + length + "))";
}

// decode(expr, search, result, …, default) compares like Spark's DECODE (NULL matches
// NULL); decode(binary, charset) turns bytes into text.
std::string decode(const FunctionArgs& a) {
  if (a.size() == 2) return "decode((" + a[0] + "))";
  std::string out = "CASE";
  std::size_t i = 1;
  for (; i + 1 < a.size(); i += 2) {
    out += " WHEN (" + a[0] + ") IS NOT DISTINCT FROM (" + a[i] + ") THEN (" + a[i + 1] + ")";
  }
  if (i < a.size()) out += " ELSE (" + a[i] + ")";
  return out + " END";
}

// concat is NULL when any argument is (DuckDB's skips NULLs); strings, binaries and arrays.
std::string concat(const FunctionArgs& a) {
  if (a.empty()) return "''";
  std::string anyNull;
  for (std::size_t i = 0; i < a.size(); ++i) {
    anyNull += (i > 0 ? " OR (" : "(") + a[i] + ") IS NULL";
  }
  return "CASE WHEN " + anyNull + " THEN NULL ELSE concat(" + joinArgs(a) + ") END";
}

std::string concatWs(const FunctionArgs& a) {
  if (a.size() == 1) return "CASE WHEN (" + a[0] + ") IS NULL THEN NULL ELSE '' END";
  return "concat_ws(" + joinArgs(a) + ")";
}

// Spark's mask: upper-case letters, lower-case letters and digits replaced by a character
// each (X, x, n by default), others kept unless a fourth is given; a NULL keeps that class.
std::string mask(const FunctionArgs& a) {
  const auto arg = [&a](std::size_t i, const char* fallback) {
    return i < a.size() ? "(" + a[i] + ")" : std::string(fallback);
  };
  return "array_to_string(list_transform(string_split((" + a[0] +
         "), ''), __clxs_c -> CASE WHEN regexp_full_match(__clxs_c, '[A-Z]') THEN coalesce(" +
         arg(1, "'X'") + ", __clxs_c) WHEN regexp_full_match(__clxs_c, '[a-z]') THEN coalesce(" +
         arg(2, "'x'") + ", __clxs_c) WHEN regexp_full_match(__clxs_c, '[0-9]') THEN coalesce(" +
         arg(3, "'n'") + ", __clxs_c) ELSE coalesce(" + arg(4, "NULL") + ", __clxs_c) END), '')";
}

// format_number(x, d): grouped thousands and d decimals (a pattern string is not taken).
std::string formatNumber(const FunctionArgs& a) {
  const std::string& d = a[1];
  if (d.empty() || d.find_first_not_of("0123456789") != std::string::npos) {
    throwUnsupportedFeature(
        "format_number takes a number of decimal places on the local workspace, not a pattern.");
  }
  return "format('{:,." + d + "f}', CAST((" + a[0] + ") AS DOUBLE))";
}

// to_number(text, format): the text without its group separators, as a decimal with the
// format's number of fraction digits.
std::string toNumber(const FunctionArgs& a) {
  std::string format;
  if (!literalText(a[1], format)) {
    throwUnsupportedFeature("to_number takes its format as a literal on the local workspace.");
  }
  const auto point = format.find_first_of(".D");
  const std::size_t scale = point == std::string::npos ? 0 : format.size() - point - 1;
  return "CAST(replace(replace((" + a[0] + "), ',', ''), '$', '') AS DECIMAL(38, " +
         std::to_string(scale) + "))";
}

std::string position(const FunctionArgs& a) {
  if (a.size() == 1) return "position(" + a[0] + ")";  // position(sub IN str)
  return locate(a);
}

// like(s, pattern[, escape]) and ilike: the operators' function forms; the escape character
// is a backslash unless given.
std::string likeForm(const FunctionArgs& a, const char* op) {
  return "((" + a[0] + ") " + op + " (" + a[1] + ") ESCAPE " + (a.size() > 2 ? a[2] : "'\\'") + ")";
}
std::string like(const FunctionArgs& a) {
  return likeForm(a, "LIKE");
}
std::string ilike(const FunctionArgs& a) {
  return likeForm(a, "ILIKE");
}

constexpr BuiltinFunction kStringFunctions[] = {
    {"btrim", 1, 2, "trim($*)"},
    {"char", 1, 1, "CASE WHEN $1 < 0 THEN '' ELSE chr(CAST($1 % 256 AS INTEGER)) END"},
    {"chr", 1, 1, "CASE WHEN $1 < 0 THEN '' ELSE chr(CAST($1 % 256 AS INTEGER)) END"},
    {"base64", 1, 1, "to_base64(CAST($1 AS BLOB))"},
    {"unbase64", 1, 1, "from_base64($1)"},
    {"concat", 0, -1, {}, concat},
    {"concat_ws", 1, -1, {}, concatWs},
    {"contains", 2, 2,
     "CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE contains(CAST($1 AS VARCHAR), CAST($2 AS "
     "VARCHAR)) END"},
    {"decode", 2, -1, {}, decode},
    {"elt", 2, -1, {}, elt},
    {"encode", 2, 2, "encode($1)"},
    {"endswith", 2, 2, "ends_with($1, $2)"},
    {"format_number", 2, 2, {}, formatNumber},
    {"format_string", 1, -1, "printf($*)"},
    {"find_in_set", 2, 2,
     "CASE WHEN strpos($1, ',') > 0 THEN 0 ELSE coalesce(list_position(string_split($2, ','), "
     "$1), 0) END"},
    {"initcap", 1, 1,
     "array_to_string(list_transform(string_split(lower($1), ' '), __clxs_w -> "
     "upper(substr(__clxs_w, 1, 1)) || substr(__clxs_w, 2)), ' ')"},
    {"ilike", 2, 3, {}, ilike},
    {"is_valid_utf8", 1, 1, "clxs_spark_is_valid_utf8($1)"},
    {"lcase", 1, 1, "lower($1)"},
    {"make_valid_utf8", 1, 1, "clxs_spark_make_valid_utf8($1)"},
    {"like", 2, 3, {}, like},
    {"locate", 2, 3, {}, locate},
    {"levenshtein", 2, 3,
     "CASE WHEN $3 IS NOT NULL AND levenshtein($1, $2) > $3 THEN -1 ELSE levenshtein($1, $2) END"},
    {"lpad", 2, 3, {}, lpad},
    {"luhn_check", 1, 1,
     "CASE WHEN $1 IS NULL THEN NULL WHEN NOT regexp_full_match($1, '[0-9]+') THEN false ELSE "
     "list_sum(list_transform(list_reverse(string_split($1, '')), (__clxs_d, __clxs_i) -> "
     "CASE WHEN __clxs_i % 2 = 0 THEN (CAST(__clxs_d AS INTEGER) * 2) % 10 + "
     "(CAST(__clxs_d AS INTEGER) * 2) // 10 ELSE CAST(__clxs_d AS INTEGER) END)) % 10 = 0 END"},
    {"mask", 1, 5, {}, mask},
    {"overlay", 3, 4, {}, overlay, true},
    {"position", 1, 3, {}, position},
    {"regexp", 2, 2, "regexp_matches($1, $2)"},
    {"regexp_count", 2, 2, "len(regexp_extract_all($1, $2))"},
    {"regexp_extract", 2, 3, "regexp_extract($1, $2, coalesce($3, 1))"},
    {"regexp_extract_all", 2, 3, "regexp_extract_all($1, $2, coalesce($3, 1))"},
    {"regexp_like", 2, 2, "regexp_matches($1, $2)"},
    {"regexp_replace", 3, 4, {}, regexpReplace},
    {"regexp_substr", 2, 2, "nullif(regexp_extract($1, $2), '')"},
    {"rlike", 2, 2, "regexp_matches($1, $2)"},
    {"rpad", 2, 3, {}, rpad},
    {"space", 1, 1, "repeat(' ', greatest($1, 0))"},
    {"split", 2, 2, "regexp_split_to_array($1, $2)"},
    {"startswith", 2, 2, "starts_with($1, $2)"},
    // Spark counts a negative position from the end and position 0 as 1.
    {"substr", 2, 3, "substring($1, CASE WHEN $2 = 0 THEN 1 ELSE $2 END, coalesce($3, 2147483647))",
     nullptr, true},
    {"substring", 2, 3,
     "substring($1, CASE WHEN $2 = 0 THEN 1 ELSE $2 END, coalesce($3, 2147483647))", nullptr, true},
    {"substring_index", 3, 3,
     "CASE WHEN $3 = 0 THEN '' WHEN $3 > 0 THEN array_to_string(list_slice(string_split($1, $2), "
     "1, $3), $2) ELSE array_to_string(list_slice(string_split($1, $2), $3, -1), $2) END"},
    {"to_number", 2, 2, {}, toNumber},
    {"try_to_number", 2, 2, {}, toNumber},
    {"try_validate_utf8", 1, 1, "TRY(clxs_spark_validate_utf8($1))"},
    {"ucase", 1, 1, "upper($1)"},
    {"validate_utf8", 1, 1, "clxs_spark_validate_utf8($1)"},
};

}  // namespace

std::span<const BuiltinFunction> stringFunctions() {
  return kStringFunctions;
}

}  // namespace clxs::kernel
