// A clone run in its phases: discovery (clone_discovery), execution (clone_execution, with
// the source quiesced around it by clone_quiesce), checks (clone_checks) and the report
// (clone_report). What they share is passed between them: the run's inputs and ledger
// (clone_run_state), the plan, and each phase's outcome.
#include "plugins/clone/clone_run.hpp"

#include <stdexcept>

#include "plugins/clone/clone_checks.hpp"
#include "plugins/clone/clone_discovery.hpp"
#include "plugins/clone/clone_execution.hpp"
#include "plugins/clone/clone_quiesce.hpp"
#include "plugins/clone/clone_report.hpp"
#include "plugins/clone/clone_run_state.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {

RunnerSettings runnerSettings(const CloneOptions& options) {
  RunnerSettings settings;
  settings.dryRun = options.dryRun;
  settings.maxRps = options.maxRps;
  settings.retry = options.enableRetry;
  settings.maxRetries = options.maxRetries;
  settings.warehouseId = options.warehouseId;
  return settings;
}

Json runClone(const CloneOptions& options, StatementRunner& runner, CloneStore* store,
              const RunIdentity& identity, const ProgressFn& progress,
              services::TableComparer* comparer) {
  MetadataCopier copier(runner, options);
  if (options.validateAfterClone && comparer == nullptr) {
    throw std::logic_error("validate_after_clone needs the table comparison service");
  }
  const CloneRunInputs in{options, runner, store, identity};
  CloneLedger ledger(progress);
  const auto started = RunClock::now();
  for (const auto& w : options.warnings) runner.log("WARN " + w);
  ClonePlan plan = discoverClone(in, copier, ledger);
  runner.log("Discovered in " +
             std::to_string(
                 std::chrono::duration_cast<std::chrono::milliseconds>(RunClock::now() - started)
                     .count()) +
             " ms");
  // Writes to the source are blocked for the run and allowed again however it ends.
  SourceQuiesce quiesce(runner, options.sourceCatalog);
  if (options.quiesceSource) quiesce.revokeWrites(plan);
  auto execution = executeClone(in, copier, ledger, plan, started);
  const auto checks = checkClone(in, comparer, execution, ledger);
  handOverOwners(in, copier, plan, execution);
  quiesce.grantBack();
  return cloneReport({in, ledger, execution, quiesce.outcome(), checks, started});
}

}  // namespace clxs::clone
