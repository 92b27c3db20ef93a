// The quality.checks service: DQX-shaped checks from another plugin (a data contract's quality
// rules) run through this plugin's engine in one query, nothing stored.
#pragma once

#include <string>
#include <vector>

#include "clxs/services/check_runner.hpp"
#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// The service's checks as the engine's, validated (names filled); a bad one is a 422 at
/// ["checks", i, …] naming the check.
std::vector<Check> checksOfSpecs(const std::string& tableFqn,
                                 const std::vector<services::CheckSpec>& specs);

/// The scan of `checks` with each value query added as a column `__v<i>`: the queries read the
/// table as `{{ input_view }}`, are checked to be one SELECT each and run as scalar subqueries
/// of the same statement.
std::string checkRunSql(const std::string& tableFqn, const std::vector<Check>& checks,
                        const std::vector<services::ValueQuery>& values);

/// Runs checks and value queries through the engine.
class CheckRunnerService final : public services::CheckRunner {
 public:
  services::CheckRunResult run(Workspace& ws, const std::string& tableFqn,
                               const std::vector<services::CheckSpec>& checks,
                               const std::vector<services::ValueQuery>& values,
                               const CallOptions& call) override;
};

}  // namespace clxs::quality
