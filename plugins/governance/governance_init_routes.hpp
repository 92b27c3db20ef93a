// POST /api/governance/init: creates the original's governance Delta tables in the audit
// catalog through the caller's workspace (see governance_tables.hpp).
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/glossary_mirror.hpp"
#include "plugins/governance/glossary_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers the init route on `routes`; init remembers the catalog in `mirror` and copies the
/// glossary there.
void registerInitRoutes(Routes& routes, const GovernanceDeps& deps,
                        std::shared_ptr<const GlossaryStore> glossary,
                        std::shared_ptr<GlossaryMirror> mirror);

}  // namespace clxs::governance
