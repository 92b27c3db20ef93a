// The business glossary's routes: POST/GET /api/governance/glossary, GET/PUT/DELETE
// /api/governance/glossary/{term_id} and POST /api/governance/glossary/link. Every mutation is
// recorded in the change history with the caller and the term before and after.
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/glossary_mirror.hpp"
#include "plugins/governance/glossary_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers the glossary routes on `routes`; each change is copied through `mirror` to the
/// Delta tables initialised on the caller's workspace.
void registerGlossaryRoutes(Routes& routes, const GovernanceDeps& deps,
                            std::shared_ptr<GlossaryStore> glossary,
                            std::shared_ptr<const GlossaryMirror> mirror);

}  // namespace clxs::governance
