#include "kernel/workspace/databricks/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "clxs/text.hpp"

namespace clxs::kernel::databricks {
namespace {

bool isDecimalOctet(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && value <= 255;
}

}  // namespace

UrlParts splitUrl(std::string_view url) {
  const auto schemeEnd = url.find("://");
  if (schemeEnd == std::string_view::npos) throw std::invalid_argument("not an absolute URL");
  UrlParts parts;
  parts.scheme = lowerAscii(url.substr(0, schemeEnd));
  if (parts.scheme != "http" && parts.scheme != "https") {
    throw std::invalid_argument("unsupported URL scheme '" + parts.scheme + "'");
  }
  std::string_view rest = url.substr(schemeEnd + 3);
  const auto authorityEnd = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authorityEnd);
  std::string_view target =
      authorityEnd == std::string_view::npos ? std::string_view() : rest.substr(authorityEnd);
  if (authority.find('@') != std::string_view::npos) {
    // Credentials in a URL would end up in logs and messages; the client never builds one.
    throw std::invalid_argument("URL with user info is not accepted");
  }
  std::string_view portText;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("bad IPv6 host in URL");
    parts.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') throw std::invalid_argument("bad host in URL");
      portText = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.rfind(':');
    parts.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) portText = authority.substr(colon + 1);
  }
  if (parts.host.empty()) throw std::invalid_argument("URL has no host");
  parts.host = lowerAscii(parts.host);
  parts.port = parts.scheme == "https" ? 443 : 80;
  if (!portText.empty()) {
    int port = 0;
    const auto [end, ec] =
        std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (ec != std::errc() || end != portText.data() + portText.size() || port <= 0 ||
        port > 65535) {
      throw std::invalid_argument("bad port in URL of host " + parts.host);
    }
    parts.port = port;
  }
  const auto hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  parts.target = std::string(target);
  if (parts.target.empty() || parts.target.front() == '?') parts.target.insert(0, "/");
  return parts;
}

std::string normalizeHost(std::string_view host) {
  std::string out(host);
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  const auto first = out.find_first_not_of(" \t");
  out.erase(0, first == std::string::npos ? out.size() : first);
  if (out.empty()) return out;
  if (out.find("://") == std::string::npos) out.insert(0, "https://");
  while (!out.empty() && out.back() == '/') out.pop_back();
  // A pasted browser URL (https://host/?o=123#...) names the same workspace as its origin.
  try {
    splitUrl(out);
    return urlOrigin(out);
  } catch (const std::invalid_argument&) {
    return out;
  }
}

bool isLoopbackHost(std::string_view host) {
  std::string h = lowerAscii(host);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1") return true;
  // 127.0.0.0/8 in dotted-quad form only; other spellings are not trusted.
  std::string_view rest = h;
  for (int i = 0; i < 4; ++i) {
    const auto dot = rest.find('.');
    const std::string_view octet = i < 3 ? rest.substr(0, dot) : rest;
    if ((i < 3 && dot == std::string_view::npos) || !isDecimalOctet(octet)) return false;
    if (i == 0 && octet != "127") return false;
    if (i < 3) rest = rest.substr(dot + 1);
  }
  return true;
}

std::string urlOrigin(std::string_view url) {
  try {
    const UrlParts p = splitUrl(url);
    const bool defaultPort =
        (p.scheme == "https" && p.port == 443) || (p.scheme == "http" && p.port == 80);
    const std::string host = p.host.find(':') != std::string::npos ? "[" + p.host + "]" : p.host;
    return p.scheme + "://" + host + (defaultPort ? "" : ":" + std::to_string(p.port));
  } catch (const std::invalid_argument&) {
    return "(invalid URL)";
  }
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
      continue;
    }
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

std::string encodePairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += percentEncode(key);
    out.push_back('=');
    out += percentEncode(value);
  }
  return out;
}

}  // namespace clxs::kernel::databricks
