// Clone and rollback as jobs: the bodies the job queue runs, with cancellation wired to the
// workspace, the rollback log opened, and the run audited.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "clxs/credentials.hpp"
#include "clxs/host.hpp"
#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "plugins/clone/catalog_sync.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/clone_store.hpp"
#include "plugins/clone/statement_runner.hpp"
#include "plugins/clone/sync_request.hpp"

namespace clxs::clone {

/// A run the service submits as a job: what the clone-like jobs (clone, sync,
/// incremental_sync) share is the job around the body: identity and rollback log,
/// cancellation, the job log, the audit rows and the completion event.
struct RunRequest {
  std::string operation;  ///< clone, sync or incremental_sync (audit and event name)
  CloneOptions options;   ///< catalogs, dry run, rollback and runner settings
  Json params;            ///< the request as run: the job's parameters, the audit's config
  RunIdentity identity;   ///< resume chain (job id and start are filled in by the job)
  /// The work itself; returns the job's result.
  std::function<Json(const CloneOptions&, StatementRunner&, CloneStore*, const RunIdentity&,
                     const ProgressFn&)>
      body;
};

/// The job types a schedule can run: clone, sync and incremental_sync.
const std::vector<std::string>& jobTypes();

/// Throws 422 on job_type unless `jobType` is one of jobTypes().
void requireJobType(const std::string& jobType);

/// A job's request body, typed by its job type.
using JobRequest = std::variant<CloneRequest, SyncRequest, IncrementalSyncRequest>;

/// Reads a body shaped as the route of `jobType` takes it (POST /api/clone, /api/sync or
/// /api/incremental/sync) but not validated by it, such as a schedule's stored job: checked
/// as the route checks it (HttpError 422/501), and 422 on job_type for an unknown type.
JobRequest parseJobRequest(const std::string& jobType, const Json& body);

/// Submits clone, sync and rollback jobs for the plugin.
class CloneService {
 public:
  /// Uses the plugin's host; the store must be migrated.
  CloneService(Host& host, std::shared_ptr<CloneStore> store);

  /// Queues a clone run; returns the job id. A resume (resume_job_id) is checked here: 404
  /// for an unknown job, 422 when its catalogs differ, 409 while it still runs.
  std::string submitClone(CloneRequest request, const Credentials& credentials);
  /// Queues a sync.
  std::string submitSync(const SyncRequest& request, const Credentials& credentials);
  /// Queues an incremental sync.
  std::string submitIncrementalSync(const IncrementalSyncRequest& request,
                                    const Credentials& credentials);
  /// Queues a rollback of a log; 404 for an unknown id, 409 when already rolled back.
  std::string submitRollback(const std::string& rollbackId, bool dropCatalog,
                             const Credentials& credentials, const std::string& warehouseId);

  /// Queues a job of `jobType` ("clone", "sync" or "incremental_sync") from a request body
  /// shaped as its route takes it; the scheduler fires schedules through this. Throws as
  /// parseJobRequest() for a bad body or an unknown type.
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
  // Queues a sync (`jobType` "sync") or an incremental sync ("incremental_sync").
  std::string submitSyncRun(SyncOptions options, Json params, const std::string& jobType,
                            const Credentials& credentials);
  std::string submitRun(JobSpec spec, RunRequest run, const Credentials& credentials);

  Host& host_;
  std::shared_ptr<CloneStore> store_;
};

}  // namespace clxs::clone
