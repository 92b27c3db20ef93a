// Strings as Spark treats them: Java regular expressions applied to every match (DuckDB
// replaces the first unless told), capture group 1 by default in regexp_extract, `$1` in a
// replacement, 1-based positions that are 0 when absent.
#include <cctype>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"
#include "kernel/workspace/local/functions/spark_number_format.hpp"

namespace clxs::kernel {

namespace {

// A parsed number format; a bad one is Databricks' INVALID_FORMAT error.
spark_number::NumberFormat numberFormat(const std::string& format) {
  try {
    return spark_number::NumberFormat::parse(format);
  } catch (const spark_number::FormatError& e) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql, e.what());
  }
}

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

// split(s, regex[, limit]): with a positive limit, at most that many pieces, the last one the
// rest of the string; otherwise every piece, trailing empty ones kept, as Java splits.
std::string split(const FunctionArgs& a) {
  const std::string pieces = "regexp_split_to_array((" + a[0] + "), (" + a[1] + "))";
  if (a.size() < 3) return pieces;
  const std::string n = "(" + a[2] + ")";
  const std::string head = "(" + pieces + ")[1:" + n + " - 1]";
  const std::string matches = "regexp_extract_all((" + a[0] + "), (" + a[1] + "))[1:" + n + " - 1]";
  const std::string consumed = "coalesce(list_sum(list_transform(" + head +
                               ", __clxs_p -> length(__clxs_p))), 0) + coalesce(list_sum("
                               "list_transform(" +
                               matches + ", __clxs_m -> length(__clxs_m))), 0)";
  return "CASE WHEN " + n + " <= 0 OR len(" + pieces + ") <= " + n + " THEN " + pieces +
         " ELSE list_concat(" + head + ", [substr((" + a[0] + "), CAST(1 + " + consumed +
         " AS BIGINT))]) END";
}

// regexp_instr(s, regex[, idx]): the 1-based position where the first match starts, 0 when
// none; the text before the match is what a match followed by anything leaves.
std::string regexpInstr(const FunctionArgs& a) {
  return "CASE WHEN regexp_matches((" + a[0] + "), (" + a[1] + ")) THEN length(regexp_replace((" +
         a[0] + "), '(?:' || (" + a[1] + ") || ')(?s:.*)', '')) + 1 ELSE 0 END";
}

// sentences(s[, language, country]): sentences split at . ! ? and words at anything but
// letters, digits and apostrophes, empty ones dropped (Java's BreakIterator in the common case).
std::string sentences(const FunctionArgs& a) {
  return "list_filter(list_transform(regexp_split_to_array((" + a[0] +
         "), '[.!?]+'), __clxs_s -> list_filter(regexp_split_to_array(__clxs_s, "
         "'[^\\p{L}\\p{N}'']+'), __clxs_w -> __clxs_w <> '')), __clxs_l -> len(__clxs_l) > 0)";
}

std::string elt(const FunctionArgs& a) {
  return "list_value(" + joinArgs(a, 1) + ")[(" + a[0] + ")]";
}

std::string locate(const FunctionArgs& a) {
  if (a.size() == 2) return "strpos((" + a[1] + "), (" + a[0] + "))";
  return "CASE WHEN (" + a[2] + ") < 1 THEN 0 ELSE coalesce(nullif(strpos(substr((" + a[1] +
         "), (" + a[2] + ")), (" + a[0] + ")), 0) + (" + a[2] + ") - 1, 0) END";
}

// overlay(s PLACING r FROM pos [FOR len]) of strings or binaries.
std::string overlay(const FunctionArgs& a) {
  const std::string length = a.size() > 3 ? "(" + a[3] + ")" : "clxs_spark_length((" + a[1] + "))";
  return "(clxs_spark_substring((" + a[0] + "), 1, (" + a[2] + ") - 1) || (" + a[1] +
         ") || clxs_spark_substring((" + a[0] + "), (" + a[2] + ") + " + length + "))";
}

// to_binary(s[, format]): hex unless told; utf-8 (any spelling Spark takes) or base64.
std::string toBinary(const FunctionArgs& a, bool orNull) {
  std::string format = "hex";
  if (a.size() > 1 && !literalText(a[1], format)) {
    throwUnsupportedFeature("to_binary takes its format as a literal on the local workspace.");
  }
  format = lowerAscii(format);
  if (format == "hex") return "unhex(" + a[0] + ")";
  if (format == "utf-8" || format == "utf8") return "encode(" + a[0] + ")";
  if (format == "base64") return "from_base64(" + a[0] + ")";
  if (orNull) return "CAST(NULL AS BLOB)";
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[INVALID_PARAMETER_VALUE.BINARY_FORMAT] The value of parameter(s) "
                       "`format` in `to_binary` is invalid: expects one of binary formats "
                       "'base64', 'hex', 'utf-8', but got '" +
                           format + "'. SQLSTATE: 22023");
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

// to_number(text, format) and try_to_number: Spark's number format, read by an engine function
// into the format's DECIMAL. The format must be a literal, as it fixes the result's type.
std::string toNumber(const FunctionArgs& a, bool orNull) {
  std::string format;
  if (!literalText(a[1], format)) {
    throwUnsupportedFeature("to_number takes its format as a literal on the local workspace.");
  }
  const auto parsed = numberFormat(format);
  return "CAST(clxs_spark_to_number(CAST((" + a[0] + ") AS VARCHAR), " + a[1] + ", " +
         (orNull ? "true" : "false") + ") AS DECIMAL(" + std::to_string(parsed.precision()) + ", " +
         std::to_string(parsed.scale()) + "))";
}
std::string toNumberOrError(const FunctionArgs& a) {
  return toNumber(a, false);
}
std::string tryToNumber(const FunctionArgs& a) {
  return toNumber(a, true);
}

// to_char(expr, format) and to_varchar: a number by Spark's number format (a DOUBLE or FLOAT
// first becomes a DECIMAL, as Spark casts it), a binary by 'hex', 'base64' or 'utf-8', a date
// or timestamp by a date-time pattern.
std::string toChar(const FunctionArgs& a) {
  std::string format;
  if (!literalText(a[1], format)) {
    throwUnsupportedFeature("to_char takes its format as a literal on the local workspace.");
  }
  const std::string lower = lowerAscii(format);
  if (lower == "hex") return "hex(" + a[0] + ")";
  if (lower == "base64") return "to_base64(" + a[0] + ")";
  if (lower == "utf-8" || lower == "utf8") return "decode(" + a[0] + ")";
  if (format.find_first_of("yMdHhmsaEQuLwWkKzVXxGSn") != std::string::npos &&
      format.find_first_of("09") == std::string::npos) {
    const BuiltinFunction* dateFormat = findBuiltin("date_format");
    return writeBuiltin(*dateFormat, a);
  }
  numberFormat(format);  // a bad format fails here, naming what is wrong
  return "clxs_spark_to_char(CASE WHEN typeof((" + a[0] + ")) IN ('DOUBLE', 'FLOAT') THEN " +
         "CAST(CAST((" + a[0] + ") AS DECIMAL(30, 15)) AS VARCHAR) ELSE CAST((" + a[0] +
         ") AS VARCHAR) END, " + a[1] + ")";
}

std::string toBinaryOrError(const FunctionArgs& a) {
  return toBinary(a, false);
}
std::string tryToBinary(const FunctionArgs& a) {
  return "TRY(" + toBinary(a, true) + ")";
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
    {"btrim", 1, 2, "clxs_spark_trim($1, coalesce($2, ' '), 0)"},
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
    {"endswith", 2, 2, "clxs_spark_endswith($1, $2)"},
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
    {"character_length", 1, 1, "clxs_spark_length($1)"},
    {"char_length", 1, 1, "clxs_spark_length($1)"},
    {"lcase", 1, 1, "lower($1)"},
    {"make_valid_utf8", 1, 1, "clxs_spark_make_valid_utf8($1)"},
    {"like", 2, 3, {}, like},
    {"locate", 2, 3, {}, locate},
    {"levenshtein", 2, 3,
     "CASE WHEN $3 IS NOT NULL AND levenshtein($1, $2) > $3 THEN -1 ELSE levenshtein($1, $2) END"},
    {"len", 1, 1, "clxs_spark_length($1)"},
    {"length", 1, 1, "clxs_spark_length($1)"},
    {"lpad", 2, 3, "clxs_spark_lpad($*)"},
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
    {"regexp_instr", 2, 3, {}, regexpInstr},
    {"regexp_extract_all", 2, 3, "regexp_extract_all($1, $2, coalesce($3, 1))"},
    {"regexp_like", 2, 2, "regexp_matches($1, $2)"},
    {"regexp_replace", 3, 4, {}, regexpReplace},
    {"regexp_substr", 2, 2, "nullif(regexp_extract($1, $2), '')"},
    {"rlike", 2, 2, "regexp_matches($1, $2)"},
    {"rpad", 2, 3, "clxs_spark_rpad($*)"},
    {"space", 1, 1, "repeat(' ', greatest($1, 0))"},
    {"sentences", 1, 3, {}, sentences},
    {"split", 2, 3, {}, split},
    {"startswith", 2, 2, "clxs_spark_startswith($1, $2)"},
    {"substr", 2, 3, "clxs_spark_substring($*)", nullptr, true},
    {"substring", 2, 3, "clxs_spark_substring($*)", nullptr, true},
    {"substring_index", 3, 3,
     "CASE WHEN $3 = 0 THEN '' WHEN $3 > 0 THEN array_to_string(list_slice(string_split($1, $2), "
     "1, $3), $2) ELSE array_to_string(list_slice(string_split($1, $2), $3, -1), $2) END"},
    {"to_binary", 1, 2, {}, toBinaryOrError},
    {"to_char", 2, 2, {}, toChar},
    {"to_number", 2, 2, {}, toNumberOrError},
    {"to_varchar", 2, 2, {}, toChar},
    {"try_to_binary", 1, 2, {}, tryToBinary},
    {"try_to_number", 2, 2, {}, tryToNumber},
    {"try_validate_utf8", 1, 1, "TRY(clxs_spark_validate_utf8($1))"},
    {"ucase", 1, 1, "upper($1)"},
    {"validate_utf8", 1, 1, "clxs_spark_validate_utf8($1)"},
};

}  // namespace

std::span<const BuiltinFunction> stringFunctions() {
  return kStringFunctions;
}

}  // namespace clxs::kernel
