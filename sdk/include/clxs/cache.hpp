// The kernel's workspace-metadata cache (TTL from config, 300 s by default).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "clxs/json.hpp"

namespace clxs {

/// Metadata cache shared by all plugins; entries are grouped by catalog so a change to
/// one catalog invalidates only its entries.
class Cache {
 public:
  virtual ~Cache() = default;
  /// Returns the cached value for (catalog, key) or calls `loader`, caches and returns its
  /// result. Exceptions from the loader propagate and nothing is cached.
  virtual Json getOrLoad(const std::string& catalog, const std::string& key,
                         const std::function<Json()>& loader) = 0;
  /// Drops every entry of a catalog; returns how many were removed.
  virtual std::size_t invalidate(const std::string& catalog) = 0;
};

}  // namespace clxs
