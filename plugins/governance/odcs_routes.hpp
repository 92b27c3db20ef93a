// The ODCS data contract routes (/api/governance/odcs/*): contracts with a revision archived on
// every change, validation in 11 sections through the quality plugin's check engine, YAML
// import and export, drafts generated from Unity Catalog, DQ and SLA rules mapped in, legacy
// contracts migrated, and a breaking-change diff between revisions.
#pragma once

#include "clxs/routes.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers every /api/governance/odcs route.
void registerOdcsRoutes(Routes& routes, const GovernanceDeps& deps);

}  // namespace clxs::governance
