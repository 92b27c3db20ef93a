// Small text helpers every plugin needs: case folding of names, JSON values as text and
// optional values as JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs {

/// Upper-cases ASCII letters (identifiers and keywords; other bytes are kept).
std::string upperAscii(std::string_view s);

/// Lower-cases ASCII letters.
std::string lowerAscii(std::string_view s);

/// Whether two Unity Catalog names are the same: names compare without regard to ASCII case.
bool sameName(std::string_view a, std::string_view b);

/// A JSON value as display text: a string as it is, null as "", anything else as its JSON.
std::string jsonText(const Json& value);

/// A string as JSON, or null when it is empty (optional text in responses and stored rows).
Json textOrNull(const std::string& text);

/// An optional value as JSON, or null when it holds none.
template <typename T>
Json optionalJson(const std::optional<T>& value) {
  return value ? Json(*value) : Json();
}

}  // namespace clxs
