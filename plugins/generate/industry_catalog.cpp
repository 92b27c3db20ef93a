#include "plugins/generate/industry_catalog.hpp"

#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate {

const std::vector<IndustryDef>& allIndustries() {
  static const std::vector<IndustryDef> kAll = {
      industries::healthcare(), industries::financial(),     industries::retail(),
      industries::telecom(),    industries::manufacturing(), industries::energy(),
      industries::education(),  industries::realEstate(),    industries::logistics(),
      industries::insurance(),
  };
  return kAll;
}

const IndustryDef* findIndustry(std::string_view name) {
  for (const auto& d : allIndustries()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<std::string> industryNames() {
  std::vector<std::string> out;
  for (const auto& d : allIndustries()) out.push_back(d.name);
  return out;
}

}  // namespace clxs::generate
