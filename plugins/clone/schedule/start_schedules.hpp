// Wiring of clone templates and scheduled clones into the clone plugin.
#pragma once

#include <memory>

#include "clxs/host.hpp"
#include "plugins/clone/clone_service.hpp"
#include "plugins/clone/schedule/scheduler.hpp"

namespace clxs::clone::schedule {

/// Migrates the schedule tables, registers the template and schedule routes, logs invalid
/// `clone_templates` entries (they are listed with their error, never fatal) and starts the
/// scheduler thread, which submits due runs through `clone` with local credentials. The
/// plugin keeps the result and destroys it in stop(): that stops and joins the thread.
std::unique_ptr<Scheduler> startSchedules(Host& host, std::shared_ptr<CloneService> clone);

}  // namespace clxs::clone::schedule
