// The original's data-quality rules (Governance › DQ rules): a rule type with a column,
// parameters, a severity and a failure-rate threshold. Each becomes a check of the one engine,
// so rules and DQX checks count rows the same way.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// One rule as the original stores it.
struct LegacyRule {
  std::string id;          ///< UUID
  std::string name;        ///< its name
  std::string tableFqn;    ///< catalog.schema.table
  std::string column;      ///< the column it reads ("" for row_count, custom_sql)
  std::string ruleType;    ///< not_null, unique, range, regex, custom_sql, freshness, row_count,
                           ///< referential
  std::string expression;  ///< custom_sql's condition (a row passes when it holds); regex's
                           ///< pattern when params has none
  Json params = Json::object();      ///< min/max, pattern, max_hours, parent_table/parent_column
  std::string severity = "warning";  ///< critical, warning or info
  double threshold = 0;              ///< the failure rate (0–1) a rule tolerates
  std::string schedule = "manual";   ///< kept as given
  bool enabled = true;               ///< disabled rules are not run
};

/// The rule types, for messages and the route model.
inline constexpr const char* kRuleTypes[] = {"not_null",   "unique",    "range",     "regex",
                                             "custom_sql", "freshness", "row_count", "referential"};

/// The checks a rule is (criticality error for critical, warn otherwise): one, or two for a
/// row_count rule with both min and max. Throws HttpError 422 for a rule its type cannot make
/// a check of (range without min or max, regex without a pattern, referential without
/// parent_table, a column missing where the type needs one).
std::vector<Check> checksOfRule(const LegacyRule& rule);

}  // namespace clxs::quality
