// Runs suites for real (every item a check or rule of the one engine, one query per table)
// and judges a table for the quality gate, which it also provides to other plugins as the
// service quality.gate.
#pragma once

#include <memory>
#include <string>

#include "clxs/json.hpp"
#include "clxs/services/quality_gate.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/rule_repository.hpp"
#include "plugins/quality/suite_repository.hpp"

namespace clxs::quality {

/// Suites and the gate over the plugin's repositories.
class SuiteRunner final : public services::QualityGate {
 public:
  /// Uses the repositories (the plugin's; they outlive this).
  SuiteRunner(std::shared_ptr<CheckRepository> checks, std::shared_ptr<RuleRepository> rules,
              std::shared_ptr<SuiteRepository> suites);

  /// A suite's items as stored: [{type, id, description}] from the spec's [{check_id,
  /// description}] or the original's [{type, id, params}]. An id that is neither a check nor
  /// a rule, or a type this plugin does not run, is a 422 at {"body","checks",i}.
  Json resolveItems(const Json& items);

  /// Runs every item and answers {suite_id, suite_name, executed_at, executed_by,
  /// overall_status, total_checks, passed, failed, errors, skipped, results[{check_type,
  /// check_id, status, details, error}]}; the run is stored.
  Json run(Workspace& ws, const StoredSuite& suite, const CallOptions& call,
           const std::string& user, const std::string& at);

  services::GateResult evaluate(Workspace& ws, const services::GateRequest& request,
                                const CallOptions& call) override;

 private:
  std::shared_ptr<CheckRepository> checks_;
  std::shared_ptr<RuleRepository> rules_;
  std::shared_ptr<SuiteRepository> suites_;
};

}  // namespace clxs::quality
