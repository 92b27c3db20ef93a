// Governance › SLA rules: create, list, delete, check, status and the compliance trend (also
// served as the Data Quality route of the same trend).
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/sla_service.hpp"

namespace clxs::governance {

/// Registers the SLA routes on `service`.
void registerSlaRoutes(Routes& routes, std::shared_ptr<SlaService> service);

}  // namespace clxs::governance
