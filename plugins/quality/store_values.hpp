// Reading the plugin's SQLite rows: text columns and JSON kept as text.
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

}  // namespace clxs::quality
