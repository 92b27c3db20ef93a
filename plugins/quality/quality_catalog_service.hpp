// The quality.catalog service: the checks and rules stored on each table, with the columns
// they read, for plugins that report what is checked (observability's coverage).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clxs/services/quality_catalog.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/rule_repository.hpp"

namespace clxs::quality {

/// A check as the service describes it: its column arguments (Column and Columns arguments of
/// its registry function) and whether it judges freshness.
services::DefinedCheck definedCheckOf(const Check& check);

/// A legacy rule as the service describes it: its column, its criticality as the engine
/// runs it (error for critical) and whether it is a freshness rule.
services::DefinedCheck definedRuleOf(const LegacyRule& rule);

/// Lists the stored checks and rules by table.
class QualityCatalogService final : public services::QualityCatalog {
 public:
  /// Reads `checks` and `rules` (they outlive this).
  QualityCatalogService(std::shared_ptr<CheckRepository> checks,
                        std::shared_ptr<RuleRepository> rules)
      : checks_(std::move(checks)), rules_(std::move(rules)) {}

  std::vector<services::TableChecks> checksIn(const std::string& catalog,
                                              const std::string& schema) override;

 private:
  std::shared_ptr<CheckRepository> checks_;
  std::shared_ptr<RuleRepository> rules_;
};

}  // namespace clxs::quality
