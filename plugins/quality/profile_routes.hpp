// Profiling: POST /api/profile-table (a table's column profile, kept for drift) and DQX's
// POST /api/governance/dqx/profile (the checks a profile suggests, stored as checks when asked)
// with GET /api/governance/dqx/profiles, and POST /api/governance/dqx/profile-drift.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "clxs/store.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/quality_settings.hpp"

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
  /// Stores a suggested rule row (the original's dqx_profiles columns).
  void insertRule(const Json& row);
  /// Suggested rule rows, newest first, of a table when given.
  std::vector<Json> rules(const std::string& tableFqn);
  /// The newest stored profile of a table, or nothing.
  std::optional<Json> latest(const std::string& tableFqn);
  /// Deletes every stored profile and suggested rule; answers how many rows each table lost.
  Json clear();
  /// How many tables have a profile.
  std::int64_t profiledTables();

 private:
  Store& store_;
};

/// DQX profiling of one table: profiles it (kept for drift), stores the suggested rules and,
/// with `autoGenerate`, adds the suggested checks the table does not have yet. Answers
/// {table_fqn, checks, count} with autoGenerate, else {table_fqn, profiles, count}.
Json profileAndSuggest(Workspace& ws, ProfileRepository& profiles, CheckRepository& checks,
                       const Json& config, const std::string& tableFqn, bool autoGenerate,
                       std::int64_t sampleLimit, const std::string& user, const std::string& at,
                       const CallOptions& call);

/// Registers the profiling routes.
void registerProfileRoutes(Routes& routes, std::shared_ptr<ProfileRepository> profiles,
                           std::shared_ptr<CheckRepository> checks,
                           std::shared_ptr<QualitySettings> settings, const Clock& clock);

}  // namespace clxs::quality
