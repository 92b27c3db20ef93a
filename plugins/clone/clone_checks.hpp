// Checks, the third phase of a clone run: the DQ comparison of each cloned table with its
// source (compare_dq_after_clone), which puts back a table that drifts too far, and the
// validation of the copies (validate_after_clone) by the analysis plugin's table comparison.
#pragma once

#include <map>
#include <string>

#include "clxs/json.hpp"
#include "clxs/services/table_comparison.hpp"
#include "plugins/clone/clone_execution.hpp"
#include "plugins/clone/clone_run_state.hpp"

namespace clxs::clone {

/// What the checks found.
struct CheckOutcome {
  std::map<std::string, double> drift;  ///< largest DQ drift in percent, by schema.table
  Json validation;                      ///< the comparer's summary (null: not validated)
  Json validationEvaluation;            ///< that summary against dq_drift_rollback_pct
};

/// Checks the tables of `execution` as the options ask (nothing in a dry run). A table that
/// drifts beyond dq_drift_rollback_pct, or whose comparison fails, turns failed in `ledger`
/// and in the store. `comparer` is needed for validate_after_clone only.
CheckOutcome checkClone(const CloneRunInputs& in, services::TableComparer* comparer,
                        const ExecutionOutcome& execution, CloneLedger& ledger);

}  // namespace clxs::clone
