// The job routes every plugin's jobs are followed through: list, status, cancel, and the
// live WebSocket.
#pragma once

#include "clxs/events.hpp"
#include "clxs/routes.hpp"
#include "kernel/jobs/job_queue.hpp"

namespace clxs::kernel {

/// Registers GET /api/clone/jobs, GET and DELETE /api/clone/{job_id} and
/// WebSocket /api/clone/ws/{job_id}. `queue` and `events` must outlive the routes.
void registerJobRoutes(Routes& routes, JobQueue& queue, Events& events);

}  // namespace clxs::kernel
