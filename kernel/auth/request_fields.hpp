// Reading the fields of a validated request. The kernel validates bodies against the route's
// model first; these checks repeat the essentials so a handler never acts on a missing field
// and answers in the same FastAPI 422 shape.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// The non-empty string `field` of `body`; 422 at ["body", field] when it is missing,
/// not a string or empty.
std::string requiredBodyString(const clxs::Json& body, const char* field);

/// The string `field` of `body`, or `fallback` when it is missing or null; 422 when it is
/// not a string.
std::string optionalBodyString(const clxs::Json& body, const char* field,
                               const std::string& fallback = {});

/// The string `key` of `obj`, or "" when `obj` is not an object or the key is missing or
/// not a string (reading workspace answers, which may leave fields out).
std::string stringField(const clxs::Json& obj, const char* key);

}  // namespace clxs::kernel
