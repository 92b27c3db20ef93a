// Reading a request's parameters: declared query parameters, which may be absent when they
// have no default, and whether a body field was sent at all (defaults hide that).
#pragma once

#include <cstdint>
#include <string>

#include "clxs/http.hpp"

namespace clxs::quality {

/// The text parameter `name`, or "" when absent.
inline std::string queryText(const Request& req, const char* name) {
  const Json& q = req.query();
  if (!q.is_object()) return {};
  const auto it = q.find(name);
  return it != q.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The integer parameter `name`, or `fallback` when absent.
inline std::int64_t queryInt(const Request& req, const char* name, std::int64_t fallback) {
  const Json& q = req.query();
  if (!q.is_object()) return fallback;
  const auto it = q.find(name);
  return it != q.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

/// Whether the client sent body field `name` (an update leaves the fields it did not send as
/// they are, whatever their defaults).
inline bool bodyHas(const Request& req, const char* name) {
  if (!req.rawBody().empty()) {
    const auto raw = Json::parse(req.rawBody(), nullptr, false);
    return raw.is_object() && raw.contains(name);
  }
  return req.body().is_object() && req.body().contains(name);
}

}  // namespace clxs::quality
