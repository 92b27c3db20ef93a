// Scheduled clones in the clone plugin's state store: the schedules with their firing
// record, and an audit row per change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::clone::schedule {

/// One stored schedule. Times that decide firing are epoch seconds (UTC).
struct ScheduleRecord {
  std::string id;                             ///< UUID v4
  std::string name;                           ///< display name
  std::string jobType;                        ///< clone, sync or incremental_sync
  std::string cron;                           ///< five-field expression (UTC)
  std::string sourceCatalog;                  ///< source
  std::string destinationCatalog;             ///< destination
  std::string cloneType;                      ///< DEEP or SHALLOW
  std::string templateKey;                    ///< template it started from (empty: none)
  std::string schemaName;                     ///< incremental_sync's schema (empty: none)
  Json jobBody = Json::object();              ///< body submitted at each run
  std::string status = "active";              ///< active or paused
  std::string createdAt;                      ///< ISO-8601 UTC
  std::string updatedAt;                      ///< ISO-8601 UTC
  std::int64_t armedAt = 0;                   ///< slots at or before this never fire
  std::optional<std::int64_t> lastFiredSlot;  ///< last slot claimed for a run
  std::string lastRunAt;                      ///< ISO-8601 UTC of the last run (empty: never)
  std::string lastJobId;                      ///< job of the last run (empty: none)
  std::string lastError;                      ///< why the last run was not submitted
  std::int64_t runCount = 0;                  ///< slots fired
};

/// The `clone_schedules` tables.
class ScheduleStore {
 public:
  /// Uses the clone plugin's store; migrations() must have been applied.
  explicit ScheduleStore(Store& store) : store_(store) {}

  /// The schema: versions 200 and up of the clone plugin's one migration sequence (see
  /// CloneStore::migrations()).
  static std::vector<Migration> migrations();

  /// Adds a schedule.
  void insert(const ScheduleRecord& record);
  /// Every schedule, oldest first.
  [[nodiscard]] std::vector<ScheduleRecord> list() const;
  /// One schedule, or nullopt.
  [[nodiscard]] std::optional<ScheduleRecord> get(const std::string& id) const;
  /// Sets the status (and re-arms at `armedAt`); false when the id is unknown.
  bool setStatus(const std::string& id, const std::string& status, std::int64_t armedAt,
                 const std::string& at);
  /// Deletes a schedule; false when it did not exist.
  bool remove(const std::string& id);
  /// Records that `slot` fired (the kernel scheduler claimed it): last_fired_slot and
  /// run_count.
  void recordFiring(const std::string& id, std::int64_t slot);
  /// Records the outcome of a fired slot: the job id, or the error that stopped it.
  void recordRun(const std::string& id, const std::string& at, const std::string& jobId,
                 const std::string& error);
  /// Appends an audit row.
  void audit(const std::string& at, const std::string& scheduleId, const std::string& action,
             const std::string& actor, const std::string& outcome, const Json& detail);
  /// Audit rows of a schedule, oldest first: {at, action, actor, outcome, detail}.
  [[nodiscard]] std::vector<Json> auditOf(const std::string& scheduleId) const;

 private:
  Store& store_;
};

}  // namespace clxs::clone::schedule
