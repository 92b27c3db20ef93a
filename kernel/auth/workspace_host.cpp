#include "kernel/auth/workspace_host.hpp"

#include <algorithm>
#include <cctype>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/auth/credential_resolver.hpp"

namespace clxs::kernel {
namespace {

bool isHostChar(unsigned char c) {
  return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' ||
         c == ']';
}

bool allDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::optional<ParsedUrl> parseUrl(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  ParsedUrl out;
  out.scheme = lowerAscii(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  const auto end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  out.rest = end == std::string_view::npos ? std::string() : std::string(rest.substr(end));
  if (authority.empty() || !std::all_of(authority.begin(), authority.end(), isHostChar)) {
    return std::nullopt;
  }
  out.authority = std::string(authority);

  std::string_view host = authority;
  std::string_view port;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view after = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
      if (!allDigits(port)) return std::nullopt;
    }
  } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (!allDigits(port)) return std::nullopt;
  }
  if (host.empty() || host.find_first_of("[]") != std::string_view::npos) return std::nullopt;
  out.hostname = std::string(host);
  return out;
}

bool isLoopbackHost(std::string_view hostname) {
  const std::string h = lowerAscii(hostname);
  if (h == "localhost" || h == "::1") return true;
  // Dotted IPv4 with a first octet of 127, every octet 0-255.
  int octets = 0;
  std::size_t pos = 0;
  std::string first;
  while (pos <= h.size()) {
    const auto dot = std::min(h.find('.', pos), h.size());
    const std::string_view part = std::string_view(h).substr(pos, dot - pos);
    if (!allDigits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
    if (octets == 0) first = std::string(part);
    ++octets;
    pos = dot + 1;
  }
  return octets == 4 && first == "127";
}

std::string checkedWorkspaceHost(std::string_view raw, const clxs::Json& loc) {
  const std::string normalized = normalizeHost(raw);
  if (normalized.empty()) throw clxs::unprocessable(loc, "host must not be empty");
  const auto url = parseUrl(normalized);
  if (!url) {
    throw clxs::unprocessable(
        loc, "host must be a workspace URL such as https://adb-123.azuredatabricks.net");
  }
  if (url->scheme == "http") {
    if (!isLoopbackHost(url->hostname)) {
      throw clxs::unprocessable(loc,
                                "host must use https://; plain http:// is only allowed for a "
                                "loopback host (localhost, 127.0.0.0/8, ::1)");
    }
  } else if (url->scheme != "https") {
    throw clxs::unprocessable(loc, "host must use https://");
  }
  return url->scheme + "://" + url->authority;
}

}  // namespace clxs::kernel
