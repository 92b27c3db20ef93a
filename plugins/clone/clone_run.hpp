// One clone run: discover what the source holds, then create the destination catalog,
// schemas, tables, functions, volumes and views with their metadata, recording a rollback
// log and per-object progress as it goes.
#pragma once

#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "clxs/json.hpp"
#include "clxs/services/table_comparison.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_store.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {

/// Where a run reports progress.
using ProgressFn = std::function<void(std::int64_t done, std::int64_t total,
                                      const std::string& current, const Json& extra)>;

/// Identity of a run.
struct RunIdentity {
  std::string jobId;           ///< this job
  std::string rollbackId;      ///< log to append to (a resumed run reuses the first run's)
  std::string startedAt;       ///< ISO-8601 UTC
  std::set<std::string> done;  ///< objectKey()s finished by the run being resumed
  std::string resumedFrom;     ///< that run's job id (empty: a fresh run)
};

/// How the statements of a clone with `options` are run (rate limit, retries, dry run).
RunnerSettings runnerSettings(const CloneOptions& options);

/// Runs a clone. The result reports per kind {success, failed, skipped} and per object its
/// status, error, duration and bytes. Throws JobCancelled when cancelled (what was done
/// stays recorded in the rollback log). `comparer` (the analysis plugin's service) is needed
/// only for validate_after_clone; std::logic_error without it then.
Json runClone(const CloneOptions& options, StatementRunner& runner, CloneStore* store,
              const RunIdentity& identity, const ProgressFn& progress,
              services::TableComparer* comparer = nullptr);

}  // namespace clxs::clone
