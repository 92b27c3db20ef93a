// Governance › DQX administration: the dashboard, the engine status the original called
// spark-status (checks run as SQL here, no Spark), run-all as a job, and the settings.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/jobs.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/profile_routes.hpp"
#include "plugins/quality/quality_settings.hpp"

namespace clxs::quality {

/// Registers the routes; they keep the repositories, `jobs` and `clock` (the plugin's).
void registerDqxAdminRoutes(Routes& routes, std::shared_ptr<CheckRepository> checks,
                            std::shared_ptr<QualitySettings> settings,
                            std::shared_ptr<ProfileRepository> profiles, Jobs& jobs,
                            const Clock& clock);

/// run-all's work: every table with enabled checks measured (one query each), each run
/// stored; {tables_checked, passed, failed, errors, results[run or {table_fqn, error}]}, a
/// table passing at `passRateThreshold` (0–100).
Json runAllTables(Workspace& ws, CheckRepository& checks, double passRateThreshold,
                  std::int64_t samplesPerCheck, const std::string& user, const std::string& at,
                  JobContext* ctx);

}  // namespace clxs::quality
