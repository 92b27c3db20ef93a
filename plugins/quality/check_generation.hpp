// Checks a profile suggests, as DQX's profiler makes them: is_not_null for a column with (almost)
// no NULLs, is_in_list for a column with few distinct values, is_in_range for numbers and
// dates between their observed minimum and maximum.
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// One suggestion: the rule DQX's profiler names (is_not_null, is_in_list, min_max) with its
/// parameters and a sentence, and the check it becomes.
struct SuggestedRule {
  std::string column;       ///< the column
  std::string ruleType;     ///< is_not_null, is_in_list or min_max
  Json parameters;          ///< what the rule was read from (ratios, values, bounds)
  std::string description;  ///< one sentence
  Check check;              ///< the check (function, arguments; table, criticality error)
};

/// The suggestions for `profile` (profileTable's answer, read with top_n ≥ max_in_count), by
/// the settings (`max_null_ratio`, `max_in_count`, `distinct_ratio`).
std::vector<SuggestedRule> suggestChecks(const Json& profile, const Json& settings);

}  // namespace clxs::quality
