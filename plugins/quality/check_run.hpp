// One recorded run of a table's checks: the counting query, then, when rows failed, one
// bounded query for samples of them (kept with the run; GET …/failure-samples reads them back
// and never queries again).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/quality/check_repository.hpp"

namespace clxs::quality {

/// Runs `checks` on `table`, stores the run and up to `samplesPerCheck` failing rows per check
/// (0: none), and answers the run.
RunRecord runAndRecord(Workspace& ws, CheckRepository& repo, const std::string& table,
                       const std::vector<Check>& checks, std::int64_t samplesPerCheck,
                       const CallOptions& call, const std::string& user, const std::string& at);

/// Writes the rows of `run` that failed a check to the Delta table `target` (created when
/// missing with the table's columns and quarantineSql's) and answers how many were written.
/// Throws HttpError 422 for a target not named catalog.schema.table, and 409 when the target
/// exists with other columns.
std::int64_t quarantineRows(Workspace& ws, const RunRecord& run, const std::vector<Check>& checks,
                            const std::string& target, const CallOptions& call);

}  // namespace clxs::quality
