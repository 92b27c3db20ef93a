// What the health score, the table scorecard and the trust score share: a component scored
// 0–100 (or null without evidence) with its weight, evidence and rule; the deduction an
// unresolved incident makes; the freshness curve; and the weighted mean over the components
// that have evidence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::observability {

/// {score (0–100, one decimal; null without evidence), weight, evidence, reason}.
Json scoredPart(std::optional<double> score, double weight, Json evidence, std::string reason);

/// What one unresolved incident costs a score.
struct IncidentCosts {
  double severe = 10;  ///< a critical or high one
  double other = 3;    ///< any other
};

/// 100 less `costs` per incident (10 per critical or high and 3 per other unless told),
/// never below 0; each deduction is added to `deductions` in words ("−10 `what`: title")
/// when it is given.
double incidentScore(const std::vector<Json>& incidents, const char* what,
                     std::vector<std::string>* deductions = nullptr, IncidentCosts costs = {});

/// Freshness 0–100 from the hours since the last data commit: 100 within `allowanceHours`,
/// falling linearly to 0 at three times it (an allowance of 0 gives 100 only at 0 hours).
double freshnessScore(double hours, double allowanceHours);

/// The weighted mean of the scored parts of `parts` (an object of scoredPart()s) and the
/// weight it covers; nullopt when no part has a score.
struct WeightedScore {
  double score = 0;    ///< weighted mean, renormalised over the parts with a score
  double weights = 0;  ///< sum of their weights
};
std::optional<WeightedScore> weighedScore(const Json& parts);

}  // namespace clxs::observability
