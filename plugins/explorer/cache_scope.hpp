// Cache keys that keep one principal's workspace metadata apart from another's.
#pragma once

#include <initializer_list>
#include <string>

#include "clxs/credentials.hpp"
#include "clxs/workspace.hpp"

namespace clxs::explorer {

/// Identifies the workspace and the principal a request acts as, for cache keys. The
/// kernel's cache is shared by every request, and two principals on one workspace may see
/// different objects, so entries must not cross between them. Secrets never appear in the
/// result: a token contributes only a hash.
std::string cacheScope(const Credentials& credentials, const Workspace& ws);

/// An unambiguous cache key from a scope and key parts (names may contain any character).
std::string cacheKey(const std::string& scope, std::initializer_list<std::string> parts);

}  // namespace clxs::explorer
