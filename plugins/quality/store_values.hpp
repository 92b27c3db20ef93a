// Reading the plugin's SQLite rows and stored JSON: text columns, JSON kept as text, numbers.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::quality {

/// A text column's value ("" for NULL or another type).
inline std::string textOf(const Json& v) {
  return v.is_string() ? v.get<std::string>() : std::string();
}

/// A JSON object kept as text (an empty object for NULL or text that is not one).
inline Json objectOf(const Json& v) {
  if (!v.is_string()) return Json::object();
  auto out = Json::parse(v.get<std::string>(), nullptr, false);
  return out.is_object() ? out : Json::object();
}

/// A number (`fallback` for anything else).
inline double numberOf(const Json& v, double fallback) {
  return v.is_number() ? v.get<double>() : fallback;
}

}  // namespace clxs::quality
