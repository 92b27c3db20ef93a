// Profiling many tables at once, as jobs: DQX's profile-schema and profile-catalog (each table
// profiled and its suggested checks added, as POST …/dqx/profile does for one) and Analysis'
// POST /api/profile (every table of a catalog, column statistics only).
#pragma once

#include <filesystem>
#include <memory>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/profile_routes.hpp"
#include "plugins/quality/quality_settings.hpp"

namespace clxs::quality {

/// What the scope routes share with the rest of the plugin (all outlive every job).
struct ScopeProfileDeps {
  std::shared_ptr<ProfileRepository> profiles;  ///< stored profiles and suggested rules
  std::shared_ptr<CheckRepository> checks;      ///< where suggested checks go
  std::shared_ptr<QualitySettings> settings;    ///< the profiler's thresholds
  Jobs* jobs = nullptr;                         ///< where the work runs
  const Clock* clock = nullptr;                 ///< time of each profile
  std::filesystem::path reportDir;              ///< where POST /api/profile writes output_path
};

/// Registers POST /api/governance/dqx/profile-schema, …/profile-catalog and POST /api/profile.
void registerScopeProfileRoutes(Routes& routes, ScopeProfileDeps deps);

}  // namespace clxs::quality
