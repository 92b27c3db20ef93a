// Type rules for the known keys of a clone config, checked before anything is written.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Checks a whole config document: it must be a mapping, and every known key (top level,
/// inside `profiles`, `audit_trail` and `server`) must have the right type and range:
/// e.g. max_workers an integer >= 1, clone_type DEEP or SHALLOW, copy_* booleans,
/// exclude_schemas a list of strings, profiles a mapping of mappings. Unknown keys pass.
/// Throws HttpError 400 whose message names `label` (the file) and the offending key.
void validateConfigDocument(const Json& doc, const std::string& label);

/// The same checks for some top-level keys only (the body of a partial update).
void validateConfigKeys(const Json& keys, const std::string& label);

}  // namespace clxs::kernel
