// The clone plugin's state: rollback logs (what existed before each write, so a rollback
// can restore or drop exactly what a run changed), run progress for resume, and run audit.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::clone {

/// Kinds of objects a run touches.
enum class ObjectKind { Catalog, Schema, Table, View, Function, Volume };

/// SQL keyword of a kind ("TABLE").
const char* keyword(ObjectKind kind);
/// Lower-case plural used in results ("tables").
const char* plural(ObjectKind kind);
/// Kind from its keyword; nullopt when unknown.
std::optional<ObjectKind> kindFromKeyword(const std::string& keyword);

/// What was there before the run wrote one object.
struct RollbackEntry {
  ObjectKind kind = ObjectKind::Table;     ///< object kind
  std::vector<std::string> name;           ///< unquoted name parts
  bool existed = false;                    ///< whether it existed before the write
  std::optional<std::int64_t> preVersion;  ///< Delta version before (tables that existed)
  Json previous;                           ///< prior definition (views, functions) or null
};

/// A rollback log's header.
struct RollbackLogInfo {
  std::string rollbackId;          ///< id used by POST /api/rollback
  std::string jobId;               ///< clone job that wrote it
  std::string sourceCatalog;       ///< source
  std::string destinationCatalog;  ///< destination
  std::string cloneStartedAt;      ///< ISO-8601 UTC
  std::string status;              ///< pending, rolled_back, rolled_back_with_errors
  std::string executedAt;          ///< when it was rolled back (empty: not yet)
};

/// Rollback logs, run progress (for resume) and run audit, in the plugin's tables.
class CloneStore {
 public:
  /// Uses the plugin's store; call migrations() first.
  explicit CloneStore(Store& store) : store_(store) {}

  /// The plugin's schema.
  static std::vector<Migration> migrations();

  /// Creates a log for a run (idempotent for a resumed run that reuses the id).
  void openLog(const RollbackLogInfo& info);
  /// Appends an entry; entries keep their order.
  void record(const std::string& rollbackId, const RollbackEntry& entry);
  /// A log's header, or nullopt.
  [[nodiscard]] std::optional<RollbackLogInfo> log(const std::string& rollbackId) const;
  /// Records that a job writes to a log (a resumed run writes to the first run's) and
  /// copies the objects the resumed run finished, so a chain of resumes needs one lookup.
  void registerRun(const std::string& jobId, const std::string& rollbackId,
                   const std::string& resumedFrom);
  /// The log a job writes to, or nullopt.
  [[nodiscard]] std::optional<RollbackLogInfo> logOfJob(const std::string& jobId) const;
  /// Entries in the order they were recorded.
  [[nodiscard]] std::vector<RollbackEntry> entries(const std::string& rollbackId) const;
  /// Every log, newest first, with per-kind counts.
  [[nodiscard]] std::vector<Json> listLogs(int limit) const;
  /// Marks a log rolled back.
  void markRolledBack(const std::string& rollbackId, const std::string& status,
                      const std::string& at, const Json& result);

  /// Marks an object of a run done (success) or failed.
  void markObject(const std::string& jobId, ObjectKind kind, const std::string& name,
                  const std::string& status, const std::string& error = {});
  /// Names ("kind:schema.name") a run finished successfully.
  [[nodiscard]] std::set<std::string> doneObjects(const std::string& jobId) const;

  /// Records a run in the audit tables: the operation with its summary, its log lines and
  /// its metrics.
  void audit(const Json& operation, const std::vector<std::string>& logLines, const Json& metrics);
  /// Audit rows of a job: {operation, logs, metrics}, or null when unknown.
  [[nodiscard]] Json auditOf(const std::string& jobId) const;

 private:
  Store& store_;
};

/// The key doneObjects() uses.
std::string objectKey(ObjectKind kind, const std::string& name);

}  // namespace clxs::clone
