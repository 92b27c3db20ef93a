// The six Notebooks routes.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/notebooks/notebook_repository.hpp"

namespace clxs::notebooks {

/// Registers GET/POST /api/notebooks, GET/PUT/DELETE /api/notebooks/{id} and
/// POST /api/notebooks/{id}/export, with the bodies of notebook_models.hpp. Handlers share
/// `repository`; `clock` must outlive them.
void registerNotebookRoutes(Routes& routes, std::shared_ptr<NotebookRepository> repository,
                            const Clock& clock);

}  // namespace clxs::notebooks
