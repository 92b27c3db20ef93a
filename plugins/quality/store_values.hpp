// Reading the plugin's SQLite rows, stored JSON and query answers: text columns, JSON kept as
// text, numbers.
#pragma once

#include <cmath>
#include <exception>
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

/// A value a query answered as a number: a JSON number, or text of one (engines answer
/// DECIMAL and 128-bit sums as text); NaN for anything else.
inline double numericValue(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      return std::stod(v.get<std::string>());
    } catch (const std::exception&) {
      return std::nan("");
    }
  }
  return std::nan("");
}

}  // namespace clxs::quality
