#include "plugins/quality/quality_catalog_service.hpp"

#include <map>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/check_registry.hpp"

namespace clxs::quality {
namespace {

// Whether `tableFqn` lies in `catalog` (and `schema` when not empty), names compared without
// ASCII case; a name that is not catalog.schema.table lies nowhere.
bool tableIn(const std::string& tableFqn, const std::string& catalog, const std::string& schema) {
  const auto parts = splitQualified(tableFqn);
  if (parts.size() != 3) return false;
  return sameName(parts[0], catalog) && (schema.empty() || sameName(parts[1], schema));
}

}  // namespace

services::DefinedCheck definedCheckOf(const Check& check) {
  services::DefinedCheck out{check.id,
                             "dqx_check",
                             check.name,
                             check.function,
                             std::string(criticalityName(check.criticality)),
                             {},
                             check.enabled,
                             check.function.rfind("is_data_fresh", 0) == 0};
  const auto* spec = findCheckFunction(check.function);
  if (!spec || !check.arguments.is_object()) return out;
  for (const auto& arg : spec->args) {
    const auto it = check.arguments.find(std::string(arg.name));
    if (it == check.arguments.end()) continue;
    if (arg.type == ArgType::Column && it->is_string()) {
      out.columns.push_back(it->get<std::string>());
    } else if (arg.type == ArgType::Columns && it->is_array()) {
      for (const auto& c : *it) {
        if (c.is_string()) out.columns.push_back(c.get<std::string>());
      }
    }
  }
  return out;
}

services::DefinedCheck definedRuleOf(const LegacyRule& rule) {
  services::DefinedCheck out{rule.id,
                             "dq_rule",
                             rule.name,
                             rule.ruleType,
                             rule.severity == "critical" ? "error" : "warn",
                             {},
                             rule.enabled,
                             rule.ruleType == "freshness"};
  if (!rule.column.empty()) out.columns.push_back(rule.column);
  return out;
}

std::vector<services::TableChecks> QualityCatalogService::checksIn(const std::string& catalog,
                                                                   const std::string& schema) {
  // Keyed by the lower-case name so that a check and a rule naming one table in two cases
  // land together; the first spelling seen names it.
  std::map<std::string, services::TableChecks> byTable;
  const auto add = [&](const std::string& fqn, services::DefinedCheck c) {
    if (!tableIn(fqn, catalog, schema)) return;
    auto& t = byTable[lowerAscii(fqn)];
    if (t.tableFqn.empty()) t.tableFqn = fqn;
    t.checks.push_back(std::move(c));
  };
  for (const auto& c : checks_->list("")) add(c.check.tableFqn, definedCheckOf(c.check));
  for (const auto& r : rules_->list("", "")) add(r.rule.tableFqn, definedRuleOf(r.rule));
  std::vector<services::TableChecks> out;
  for (auto& [key, t] : byTable) out.push_back(std::move(t));
  return out;
}

}  // namespace clxs::quality
