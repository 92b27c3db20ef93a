// Notebook ids: generation (UUID v4) and the token shape accepted in paths.
#pragma once

#include <string>
#include <string_view>

namespace clxs::notebooks {

/// Full-match pattern for a notebook id taken from a path. Ids are looked up in the
/// store only, never used to build a file path, but a narrow shape keeps junk out of logs.
inline constexpr const char* kIdPattern = "^[A-Za-z0-9_-]{1,64}$";

/// Whether `id` matches kIdPattern.
bool isValidNotebookId(std::string_view id);

/// Throws a 422 (loc ["path","id"]) unless `id` is valid.
void requireValidNotebookId(std::string_view id);

}  // namespace clxs::notebooks
