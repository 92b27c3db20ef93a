// POST /api/diff and POST /api/validate.
#pragma once

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"

namespace clxs::analysis {

/// Registers POST /api/diff (body DiffRequest: the catalog pair) and POST /api/validate (body
/// ValidateRequest: the pair plus use_checksum and max_workers 1..64). Both answer
/// synchronously, as the original did; `clock` (which must outlive the routes) sets deadlines
/// and measures duration_seconds.
void registerAnalysisRoutes(Routes& routes, const Clock& clock);

}  // namespace clxs::analysis
