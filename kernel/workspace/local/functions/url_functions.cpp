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

std::string parseUrl(const FunctionArgs& a) {
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

constexpr BuiltinFunction kUrlFunctions[] = {
    {"parse_url", 2, 3, {}, parseUrl},          {"try_parse_url", 2, 3, {}, parseUrl},
    {"try_url_decode", 1, 1, "url_decode($1)"}, {"url_decode", 1, 1, "url_decode($1)"},
    {"url_encode", 1, 1, "url_encode($1)"},
};

}  // namespace

std::span<const BuiltinFunction> urlFunctions() {
  return kUrlFunctions;
}

}  // namespace clxs::kernel
