// ODCS documents as YAML and back, exactly: strings are written double-quoted so that a
// version such as "1.10" or a value such as "true" stays a string, numbers and booleans are
// written plain, and keys keep their order, so export followed by import gives the same
// document.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::governance {

/// `doc` as a YAML document.
std::string contractToYaml(const Json& doc);

/// A YAML document as JSON (YAML 1.2 core types for plain scalars, quoted scalars as
/// strings). Throws HttpError 422 at ["body", "yaml_content"] for text that is not YAML or not
/// a mapping.
Json contractFromYaml(const std::string& yaml);

}  // namespace clxs::governance
