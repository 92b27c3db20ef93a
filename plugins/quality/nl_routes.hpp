// Natural Language Rules: /api/nl-rules/from-natural-language, batch-parse and explain, on the
// deterministic grammar of nl_rules.hpp.
#pragma once

#include "clxs/routes.hpp"

namespace clxs::quality {

/// Registers the three routes.
void registerNlRoutes(Routes& routes);

}  // namespace clxs::quality
