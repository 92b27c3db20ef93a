// Reading fields of workspace answers, which may leave fields out.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// The string `key` of `obj`, or "" when `obj` is not an object or the key is missing or
/// not a string.
std::string stringField(const clxs::Json& obj, const char* key);

}  // namespace clxs::kernel
