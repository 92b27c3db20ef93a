// ODCS documents as YAML and back, exactly (clxs/yaml.hpp: a string that would read back as
// another type, such as the version "1.10" or the value "true", is quoted; keys keep their
// order), so export followed by import gives the same document.
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs::governance {

/// `doc` as a YAML document.
std::string contractToYaml(const Json& doc);

/// A YAML document as JSON (plain scalars typed as parseYaml() types them, quoted scalars as
/// strings; aliases and nesting bounded). Throws HttpError 422 at ["body", "yaml_content"] for text
/// that is not YAML or not a mapping.
Json contractFromYaml(const std::string& yaml);

}  // namespace clxs::governance
