// The workspace-metadata cache: entries grouped by catalog, expiring after a TTL.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "clxs/cache.hpp"
#include "clxs/clock.hpp"

namespace clxs::kernel {

/// Thread-safe TTL cache with hit/miss counters. A loader runs outside the lock, so a slow
/// workspace call never blocks other readers.
class MetadataCache final : public Cache {
 public:
  /// Entries live `ttl` measured on `clock`'s monotonic time.
  MetadataCache(const Clock& clock, std::chrono::duration<double> ttl);

  Json getOrLoad(const std::string& catalog, const std::string& key,
                 const std::function<Json()>& loader) override;
  std::size_t invalidate(const std::string& catalog) override;

  /// Drops everything and resets the counters.
  void clear();
  /// {"hits","misses","size","ttl_seconds"}.
  [[nodiscard]] Json stats();

 private:
  struct Entry {
    Json value;
    std::chrono::steady_clock::time_point expires;
  };
  const Clock& clock_;
  std::chrono::duration<double> ttl_;
  std::mutex mu_;
  std::map<std::string, std::map<std::string, Entry>> entries_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace clxs::kernel
