// What every governance area gets from the plugin: the host's facilities and the shared change
// history, plus the one way to name the caller of a request.
#pragma once

#include <memory>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/events.hpp"
#include "clxs/host.hpp"
#include "clxs/http.hpp"
#include "clxs/jobs.hpp"
#include "clxs/log.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/services.hpp"
#include "clxs/store.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/change_history.hpp"

namespace clxs::governance {

/// The host's facilities an area's routes use; all outlive the routes (the plugin's start()
/// registers them and the host unroutes them before it goes).
struct GovernanceDeps {
  Store* store = nullptr;                    ///< the plugin's SQLite store (migrated)
  std::shared_ptr<ChangeHistory> history;    ///< every mutation goes here
  const Clock* clock = nullptr;              ///< now (injected in tests)
  Services* services = nullptr;              ///< other plugins' services
  Jobs* jobs = nullptr;                      ///< long work as jobs
  Scheduler* scheduler = nullptr;            ///< periodic work (expiry, checks)
  Events* events = nullptr;                  ///< signals to other plugins
  Logger* log = nullptr;                     ///< the plugin's log
  const ChangeLog* kernelChanges = nullptr;  ///< the kernel's log of mutating calls
  Host* host = nullptr;                      ///< for the server's own workspace (scheduled work)
};

/// The user a request acts as (the workspace's current user for its credentials).
inline std::string actorOf(const Request& req) {
  return req.workspace()->identity().currentUser({});
}

/// Now, ISO-8601 UTC with milliseconds.
inline std::string nowIso(const Clock& clock) {
  return isoUtc(clock.now());
}

}  // namespace clxs::governance
