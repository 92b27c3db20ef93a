// Service "quality.catalog": which data-quality checks and rules are defined on the tables of a
// catalog, with the columns each reads, for coverage (which tables and columns have checks)
// and anything else that must know what is checked without reading the quality plugin's
// tables. Provided by the quality plugin.
#pragma once

#include <string>
#include <vector>

namespace clxs::services {

/// One check or rule defined on a table.
struct DefinedCheck {
  std::string id;           ///< the check's or rule's id
  std::string kind;         ///< "dqx_check" (a DQX check) or "dq_rule" (a legacy rule)
  std::string name;         ///< its name
  std::string function;     ///< the DQX function, or the rule type (not_null, freshness, …)
  std::string criticality;  ///< "error" or "warn"
  /// The columns it reads as written in the check (may be expressions); empty for a check
  /// of the whole table (row_count, sql_expression, …).
  std::vector<std::string> columns;
  bool enabled = true;     ///< disabled checks are kept but not run
  bool freshness = false;  ///< it judges how recent the data is (is_data_fresh*, freshness)
};

/// The checks and rules of one table.
struct TableChecks {
  std::string tableFqn;              ///< catalog.schema.table as the checks name it
  std::vector<DefinedCheck> checks;  ///< its checks then its rules, oldest first
};

/// The service.
class QualityCatalog {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "quality.catalog";
  virtual ~QualityCatalog() = default;

  /// The tables of `catalog` (of `schema` too when not empty; names compared without ASCII
  /// case) that have at least one check or rule, enabled or not, by table name.
  virtual std::vector<TableChecks> checksIn(const std::string& catalog,
                                            const std::string& schema) = 0;
};

}  // namespace clxs::services
