// The quality plugin's state in its SQLite tables: checks, run results and the audit log of
// every change to a check (who, when, before and after).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/quality/check.hpp"
#include "plugins/quality/check_scan.hpp"

namespace clxs::quality {

/// A stored check with who made it and when.
struct StoredCheck {
  Check check;            ///< the check
  std::string createdBy;  ///< who created it
  std::string createdAt;  ///< ISO-8601 UTC
  std::string updatedAt;  ///< ISO-8601 UTC
};

/// One run of a table's checks.
struct RunRecord {
  std::string runId;                 ///< UUID
  std::string tableFqn;              ///< the table
  ScanCounts counts;                 ///< what the scan counted
  std::int64_t executionTimeMs = 0;  ///< wall time of the scan
  std::string executedBy;            ///< who started it
  std::string executedAt;            ///< ISO-8601 UTC
};

/// The run as the routes answer it: {run_id, table_fqn, total_rows, input_rows, error_rows,
/// warning_rows, valid_rows (input − error rows), invalid_rows (rows failing any check, as
/// DQX splits them), clean_rows (rows failing none: DQX's valid count), pass_rate (valid rows
/// in %), checks_applied, details[…], execution_time_ms, executed_by, executed_at, status}.
Json runJson(const RunRecord& run);

/// The check as the routes answer it.
Json checkJson(const StoredCheck& c);

/// Reads and writes the plugin's tables.
class CheckRepository {
 public:
  /// Uses `store` (the plugin's; it outlives this).
  explicit CheckRepository(Store& store) : store_(store) {}

  /// The tables' migrations.
  static std::vector<Migration> migrations();
  /// The segmented runs' table (after the settings').
  static std::vector<Migration> segmentMigrations();
  /// The failure samples' table (after the profiles').
  static std::vector<Migration> sampleMigrations();

  /// Stores a new check (its id set); records the creation in the audit log.
  void insert(const StoredCheck& c);
  /// Replaces a check; records before and after. False when the id is unknown.
  bool update(const StoredCheck& c, const std::string& user, const std::string& at);
  /// The check with `id`, or nothing.
  std::optional<StoredCheck> find(const std::string& id);
  /// The checks of a table (every table when empty), oldest first.
  std::vector<StoredCheck> list(const std::string& tableFqn);
  /// Whether a check with the same function, arguments and filter is on the table already.
  bool hasFingerprint(const std::string& tableFqn, const std::string& fingerprint);
  /// Deletes checks by id; records each. Returns how many existed.
  std::int64_t remove(const std::vector<std::string>& ids, const std::string& user,
                      const std::string& at);
  /// Deletes every run, failure sample and segmented run (DQX's clear-all); answers how many
  /// rows each table lost, by table.
  Json clearResults();
  /// Stores a run, then tells the run listener.
  void insertRun(const RunRecord& run);
  /// Called with every run stored (the plugin publishes each check's result from it); set
  /// once at start, before any run.
  void setRunListener(std::function<void(const RunRecord&)> listener) {
    runListener_ = std::move(listener);
  }
  /// Runs, newest first, of a table (all when empty), at most `limit`.
  std::vector<Json> runs(const std::string& tableFqn, std::int64_t limit);
  /// Stores a check's failing rows in a run (one record: a run keeps up to 100 per check).
  void insertSamples(const std::string& runId, const std::string& tableFqn, const Check& check,
                     const Json& rows);
  /// Failing rows, newest run first, of a run or a table when given, at most `limit`.
  std::vector<Json> samples(const std::string& runId, const std::string& tableFqn,
                            std::int64_t limit);
  /// Stores a segmented run's result.
  void insertSegmentRun(const Json& result);
  /// Segmented runs, newest first, of a run id or a table when given.
  std::vector<Json> segmentRuns(const std::string& runId, const std::string& tableFqn,
                                std::int64_t limit);
  /// The newest run of each table, newest first.
  std::vector<Json> latestRuns();
  /// The tables that have checks, with how many and how many are enabled.
  std::vector<Json> tableSummary();
  /// Audit entries, newest first, filtered by check and table when given.
  std::vector<Json> audit(const std::string& checkId, const std::string& tableFqn,
                          std::int64_t limit);

 private:
  void record(const std::string& action, const std::string& checkId, const std::string& table,
              const Json& before, const Json& after, const std::string& user,
              const std::string& at);

  Store& store_;
  std::function<void(const RunRecord&)> runListener_;
};

/// The fingerprint de-duplication uses: function, arguments and filter, canonical JSON.
std::string fingerprint(const Check& c);

}  // namespace clxs::quality
