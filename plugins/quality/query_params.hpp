// Reading a request's parameters: declared query parameters, which may be absent when they
// have no default, whether a body field was sent at all (defaults hide that), and table names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/sql.hpp"

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

/// The parts of the catalog.schema.table name a client sent in body field `field`; a 422 at
/// that field for anything else.
inline std::vector<std::string> tableNameParts(const std::string& fqn, const char* field) {
  auto parts = splitQualified(fqn);
  if (parts.size() != 3) {
    throw unprocessable(
        Json::array({"body", field}),
        std::string(field) + " must name a table as catalog.schema.table, not '" + fqn + "'.",
        "value_error");
  }
  return parts;
}

}  // namespace clxs::quality
