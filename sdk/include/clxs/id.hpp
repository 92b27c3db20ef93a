// Random identifiers for objects a plugin creates.
#pragma once

#include <string>

namespace clxs {

/// A new random UUID v4 in canonical lower-case form ("0f8e...-4...").
std::string newUuid();

}  // namespace clxs
