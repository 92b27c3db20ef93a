// A contract's quality section compiled for the quality plugin's check engine (service
// quality.checks): each library metric becomes a DQX check whose failing rows are the metric
// (nullValues → is_not_null, missingValues → NULL or a listed missing value, invalidValues →
// is_in_list / regex_match, duplicateValues → is_unique, rowCount → the rows the scan reads),
// each SQL rule a scalar query with {object} and {property} replaced by quoted names, all rules
// of a table in one run; then each rule's threshold judged on the counts (rows, or percent of
// the table's rows).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/check_runner.hpp"

namespace clxs::governance {

/// A rule's comparison: the operator and its operand (a number, or [low, high]).
struct OdcsThreshold {
  std::string op;  ///< mustBe, mustNotBe, mustBeGreaterThan, …, mustNotBeBetween
  Json operand;    ///< a number or [low, high]
};

/// The rule's operator and operand; when it gives none, mustBe 0 (mustBeGreaterThan 0 for
/// rowCount). The 3.1 spellings mustBe…ThanOrEqualTo read as mustBe…OrEqualTo.
OdcsThreshold ruleThreshold(const Json& rule, const std::string& metric);

/// Whether `actual` satisfies the threshold.
bool thresholdHolds(const OdcsThreshold& t, double actual);

/// "mustBeLessThan 5", "mustBeBetween [1, 3]".
std::string describeThreshold(const OdcsThreshold& t);

/// One quality rule of the contract, placed.
struct OdcsRule {
  std::string ruleId;         ///< where it is: schema[0].properties[1].quality[0]
  std::string name;           ///< its name, or "<object>.<property> <metric>"
  std::string object;         ///< its schema object
  std::string property;       ///< its property (empty for an object's rule)
  std::string table;          ///< the table it runs on
  std::string type;           ///< library, sql, text or custom
  std::string metric;         ///< library metric, or "sql", or the DQX function of a custom rule
  std::string unit = "rows";  ///< rows or percent
  OdcsThreshold threshold;    ///< how its value is judged
  std::string criticality = "error";  ///< from severity: warning and info are warn
  std::size_t run = 0;                ///< index of its table's run
  std::optional<std::size_t> check;   ///< its check in that run
  std::optional<std::size_t> value;   ///< its value query in that run
  bool rowCount = false;              ///< measured by the run's row count
  std::string skipped;                ///< why it does not run (text rules, no table, …)
};

/// The checks and value queries of one table.
struct OdcsTableRun {
  std::string table;                         ///< catalog.schema.table
  std::vector<services::CheckSpec> checks;   ///< DQX checks
  std::vector<services::ValueQuery> values;  ///< SQL rules
};

/// Every rule and the runs that measure them.
struct OdcsQualityPlan {
  std::vector<OdcsRule> rules;
  std::vector<OdcsTableRun> runs;
};

/// Compiles the quality rules of `doc` (properties', objects' and, with one table, the
/// contract's). SQL that is not one SELECT is a 400.
OdcsQualityPlan planContractQuality(const Json& doc);

/// The run index of `table` in `plan`, added when missing.
std::size_t odcsRunFor(OdcsQualityPlan& plan, const std::string& table);

/// The rule's verdict from its run: {rule_id, name, object, property, table, type, metric,
/// unit, threshold, criticality, actual, failed_rows, total_rows, passed, message}; a skipped
/// rule has status skipped and its reason.
Json judgeRule(const OdcsRule& rule, const services::CheckRunResult* run);

}  // namespace clxs::governance
