// SQL warehouse control: POST /api/warehouse/start and POST /api/warehouse/stop.
#pragma once

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"

namespace clxs::platform {

/// Registers both routes. Each answers {warehouse_id, state, name, message} with the state
/// the workspace reports right after the call (neither waits for RUNNING or STOPPED); 404
/// naming an unknown warehouse, 501 where the workspace has no warehouse control. `clock`
/// (for call deadlines) must outlive the routes.
void registerWarehouseRoutes(Routes& routes, const Clock& clock);

}  // namespace clxs::platform
