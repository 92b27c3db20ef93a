// Report, the last phase of a clone run: the result JSON, with per kind the count of
// successes, failures and skips, per object its status, error, duration and bytes, the
// validation and DQ comparison, the warnings and the statements the run issued.
#pragma once

#include "clxs/json.hpp"
#include "plugins/clone/clone_checks.hpp"
#include "plugins/clone/clone_execution.hpp"
#include "plugins/clone/clone_quiesce.hpp"
#include "plugins/clone/clone_run_state.hpp"

namespace clxs::clone {

/// What a finished run is reported from.
struct CloneRunRecord {
  const CloneRunInputs& inputs;
  const CloneLedger& ledger;
  const ExecutionOutcome& execution;
  const QuiesceOutcome& quiesce;
  const CheckOutcome& checks;
  RunClock::time_point started;  ///< the run's duration ends when the report is made
};

/// The result of a run, as runClone() answers it.
Json cloneReport(const CloneRunRecord& record);

}  // namespace clxs::clone
