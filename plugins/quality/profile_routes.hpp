// Deep Profiling: POST /api/profile-table (a table's column profile, kept for drift).
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "clxs/store.hpp"

namespace clxs::quality {

/// Stored profiles (quality_profiles).
class ProfileRepository {
 public:
  /// Uses `store` (the plugin's; it outlives this).
  explicit ProfileRepository(Store& store) : store_(store) {}
  /// The table's migration (after the segmented runs').
  static std::vector<Migration> migrations();
  /// Stores a profile (profileTable's answer).
  void insert(const Json& profile);
  /// How many tables have a profile.
  std::int64_t profiledTables();

 private:
  Store& store_;
};

/// Registers POST /api/profile-table.
void registerProfileRoutes(Routes& routes, std::shared_ptr<ProfileRepository> profiles,
                           const Clock& clock);

}  // namespace clxs::quality
