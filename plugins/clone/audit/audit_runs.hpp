// The clone plugin's audit rows (clone_operations, clone_run_logs, clone_metrics, written by
// CloneStore::audit) read back as typed runs: the one place that knows their layout, so the
// trail, notifications, health and metrics readers agree on every number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::clone::audit {

/// One audited run (clone, sync or incremental_sync) with the metrics the readers use.
struct AuditRun {
  std::string jobId;                  ///< job id
  std::string operation;              ///< clone, sync, incremental_sync
  std::string sourceCatalog;          ///< source
  std::string destinationCatalog;     ///< destination
  std::string cloneType;              ///< DEEP or SHALLOW
  std::string status;                 ///< completed, completed_with_errors, failed, cancelled
  std::string startedAt;              ///< ISO-8601 UTC
  std::string finishedAt;             ///< ISO-8601 UTC
  double durationSeconds = 0;         ///< wall time of the run
  std::string userName;               ///< who ran it
  std::int64_t tablesSuccess = 0;     ///< tables cloned
  std::int64_t tablesFailed = 0;      ///< tables that failed
  std::int64_t tablesSkipped = 0;     ///< tables skipped (filters, resume)
  std::int64_t viewsSuccess = 0;      ///< views created
  std::int64_t functionsSuccess = 0;  ///< functions created
  std::int64_t volumesSuccess = 0;    ///< volumes created
  std::int64_t bytesCopied = 0;       ///< bytes written
  std::int64_t retries = 0;           ///< statement retries
  std::string errorMessage;  ///< what went wrong, for runs not plainly completed (else empty)
};

/// Which runs to read. Empty fields do not filter; catalog names compare without ASCII case.
struct RunFilter {
  std::string sourceCatalog;       ///< source catalog
  std::string destinationCatalog;  ///< destination catalog
  std::string status;              ///< exact status
  std::string operation;           ///< exact operation
  std::string finishedAfter;       ///< only runs that finished strictly after this ISO time
};

/// A run with everything recorded about it.
struct RunDetail {
  AuditRun run;                            ///< the run
  Json summary;                            ///< the run's result or {error} (null when none)
  std::vector<std::string> logLines;       ///< its log
  Json metrics = Json::object();           ///< name → number
  std::optional<bool> destinationExisted;  ///< from the rollback log, when one was kept
};

/// Runs counted by how they ended.
struct RunTally {
  std::int64_t succeeded = 0;   ///< completed
  std::int64_t withErrors = 0;  ///< completed_with_errors
  std::int64_t failed = 0;      ///< failed (and any other end)
  std::int64_t cancelled = 0;   ///< cancelled

  /// Counts one run.
  void add(const AuditRun& r);
  /// Runs that were not cancelled.
  [[nodiscard]] std::int64_t decisive() const { return succeeded + withErrors + failed; }
  /// 100 × (succeeded + ½ with errors) / decisive, or nullopt without decisive runs.
  [[nodiscard]] std::optional<double> rate() const;
};

/// Terminal statuses an audit row can carry.
const std::vector<std::string>& runStatuses();

/// Runs matching `filter`, most recently finished first; all of them when `limit` is empty.
std::vector<AuditRun> loadRuns(Store& store, const RunFilter& filter,
                               std::optional<int> limit = std::nullopt);
/// How many runs match `filter`.
std::int64_t countRuns(Store& store, const RunFilter& filter);
/// Ids of every audited run, oldest first.
std::vector<std::string> runIds(Store& store);
/// Everything recorded about one run, or nullopt when it was never audited.
std::optional<RunDetail> loadRunDetail(Store& store, const std::string& jobId);

/// An entry of GET /api/audit.
Json trailEntry(const AuditRun& run);
/// The body of GET /api/audit/{job_id}/logs: the entry plus log lines, result and metrics.
Json runRecord(const RunDetail& detail);

/// What went wrong in a run, from its summary: the error of a failed run, the abort reason,
/// the first recorded error or failed object. Empty when nothing did.
std::string errorMessageOf(const Json& summary);

}  // namespace clxs::clone::audit
