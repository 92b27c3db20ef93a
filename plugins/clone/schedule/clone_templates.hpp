// Clone templates: named partial clone requests (the original's 13 built-in recipes plus
// user templates from the `clone_templates` config key) that schedules start from.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::clone::schedule {

/// One template: a partial POST /api/clone body under a key.
struct CloneTemplate {
  std::string key;                    ///< what `template` names ("dev-refresh")
  std::string title;                  ///< display name ("Dev Refresh")
  std::string description;            ///< one sentence
  Json config = Json::object();       ///< partial clone body (clone_type, copy_* ...)
  std::vector<std::string> required;  ///< fields the user must add (target_workspace)
  std::string source = "builtin";     ///< "builtin" or "config"
  std::string error;                  ///< why a config template is unusable; empty if valid
};

/// The built-in templates, in the order the original listed them.
std::vector<CloneTemplate> builtinTemplates();

/// Built-ins followed by the templates of the `clone_templates` config value: a mapping
/// `key: {name, description, config: {...}, requires: [...]}`. A configured key replaces
/// the built-in of the same key. A bad entry is kept with `error` set (and logged by the
/// caller), never fatal; a value that is not a mapping yields one such entry.
std::vector<CloneTemplate> allTemplates(const Json& configured);

/// The template with `key`, or nullptr.
const CloneTemplate* findTemplate(const std::vector<CloneTemplate>& templates,
                                  const std::string& key);

/// The GET /api/templates entry: name (the key), key, title, description, clone_type,
/// source, config, requires, ignored_keys, available (+ unavailable_reason) or error.
Json describeTemplate(const CloneTemplate& t);

/// Checks the fields of a partial clone body that POST /api/clone declares (types, allowed
/// values, bounds, identifiers) and normalises enum spelling ("shallow" → "SHALLOW").
/// Returns the first problem as "field: why", or empty. Undeclared keys are left alone.
std::string normalizeCloneFields(Json& partial);

/// Keys of `partial` that POST /api/clone does not take (they have no effect).
std::vector<std::string> ignoredCloneKeys(const Json& partial);

}  // namespace clxs::clone::schedule
