// Read access to the server configuration (clone_config.yaml and its profiles).
#pragma once

#include <string>

#include "clxs/json.hpp"

namespace clxs {

/// The effective configuration: built-in defaults < config base < profile.
class ConfigView {
 public:
  virtual ~ConfigView() = default;
  /// The whole effective config as JSON; `profile` empty means the base. Throws HttpError
  /// 404 for an unknown profile.
  [[nodiscard]] virtual Json effective(const std::string& profile = {}) const = 0;
  /// One top-level key of the base config, or `fallback` when absent.
  [[nodiscard]] Json value(const std::string& key, Json fallback = nullptr) const {
    Json all = effective();
    auto it = all.find(key);
    return it == all.end() || it->is_null() ? fallback : *it;
  }
};

}  // namespace clxs
