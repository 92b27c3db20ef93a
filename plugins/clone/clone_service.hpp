// Clone and rollback as jobs: the bodies the job queue runs, with cancellation wired to the
// workspace, the rollback log opened, and the run audited.
#pragma once

#include <memory>
#include <string>

#include "clxs/credentials.hpp"
#include "clxs/host.hpp"
#include "clxs/json.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_store.hpp"

namespace clxs::clone {

/// Submits clone and rollback jobs for the plugin.
class CloneService {
 public:
  /// Uses the plugin's host; the store must be migrated.
  CloneService(Host& host, std::shared_ptr<CloneStore> store);

  /// Queues a clone run; returns the job id. A resume (options.resumeJobId) is checked
  /// here: 404 for an unknown job, 422 when its catalogs differ, 409 while it still runs.
  std::string submitClone(CloneOptions options, const Credentials& credentials);
  /// Queues a rollback of a log; 404 for an unknown id, 409 when already rolled back.
  std::string submitRollback(const std::string& rollbackId, bool dropCatalog,
                             const Credentials& credentials, const std::string& warehouseId);

  /// The store (rollback logs, audit).
  [[nodiscard]] CloneStore& store() { return *store_; }

 private:
  Host& host_;
  std::shared_ptr<CloneStore> store_;
};

}  // namespace clxs::clone
