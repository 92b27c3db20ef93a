// YAML <-> JSON conversion: configuration files, imported and exported documents (data
// contracts, check lists). Safe on hostile input: alias expansion and nesting are bounded.
// Link yaml-cpp where this is used (clxs::sdk brings it).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace YAML {
class Node;
}  // namespace YAML

namespace clxs {

/// Raised when YAML text cannot be parsed or converted; the message names the line and
/// column (1-based) where that is known.
class YamlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Converts a loaded YAML node to JSON. Plain scalars are typed the way the original's
/// PyYAML reads them (null, booleans including yes/no/on/off, integers, floats); quoted
/// scalars stay strings; `<<` merge keys are applied. Throws YamlError for non-scalar map
/// keys, nesting deeper than 200 levels or alias expansion beyond 100,000 values.
[[nodiscard]] Json yamlToJson(const YAML::Node& node);

/// Parses one YAML document into JSON; empty text is null. Throws YamlError on a syntax
/// error or when the text holds more than one document.
[[nodiscard]] Json parseYaml(const std::string& text);

/// Block-style YAML for `value`, ending with a newline. Strings that would read back as
/// another type ("yes", "10", "") are quoted, so parseYaml(emitYaml(v)) == v for any JSON
/// without non-finite numbers.
[[nodiscard]] std::string emitYaml(const Json& value);

/// The JSON value an unquoted YAML scalar with this text stands for.
[[nodiscard]] Json resolvePlainScalar(std::string_view text);

}  // namespace clxs
