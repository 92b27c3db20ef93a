// Reading a request's declared query parameters, which may be absent when they have no default.
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

}  // namespace clxs::quality
