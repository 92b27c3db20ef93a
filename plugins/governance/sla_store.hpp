// SLA rules (`governance_sla_rules`) and their checks (`governance_sla_checks`): one check row
// per rule each time the rules are checked, kept after a rule is deleted so the compliance
// trend keeps its past.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::governance {

/// One SLA rule.
struct SlaRule {
  std::string slaId;                 ///< UUID
  std::string tableFqn;              ///< catalog.schema.table
  std::string metric;                ///< freshness, row_count, schema_stability, completeness
  double threshold = 0;              ///< see slaMetricThreshold()
  int windowDays = 7;                ///< schema_stability: the window counted
  std::vector<std::string> columns;  ///< completeness: these columns (empty: all)
  std::string severity = "medium";   ///< critical, high, medium, low (warning, info)
  std::string ownerTeam;             ///< who owns it
  std::string notificationChannel;   ///< where to tell them
  bool enabled = true;               ///< checked by sla/check
  std::string createdBy;             ///< who created it
  std::string createdAt;             ///< when
};

/// One check of one rule.
struct SlaCheck {
  std::string checkId;            ///< UUID
  std::string slaId;              ///< the rule
  std::string tableFqn;           ///< its table
  std::string metric;             ///< its metric
  std::optional<double> value;    ///< what was measured (none: unknown)
  double threshold = 0;           ///< the rule's threshold then
  std::string status;             ///< passed, failed or unknown
  std::string severity;           ///< the rule's severity then
  std::string reason;             ///< why unknown or failed, in words
  Json details = Json::object();  ///< the evidence
  std::string checkedAt;          ///< ISO-8601 UTC
  std::string checkedBy;          ///< who ran the check
};

/// The rules and checks.
class SlaStore {
 public:
  /// Uses the plugin's migrated store.
  explicit SlaStore(Store& store) : store_(store) {}
  /// The tables' schema (versions 22 and 23).
  static std::vector<Migration> migrations();

  /// Inserts a rule.
  void insertRule(const SlaRule& rule);
  /// One rule, or nullopt.
  [[nodiscard]] std::optional<SlaRule> findRule(const std::string& slaId) const;
  /// Rules, oldest first; only `tableFqn`'s (ASCII case ignored) when not empty.
  [[nodiscard]] std::vector<SlaRule> rules(const std::string& tableFqn) const;
  /// Deletes a rule (its checks stay); false when unknown.
  bool deleteRule(const std::string& slaId);

  /// Inserts a check.
  void insertCheck(const SlaCheck& check);
  /// The newest check of a rule, or nullopt.
  [[nodiscard]] std::optional<SlaCheck> latestCheck(const std::string& slaId) const;
  /// The newest check of each rule that still exists, by rule creation.
  [[nodiscard]] std::vector<SlaCheck> latestChecks() const;
  /// Per UTC day from `sinceDay` (YYYY-MM-DD), the checks that passed and failed (unknown ones
  /// are not counted): [{date, total, passed, failed}], oldest first; days without checks are
  /// absent.
  [[nodiscard]] std::vector<Json> dailyCounts(const std::string& sinceDay) const;

 private:
  Store& store_;
};

/// The rule's JSON in the spec's and the original's fields.
Json slaRuleJson(const SlaRule& rule);
/// The check's JSON.
Json slaCheckJson(const SlaCheck& check);

/// Checks counted: {checked, passed, failed, unknown, checks: [slaCheckJson…]}.
Json slaCheckTally(const std::vector<SlaCheck>& checks);

}  // namespace clxs::governance
