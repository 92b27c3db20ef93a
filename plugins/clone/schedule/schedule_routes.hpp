// The routes of clone templates and scheduled clones: GET /api/templates, the plural
// /api/schedules family and the singular /api/schedule (clone schedules, same store).
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/clone/schedule/schedule_service.hpp"

namespace clxs::clone::schedule {

/// Registers GET /api/templates, GET/POST /api/schedules, POST
/// /api/schedules/{schedule_id}/pause and /resume, DELETE /api/schedules/{schedule_id},
/// and GET/POST /api/schedule.
void registerScheduleRoutes(Routes& routes, std::shared_ptr<ScheduleService> service);

}  // namespace clxs::clone::schedule
