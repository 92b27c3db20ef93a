// Targeted edits of a YAML config file that keep its comments and layout.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Returns `text` with the top-level keys of `updates` (an object) set to their values.
/// Lines of untouched keys, comments included, are kept byte for byte; a replaced value
/// keeps the comment on its key line; new keys are appended. The result is re-parsed and
/// compared with the intended document; when the layout defeats the line edit (flow style,
/// duplicate keys, document markers) the whole document is re-emitted instead, which keeps
/// every value but not the comments. Throws YamlError when `text` is not valid YAML or not
/// a mapping.
[[nodiscard]] std::string setTopLevelKeys(const std::string& text, const Json& updates);

/// Whether two JSON values are equal, ignoring the order of object keys.
[[nodiscard]] bool sameJson(const Json& a, const Json& b);

}  // namespace clxs::kernel
