// Every enabled check of one table measured by one query: each check's condition becomes a
// column of an inner projection (with the joins its dataset-level functions need), and one
// aggregate over it counts input rows, rows with an error, rows with a warning and each
// check's failures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "clxs/workspace/types.hpp"
#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// One check's count in a scan.
struct CheckCount {
  std::string checkId;      ///< the check's id
  std::string name;         ///< its name
  std::string function;     ///< its function
  Criticality criticality;  ///< error or warn
  std::int64_t failedRows;  ///< rows it fails (inside its filter)
};

/// A table's counts.
struct ScanCounts {
  std::int64_t inputRows = 0;      ///< rows read
  std::int64_t errorRows = 0;      ///< rows failing at least one error check
  std::int64_t warningRows = 0;    ///< rows failing at least one warn check
  std::int64_t flaggedRows = 0;    ///< rows failing any check (DQX's invalid rows)
  std::vector<CheckCount> checks;  ///< per check, in the order given
};

/// The query measuring `checks` (validated, all on `tableFqn`); fails with HttpError 400 for a
/// check the registry cannot compile.
std::string scanSql(const std::string& tableFqn, const std::vector<Check>& checks);

/// The query's one row read back (counts as numbers or as numeric text).
ScanCounts readScan(const ResultSet& result, const std::vector<Check>& checks);

/// A failing row of one check, read while its run is recorded.
struct FailureSample {
  std::size_t check;  ///< index of the check in the scan's list
  Json values;        ///< the row's columns
};

/// The failing rows of `checks` (at most `maxRows` of them): the table's columns and each
/// check's flag, for the rows failing any check.
std::string samplesSql(const std::string& tableFqn, const std::vector<Check>& checks,
                       std::int64_t maxRows);

/// The rows failing any of `checks`, with the table's columns and DQX's quarantine columns:
/// `_errors` and `_warnings` (the names of the error and warn checks each row fails), `_run_id`
/// and `_checked_at` (`at`, ISO-8601).
std::string quarantineSql(const std::string& tableFqn, const std::vector<Check>& checks,
                          const std::string& runId, const std::string& at);

/// `checks` with what their SQL needs from the tables' schemas: compare_datasets' compared
/// columns (those `tableFqn` and the reference share, but keys, exclude_columns and maps), read
/// once per such check. Every scan, sample and quarantine query is written from these.
std::vector<Check> prepareChecks(Workspace& ws, const std::string& tableFqn,
                                 const std::vector<Check>& checks, const CallOptions& call);

/// samplesSql's rows as samples, at most `perCheck` per check.
std::vector<FailureSample> readSamples(const ResultSet& result, const std::vector<Check>& checks,
                                       std::int64_t perCheck);

/// One segment's counts in a segmented scan.
struct SegmentCounts {
  Json segment;       ///< the segment's value (as text; "__other__" for the rest; null for NULL)
  ScanCounts counts;  ///< its counts
};

/// The scan of scanSql grouped by `segmentSql` (a column as SQL): the `maxSegments` largest
/// segments by rows, the rest folded into one "__other__" segment, so the answer stays small
/// whatever the column.
std::string segmentedScanSql(const std::string& tableFqn, const std::vector<Check>& checks,
                             const std::string& segmentSql, std::int64_t maxSegments);

/// The segmented scan's rows read back, largest first.
std::vector<SegmentCounts> readSegments(const ResultSet& result, const std::vector<Check>& checks);

/// Runs scanSql on `ws` and reads it back; `elapsedMs` gets the query's wall time.
ScanCounts measure(Workspace& ws, const std::string& tableFqn, const std::vector<Check>& checks,
                   const CallOptions& call, std::int64_t& elapsedMs);

}  // namespace clxs::quality
