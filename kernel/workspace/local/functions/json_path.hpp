// Databricks' `:` operator on JSON text (`raw:store.fruit[0].type`): the path's steps and
// what they extract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::kernel::json_path {

/// One step of a path.
struct Step {
  /// What the step selects.
  enum class Kind {
    Key,       ///< `.name` or `` .`name` ``: a field, matched ignoring case
    Field,     ///< `['name']`: a field, matched exactly
    Index,     ///< `[0]`: an array element, from 0
    Wildcard,  ///< `[*]`: every array element
  };
  Kind kind = Kind::Key;   ///< see Kind
  std::string name;        ///< Key and Field
  std::int64_t index = 0;  ///< Index
};

/// A path as text the engine function takes back (a JSON array of steps).
std::string encode(const std::vector<Step>& steps);

/// The steps of encoded text; throws std::invalid_argument on text encode did not write.
std::vector<Step> decode(std::string_view encoded);

/// The field a name ignoring case matches more than once: Databricks refuses the path.
struct AmbiguousField {
  std::string name;  ///< as written in the path
};

/// What `steps` extract from `json`, as the operator answers: a string's value, any other
/// value as compact JSON text, a JSON array of the matches after a wildcard; nothing for
/// text that is not JSON, a path that matches nothing, and a JSON null. Throws
/// AmbiguousField.
std::optional<std::string> extract(std::string_view json, const std::vector<Step>& steps);

}  // namespace clxs::kernel::json_path
