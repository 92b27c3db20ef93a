#include "plugins/notebooks/notebook_routes.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "plugins/notebooks/notebook_export.hpp"
#include "plugins/notebooks/notebook_id.hpp"
#include "plugins/notebooks/notebook_validation.hpp"

namespace clxs::notebooks {
namespace {

Field cellField() {
  return Field::object({
      {"id", Field::string().maxLength(200).describe(
                 "Cell id, unique within the notebook; generated when absent")},
      {"type", Field::string()
                   .required()
                   .oneOf({"sql", "markdown"})
                   .caseInsensitive()
                   .describe("'sql' runs as a statement; 'markdown' exports as comments")},
      {"content", Field::string().required().describe("Cell text")},
  });
}

Field titleField() {
  return Field::string().minLength(1).maxLength(kMaxTitleLength).describe("Notebook title");
}

std::vector<std::pair<std::string, Field>> idParam() {
  return {{"id", Field::string().required().pattern(kIdPattern).describe("Notebook id")}};
}

RouteSpec route(Method method, std::string path, std::string summary, std::string description) {
  RouteSpec spec;
  spec.method = method;
  spec.path = std::move(path);
  spec.summary = std::move(summary);
  spec.description = std::move(description);
  return spec;
}

[[noreturn]] void throwNotFound(const std::string& id) {
  throw clxs::notFound("Notebook '" + id + "' not found.");
}

}  // namespace

Model createNotebookModel() {
  return Model("NotebookCreate")
      .field("title", titleField().required())
      .field("cells",
             Field::array(cellField()).required().describe("Cells in order: {id, type, content}"));
}

Model updateNotebookModel() {
  return Model("NotebookUpdate")
      .field("title", titleField().describe("New title (omit to keep)"))
      .field("cells",
             Field::array(cellField()).describe("New cells, replacing all (omit to keep)"));
}

void registerNotebookRoutes(Routes& routes, std::shared_ptr<NotebookRepository> repository,
                            const Clock& clock) {
  auto repo = std::move(repository);
  const Clock* clk = &clock;

  routes.add(route(Method::Get, "/api/notebooks", "List notebooks",
                   "Every saved notebook as {id, title, cell_count, created_at, updated_at}, "
                   "most recently updated first."),
             [repo](const Request&) -> Response {
               Json out = Json::array();
               for (Json& n : repo->list()) out.push_back(std::move(n));
               return out;
             });

  RouteSpec get = route(Method::Get, "/api/notebooks/{id}", "Get a notebook",
                        "The notebook with all its cells; 404 when the id is unknown.");
  get.pathParams = idParam();
  routes.add(std::move(get), [repo](const Request& req) -> Response {
    const std::string& id = req.param("id");
    requireValidNotebookId(id);
    auto notebook = repo->find(id);
    if (!notebook) throwNotFound(id);
    return *notebook;
  });

  RouteSpec create = route(Method::Post, "/api/notebooks", "Create a notebook",
                           "Stores a new notebook under a generated UUID and returns it. Cells "
                           "without an id get one.");
  create.body = createNotebookModel();
  create.mutates = true;
  routes.add(std::move(create), [repo, clk](const Request& req) -> Response {
    const Json& body = req.body();
    const std::string title = validateTitle(body.value("title", Json()));
    Json cells = normaliseCells(body.value("cells", Json()), [] { return clxs::newUuid(); });
    const std::string now = isoUtc(clk->now());
    Json notebook{{"id", clxs::newUuid()},
                  {"title", title},
                  {"cells", std::move(cells)},
                  {"created_at", now},
                  {"updated_at", now}};
    repo->insert(notebook);
    return notebook;
  });

  RouteSpec update = route(Method::Put, "/api/notebooks/{id}", "Update a notebook",
                           "Replaces the title and/or the cells (at least one must be given) and "
                           "returns the updated notebook; 404 when the id is unknown.");
  update.body = updateNotebookModel();
  update.pathParams = idParam();
  update.mutates = true;
  routes.add(std::move(update), [repo, clk](const Request& req) -> Response {
    const std::string& id = req.param("id");
    requireValidNotebookId(id);
    const Json& body = req.body();
    const Json titleIn = body.is_object() ? body.value("title", Json()) : Json();
    const Json cellsIn = body.is_object() ? body.value("cells", Json()) : Json();
    if (titleIn.is_null() && cellsIn.is_null()) {
      throw unprocessable(Json::array({"body"}),
                          "Give a title, cells or both to update the notebook.", "missing");
    }
    std::optional<std::string> title;
    if (!titleIn.is_null()) title = validateTitle(titleIn);
    std::optional<Json> cells;
    if (!cellsIn.is_null()) cells = normaliseCells(cellsIn, [] { return clxs::newUuid(); });
    if (!repo->update(id, title, cells, isoUtc(clk->now()))) throwNotFound(id);
    auto notebook = repo->find(id);
    if (!notebook) throwNotFound(id);  // deleted in between
    return *notebook;
  });

  RouteSpec remove = route(Method::Delete, "/api/notebooks/{id}", "Delete a notebook",
                           "Answers {status: deleted, id}; 404 when the id is unknown.");
  remove.pathParams = idParam();
  remove.mutates = true;
  routes.add(std::move(remove), [repo](const Request& req) -> Response {
    const std::string& id = req.param("id");
    requireValidNotebookId(id);
    if (!repo->remove(id)) throwNotFound(id);
    return Json{{"status", "deleted"}, {"id", id}};
  });

  RouteSpec exportSpec =
      route(Method::Post, "/api/notebooks/{id}/export", "Export a notebook as .sql",
            "Downloads the notebook as one SQL script (application/sql): SQL cells as statements "
            "ending in ';', markdown cells as '-- ' comments, after a header naming the title "
            "and the export time. The file is named after the title.");
  exportSpec.pathParams = idParam();
  routes.add(std::move(exportSpec), [repo, clk](const Request& req) -> Response {
    const std::string& id = req.param("id");
    requireValidNotebookId(id);
    auto notebook = repo->find(id);
    if (!notebook) throwNotFound(id);
    return Response::download(exportSql(*notebook, isoUtc(clk->now())),
                              exportFilename(notebook->value("title", std::string()), id),
                              "application/sql");
  });
}

}  // namespace clxs::notebooks
