// Views and functions derived from an industry's tables, so each industry schema gets the
// original's 20 views and 20 functions from a few hand-written ones plus templates.
#pragma once

#include <cstddef>
#include <vector>

#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// Most views and functions per industry schema (as in the original).
inline constexpr std::size_t kObjectsPerIndustry = 20;

/// Masking, banding and date helpers every industry schema gets.
std::vector<FunctionDef> genericFunctions();

/// The industry's own functions followed by the generic ones, at most kObjectsPerIndustry.
std::vector<FunctionDef> industryFunctions(const IndustryDef& ind);

/// The industry's own views followed by derived ones (when `withFunctions`, masked views of
/// tables with PII; monthly activity of fact tables; per-status counts), at most
/// kObjectsPerIndustry. `{s}` in their SQL stands for the industry schema, `{f}` for the
/// same schema before a function name.
std::vector<ViewDef> industryViews(const IndustryDef& ind, bool withFunctions);

/// The `n` tables with the most base rows, largest first (ties keep definition order).
std::vector<const TableDef*> largestTables(const IndustryDef& ind, std::size_t n);

}  // namespace clxs::generate
