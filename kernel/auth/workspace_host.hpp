// Checks on URLs a caller hands the server to connect to (workspace hosts, Azure endpoints).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// An absolute http(s) URL split into the parts the checks look at.
struct ParsedUrl {
  std::string scheme;     ///< lower-cased: "https" or "http"
  std::string authority;  ///< host[:port] as given ("[::1]:8080" keeps its brackets)
  std::string hostname;   ///< host without port or brackets
  std::string rest;       ///< path, query and fragment ("" when none)
};

/// Splits `url`; nullopt when it has no scheme, no host, user information or characters a
/// host name cannot hold.
std::optional<ParsedUrl> parseUrl(std::string_view url);

/// Whether `hostname` names this machine: localhost, 127.0.0.0/8 or ::1.
bool isLoopbackHost(std::string_view hostname);

/// A workspace host from a request, normalised to `https://host[:port]` (path, query and
/// fragment dropped, so a URL pasted from the browser works). Plain http is accepted only
/// for a loopback host (local emulators). Anything else is 422 at `loc`.
std::string checkedWorkspaceHost(std::string_view raw, const clxs::Json& loc);

}  // namespace clxs::kernel
