// The six Notebooks routes and their request models.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/model.hpp"
#include "clxs/routes.hpp"
#include "plugins/notebooks/notebook_repository.hpp"

namespace clxs::notebooks {

/// Body of POST /api/notebooks.
Model createNotebookModel();
/// Body of PUT /api/notebooks/{id}.
Model updateNotebookModel();

/// Registers GET/POST /api/notebooks, GET/PUT/DELETE /api/notebooks/{id} and
/// POST /api/notebooks/{id}/export. Handlers share `repository`; `clock` must outlive them.
void registerNotebookRoutes(Routes& routes, std::shared_ptr<NotebookRepository> repository,
                            const Clock& clock);

}  // namespace clxs::notebooks
