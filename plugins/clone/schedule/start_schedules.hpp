// Wiring of clone templates and scheduled clones into the clone plugin.
#pragma once

#include <memory>

#include "clxs/host.hpp"
#include "plugins/clone/clone_service.hpp"
#include "plugins/clone/schedule/schedule_service.hpp"

namespace clxs::clone::schedule {

/// Migrates the schedule tables, registers the template and schedule routes, logs invalid
/// `clone_templates` entries (they are listed with their error, never fatal) and registers
/// the active schedules with host.scheduler(); a fired slot submits its run through `clone`
/// with local credentials. The plugin keeps the result for the life of its instance (the
/// scheduler calls into it; disabling the plugin pauses the schedules).
std::shared_ptr<ScheduleService> startSchedules(Host& host, std::shared_ptr<CloneService> clone);

}  // namespace clxs::clone::schedule
