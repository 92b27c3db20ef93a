// /api/compliance and /api/compliance/frameworks/…: reports over one catalog, and framework
// assessments kept with their evidence, their gaps and their trend.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/access_policy_store.hpp"
#include "plugins/governance/compliance_catalogue.hpp"
#include "plugins/governance/compliance_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// What the compliance routes use besides the plugin's deps.
struct ComplianceParts {
  std::shared_ptr<const ComplianceCatalogue> catalogue;  ///< the frameworks
  std::shared_ptr<ComplianceStore> assessments;          ///< assessments and evidence
  std::shared_ptr<AccessPolicyStore> policies;           ///< access policies (evidence)
};

/// Registers POST /api/compliance, GET /api/compliance/frameworks, POST
/// …/{framework_name}/assess, GET …/{framework_name}/gaps and GET …/{framework_name}/trend.
void registerComplianceRoutes(Routes& routes, const GovernanceDeps& deps, ComplianceParts parts);

}  // namespace clxs::governance
