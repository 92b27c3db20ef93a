// Clone and rollback as jobs: the bodies the job queue runs, with cancellation wired to the
// workspace, the rollback log opened, and the run audited.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "clxs/credentials.hpp"
#include "clxs/host.hpp"
#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "plugins/clone/catalog_sync.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/clone_store.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {

/// A run the service submits as a job: what the clone-like jobs (clone, sync,
/// incremental_sync) share is the job around the body: identity and rollback log,
/// cancellation, the job log, the audit rows and the completion event.
struct RunRequest {
  std::string operation;  ///< clone, sync or incremental_sync (audit and event name)
  CloneOptions options;   ///< catalogs, dry run, rollback and runner settings
  RunIdentity identity;   ///< resume chain (job id and start are filled in by the job)
  /// The work itself; returns the job's result.
  std::function<Json(const CloneOptions&, StatementRunner&, CloneStore*, const RunIdentity&,
                     const ProgressFn&)>
      body;
};

/// Submits clone, sync and rollback jobs for the plugin.
class CloneService {
 public:
  /// Uses the plugin's host; the store must be migrated.
  CloneService(Host& host, std::shared_ptr<CloneStore> store);

  /// Queues a clone run; returns the job id. A resume (options.resumeJobId) is checked
  /// here: 404 for an unknown job, 422 when its catalogs differ, 409 while it still runs.
  std::string submitClone(CloneOptions options, const Credentials& credentials);
  /// Queues a sync (`jobType` "sync") or an incremental sync ("incremental_sync").
  std::string submitSync(SyncOptions options, const std::string& jobType,
                         const Credentials& credentials);
  /// Queues a rollback of a log; 404 for an unknown id, 409 when already rolled back.
  std::string submitRollback(const std::string& rollbackId, bool dropCatalog,
                             const Credentials& credentials, const std::string& warehouseId);

  /// Queues a job of `jobType` ("clone", "sync" or "incremental_sync") from a request body
  /// shaped as its route takes it; the scheduler fires schedules through this. Throws the
  /// route's 422 for a bad body or an unknown type.
  std::string submitByType(const std::string& jobType, const Json& body,
                           const Credentials& credentials);

  /// The plugin's host.
  [[nodiscard]] Host& host() { return host_; }
  /// The store (rollback logs, audit).
  [[nodiscard]] CloneStore& store() { return *store_; }

 private:
  // Pins every table to the version options.sourceSnapshotId captured (404 unknown snapshot,
  // 422 when it was captured from another catalog).
  void pinToSnapshot(CloneOptions& options) const;
  std::string submitRun(JobSpec spec, RunRequest run, const Credentials& credentials);

  Host& host_;
  std::shared_ptr<CloneStore> store_;
};

}  // namespace clxs::clone
