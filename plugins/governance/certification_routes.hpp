// Governance › certifications: request, list, read (with its transitions), approve or reject,
// and revoke.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/certification_service.hpp"

namespace clxs::governance {

/// Registers the certification routes on `service`.
void registerCertificationRoutes(Routes& routes, std::shared_ptr<CertificationService> service);

}  // namespace clxs::governance
