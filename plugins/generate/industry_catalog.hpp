// Lookup of the industry definitions by name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// Every industry, in the original's order (healthcare, financial, retail, ...).
const std::vector<IndustryDef>& allIndustries();

/// The industry called `name` (exact, lower case), or null.
const IndustryDef* findIndustry(std::string_view name);

/// The names of every industry, in order.
std::vector<std::string> industryNames();

}  // namespace clxs::generate
