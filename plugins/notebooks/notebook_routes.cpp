#include "plugins/notebooks/notebook_routes.hpp"

#include <optional>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "plugins/notebooks/notebook_export.hpp"
#include "plugins/notebooks/notebook_id.hpp"
#include "plugins/notebooks/notebook_models.hpp"

namespace clxs::notebooks {
namespace {

Field idParam() {
  return Field::string().required().pattern(kIdPattern).describe("Notebook id");
}

[[noreturn]] void throwNotFound(const std::string& id) {
  throw clxs::notFound("Notebook '" + id + "' not found.");
}

struct NotebookDeleted {
  std::string status = "deleted";
  std::string id;
  static const Schema<NotebookDeleted>& schema() {
    static const auto s = Schema<NotebookDeleted>("NotebookDeleted")
                              .field("status", &NotebookDeleted::status,
                                     Field::string().required().describe("Always deleted"))
                              .field("id", &NotebookDeleted::id,
                                     Field::string().required().describe("The notebook deleted"));
    return s;
  }
};

}  // namespace

void registerNotebookRoutes(Routes& routes, std::shared_ptr<NotebookRepository> repository,
                            const Clock& clock) {
  auto repo = std::move(repository);
  const Clock* clk = &clock;

  routes.get("/api/notebooks")
      .summary("List notebooks")
      .description(
          "Every saved notebook as {id, title, cell_count, created_at, updated_at}, most "
          "recently updated first.")
      .returnsListOf(Model("NotebookSummary")
                         .field("id", Field::string().describe("Notebook id"))
                         .field("title", Field::string().describe("Title"))
                         .field("cell_count", Field::integer().describe("Number of cells"))
                         .field("created_at", Field::string().describe("ISO-8601 UTC"))
                         .field("updated_at", Field::string().describe("ISO-8601 UTC")))
      .handle([repo](const Request&) {
        Json out = Json::array();
        for (Json& n : repo->list()) out.push_back(std::move(n));
        return out;
      });

  routes.get("/api/notebooks/{id}")
      .summary("Get a notebook")
      .description("The notebook with all its cells; 404 when the id is unknown.")
      .pathParam("id", idParam())
      .returns<Notebook>()
      .handle([repo](const Request& req) {
        const std::string& id = req.param("id");
        requireValidNotebookId(id);
        auto notebook = repo->find(id);
        if (!notebook) throwNotFound(id);
        return std::move(*notebook);
      });

  routes.post("/api/notebooks")
      .summary("Create a notebook")
      .description(
          "Stores a new notebook under a generated UUID and returns it. Cells without an id get "
          "one.")
      .body<NotebookCreate>()
      .returns<Notebook>()
      .mutates()
      .handle([repo, clk](const Request&, const NotebookCreate& body) {
        const std::string now = isoUtc(clk->now());
        Notebook notebook{.id = clxs::newUuid(),
                          .title = body.title,
                          .cells = withCellIds(body.cells, [] { return clxs::newUuid(); }),
                          .createdAt = now,
                          .updatedAt = now};
        repo->insert(Notebook::schema().toJson(notebook));
        return notebook;
      });

  routes.put("/api/notebooks/{id}")
      .summary("Update a notebook")
      .description(
          "Replaces the title and/or the cells (at least one must be given) and returns the "
          "updated notebook; 404 when the id is unknown.")
      .pathParam("id", idParam())
      .body<NotebookUpdate>()
      .returns<Notebook>()
      .mutates()
      .handle([repo, clk](const Request& req, const NotebookUpdate& body) {
        const std::string& id = req.param("id");
        requireValidNotebookId(id);
        std::optional<Json> cells;
        if (body.cells) cells = cellsJson(withCellIds(*body.cells, [] { return clxs::newUuid(); }));
        if (!repo->update(id, body.title, cells, isoUtc(clk->now()))) throwNotFound(id);
        auto notebook = repo->find(id);
        if (!notebook) throwNotFound(id);  // deleted in between
        return std::move(*notebook);
      });

  routes.del("/api/notebooks/{id}")
      .summary("Delete a notebook")
      .description("Answers {status: deleted, id}; 404 when the id is unknown.")
      .pathParam("id", idParam())
      .returns<NotebookDeleted>()
      .mutates()
      .handle([repo](const Request& req) {
        const std::string& id = req.param("id");
        requireValidNotebookId(id);
        if (!repo->remove(id)) throwNotFound(id);
        return NotebookDeleted{.id = id};
      });

  routes.post("/api/notebooks/{id}/export")
      .summary("Export a notebook as .sql")
      .description(
          "Downloads the notebook as one SQL script (application/sql): SQL cells as statements "
          "ending in ';', markdown cells as '-- ' comments, after a header naming the title and "
          "the export time. The file is named after the title.")
      .pathParam("id", idParam())
      .returnsFile("application/sql")
      .handle([repo, clk](const Request& req) {
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
