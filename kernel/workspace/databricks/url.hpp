// URL pieces the Databricks client needs: host normalisation, percent-encoding, splitting an
// absolute URL, and the loopback rule for plain http.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clxs::kernel::databricks {

/// An absolute URL split into the parts a transport needs.
struct UrlParts {
  std::string scheme;  ///< "http" or "https", lower-cased
  std::string host;    ///< without brackets for IPv6
  int port = 0;        ///< explicit or the scheme's default
  std::string target;  ///< path and query as given ("/" when empty), fragment dropped
};

/// Splits `url`; throws std::invalid_argument (with no part of the URL beyond scheme and
/// host in the message) when it is not an absolute http(s) URL.
UrlParts splitUrl(std::string_view url);

/// Adds "https://" when `host` has no scheme and keeps only scheme, host and port (a path,
/// query or trailing slash is dropped).
std::string normalizeHost(std::string_view host);

/// True for localhost, 127.0.0.0/8 and ::1: the only hosts plain http may reach.
bool isLoopbackHost(std::string_view host);

/// "scheme://host[:port]" of `url`: all a message may say about where a request went.
std::string urlOrigin(std::string_view url);

/// RFC 3986 percent-encoding: everything but ALPHA / DIGIT / "-" / "." / "_" / "~".
std::string percentEncode(std::string_view text);

/// key=value pairs joined with '&', keys and values percent-encoded (query strings and
/// application/x-www-form-urlencoded bodies).
std::string encodePairs(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace clxs::kernel::databricks
