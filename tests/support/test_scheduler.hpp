// The kernel's scheduler for plugin unit tests: what Host::scheduler() is in a server, over
// its own state store in a directory the test owns, fired by tick() on the test's clock.
// Tests that use it link clxs_kernel_scheduler (a test may; a plugin may not).
#pragma once

#include <memory>

#include "clxs/scheduler.hpp"
#include "kernel/scheduler/schedule_runner.hpp"
#include "kernel/store/state_store.hpp"
#include "tests/support/recording_events.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::testing {

/// One server process's scheduler for plugin `owner`; several over one directory behave
/// like several processes on one data directory.
struct TestScheduler {
  /// Keeps its records in `dir`; `clock` decides what is due.
  TestScheduler(const TempDir& dir, const Clock& clock, Logger& log,
                const std::string& owner = "clone")
      : store(dir.path()),
        runner(store, clock, log, events),
        scheduler(runner.forOwner(owner, {})) {}
  kernel::StateStore store;              ///< the kernel's tables
  RecordingEvents events;                ///< scheduler.missed events
  kernel::ScheduleRunner runner;         ///< tick() fires what is due
  std::unique_ptr<Scheduler> scheduler;  ///< what the plugin is handed
};

}  // namespace clxs::testing
