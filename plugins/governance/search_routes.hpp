// POST /api/governance/search: metadata search over every catalog the caller can see and the
// glossary, ranked and paged (see metadata_search.hpp).
#pragma once

#include <memory>

#include "clxs/routes.hpp"
#include "plugins/governance/glossary_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// Registers the search route on `routes`.
void registerSearchRoutes(Routes& routes, const GovernanceDeps& deps,
                          std::shared_ptr<GlossaryStore> glossary);

}  // namespace clxs::governance
