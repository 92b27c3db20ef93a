// SLA rules and their checks: creating and deleting rules (recorded in the change history),
// checking every enabled rule (one check row each), the newest status per rule and the daily
// compliance. A failed check publishes an observability signal (source "sla", the rule's id
// as reference) so the observability plugin opens an incident; the next pass resolves it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/governance/governance_deps.hpp"
#include "plugins/governance/sla_store.hpp"

namespace clxs::governance {

/// What a rule is made of, as a route received it (validated there).
struct SlaRuleRequest {
  std::string tableFqn;              ///< catalog.schema.table (must exist)
  std::string metric;                ///< one of slaMetrics()
  double threshold = 0;              ///< see sla_measure.hpp
  int windowDays = 7;                ///< schema_stability window
  std::vector<std::string> columns;  ///< completeness columns (must exist)
  std::string severity = "medium";   ///< critical, high, medium, low, warning, info
  std::string ownerTeam;             ///< owner
  std::string notificationChannel;   ///< where to tell them
  bool enabled = true;               ///< checked by check()
};

/// The rules' logic.
class SlaService {
 public:
  /// Uses `deps` (store, history, clock, events).
  explicit SlaService(const GovernanceDeps& deps) : deps_(deps), store_(*deps.store) {}

  /// Creates a rule on a table of `ws`. 404 for an unknown table, 422 for a missing column or
  /// a completeness threshold over 100.
  SlaRule createRule(Workspace& ws, const SlaRuleRequest& request, const std::string& actor);
  /// Deletes a rule (its checks stay for the trend). 404 when unknown.
  void deleteRule(const std::string& slaId, const std::string& actor);
  /// Reports rules checked of all, and the table being checked.
  using SlaProgress =
      std::function<void(std::int64_t done, std::int64_t total, const std::string& table)>;
  /// The enabled rules check() would check (only `tableFqn`'s when not empty; only `slaIds`
  /// when not empty, 404 for an unknown one).
  [[nodiscard]] std::vector<SlaRule> rulesToCheck(const std::string& tableFqn,
                                                  const std::vector<std::string>& slaIds) const;
  /// Checks rulesToCheck(), stores one check per rule and signals breaches and recoveries;
  /// stops between rules when `options` is cancelled.
  std::vector<SlaCheck> check(Workspace& ws, const std::string& tableFqn,
                              const std::vector<std::string>& slaIds, const std::string& actor,
                              const CallOptions& options, const SlaProgress& progress = {});
  /// {total_rules, checked, passed, failed, unknown, health_pct, checks[]}: the newest check
  /// of each rule.
  [[nodiscard]] Json status() const;
  /// {days, overall_pct, trend: [{date, total, passed, failed, compliance_pct}]}: each UTC day
  /// of the last `days` (today included), compliance_pct null on a day without checks.
  [[nodiscard]] Json trend(int days) const;

  /// The store (reads).
  [[nodiscard]] const SlaStore& store() const { return store_; }
  /// The plugin's job queue (for checks run as jobs).
  [[nodiscard]] Jobs* jobs() const { return deps_.jobs; }

 private:
  void signal(const SlaRule& rule, const SlaCheck& check);

  GovernanceDeps deps_;
  SlaStore store_;
};

}  // namespace clxs::governance
