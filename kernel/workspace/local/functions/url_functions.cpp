// URLs as Spark's parse_url splits them (RFC 3986 parts: PROTOCOL, HOST, PATH, QUERY, REF,
// FILE, AUTHORITY, USERINFO; QUERY with a key gives that parameter), and URL encoding.
#include "clxs/text.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

// The regular expression group that holds `part` of a URL, or empty when unknown.
std::string partPattern(const std::string& part) {
  const auto u = upperAscii(part);
  if (u == "PROTOCOL") return "^([^:/?#]+):";
  if (u == "HOST") return "^[^:/?#]+://(?:[^@/?#]*@)?([^/?#:]*)";
  if (u == "PATH") return "^[^:/?#]+://[^/?#]*([^?#]*)";
  if (u == "QUERY") return "\\?([^#]*)";
  if (u == "REF") return "#(.*)$";
  if (u == "FILE") return "^[^:/?#]+://[^/?#]*([^#]*)";
  if (u == "AUTHORITY") return "^[^:/?#]+://([^/?#]*)";
  if (u == "USERINFO") return "^[^:/?#]+://([^@/?#]*)@";
  return {};
}

// The part of a URL that parse_url names, or NULL when the part is unknown.
std::string urlPart(const FunctionArgs& a) {
  std::string part;
  if (!literalText(a[1], part)) return "NULL";
  const std::string url = "(" + a[0] + ")";
  if (a.size() == 3) {
    if (upperAscii(part) != "QUERY") return "NULL";
    return "nullif(regexp_extract(" + url + ", '[?&]' || regexp_escape((" + a[2] +
           ")) || '=([^&#]*)', 1), '')";
  }
  const std::string pattern = partPattern(part);
  if (pattern.empty()) return "NULL";
  return "nullif(regexp_extract(" + url + ", '" + pattern + "', 1), '')";
}

// A `%` not followed by two hex digits, which Java's decoders refuse.
std::string badEscape(const std::string& sql) {
  return "regexp_matches(" + sql + ", '%([^0-9A-Fa-f]|.[^0-9A-Fa-f]|.?$)')";
}

// parse_url of a string java.net.URI refuses (a space or another character URIs exclude, a
// bad escape, a bad scheme) is NULL in the try_ form and Databricks' INVALID_URL otherwise.
std::string parseUrl(const FunctionArgs& a, bool orNull) {
  const std::string url = "(" + a[0] + ")";
  const std::string invalid = "(NOT regexp_full_match(" + url +
                              R"(, '(?:[A-Za-z][A-Za-z0-9+.-]*:)?[^ "<>\\^`{|}]*') OR )" +
                              badEscape(url) + ")";
  const std::string refused =
      orNull ? std::string("NULL")
             : "error('[INVALID_URL] The URL is invalid: ' || " + url +
                   " || '. Use `try_parse_url` to tolerate invalid URL and return NULL instead. "
                   "SQLSTATE: 22P02')";
  return "CASE WHEN " + invalid + " THEN " + refused + " ELSE " + urlPart(a) + " END";
}
std::string parseUrlOrError(const FunctionArgs& a) {
  return parseUrl(a, false);
}
std::string tryParseUrl(const FunctionArgs& a) {
  return parseUrl(a, true);
}

std::string urlDecode(const FunctionArgs& a) {
  return urlDecodeSql(a[0], false);
}
std::string tryUrlDecode(const FunctionArgs& a) {
  return urlDecodeSql(a[0], true);
}

// url_encode as Java's URLEncoder: a space is `+`, `*` stays, `~` is escaped.
std::string urlEncode(const FunctionArgs& a) {
  return "replace(replace(replace(url_encode(" + a[0] + "), '%20', '+'), '%2A', '*'), '~', '%7E')";
}

constexpr BuiltinFunction kUrlFunctions[] = {
    {"parse_url", 2, 3, {}, parseUrlOrError},   {"try_parse_url", 2, 3, {}, tryParseUrl},
    {"try_url_decode", 1, 1, {}, tryUrlDecode}, {"url_decode", 1, 1, {}, urlDecode},
    {"url_encode", 1, 1, {}, urlEncode},
};

}  // namespace

std::string urlDecodeSql(const std::string& arg, bool orNull) {
  const std::string refused =
      orNull ? std::string("NULL")
             : "error('[CANNOT_DECODE_URL] The provided URL cannot be decoded: ' || (" + arg +
                   ") || '. Please ensure that the URL is properly formatted and try again. "
                   "SQLSTATE: 22546')";
  return "CASE WHEN " + badEscape("(" + arg + ")") + " THEN " + refused +
         " ELSE url_decode(replace((" + arg + "), '+', ' ')) END";
}

std::span<const BuiltinFunction> urlFunctions() {
  return kUrlFunctions;
}

}  // namespace clxs::kernel
