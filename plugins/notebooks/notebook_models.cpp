#include "plugins/notebooks/notebook_models.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "clxs/error.hpp"

namespace clxs::notebooks {
namespace {

Field titleField() {
  return Field::string().minLength(1).maxLength(kMaxTitleLength).describe("Notebook title");
}

// minLength(1) lets a title of blanks through.
void requireVisibleTitle(const std::string& title) {
  const bool blank =
      std::all_of(title.begin(), title.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) {
    throw unprocessable(Json::array({"body", "title"}), "Title must not be empty.",
                        "string_too_short");
  }
}

}  // namespace

const Schema<NotebookCell>& NotebookCell::schema() {
  static const auto s =
      Schema<NotebookCell>("NotebookCell")
          .field("id", &NotebookCell::id,
                 Field::string().maxLength(200).describe(
                     "Cell id, unique within the notebook; generated when absent"))
          .field("type", &NotebookCell::type,
                 Field::string()
                     .required()
                     .oneOf({"sql", "markdown"})
                     .caseInsensitive()
                     .describe("'sql' runs as a statement; 'markdown' exports as comments"))
          .field("content", &NotebookCell::content,
                 Field::string().required().describe("Cell text"));
  return s;
}

const Schema<NotebookCreate>& NotebookCreate::schema() {
  static const auto s = Schema<NotebookCreate>("NotebookCreate")
                            .field("title", &NotebookCreate::title, titleField().required())
                            .field("cells", &NotebookCreate::cells,
                                   Field::array(NotebookCell::schema().asField())
                                       .required()
                                       .describe("Cells in order: {id, type, content}"))
                            .check([](const NotebookCreate& n) { requireVisibleTitle(n.title); });
  return s;
}

const Schema<NotebookUpdate>& NotebookUpdate::schema() {
  static const auto s =
      Schema<NotebookUpdate>("NotebookUpdate")
          .field("title", &NotebookUpdate::title, titleField().describe("New title (omit to keep)"))
          .field("cells", &NotebookUpdate::cells,
                 Field::array(NotebookCell::schema().asField())
                     .describe("New cells, replacing all (omit to keep)"))
          .check([](const NotebookUpdate& n) {
            if (!n.title && !n.cells) {
              throw unprocessable(Json::array({"body"}),
                                  "Give a title, cells or both to update the notebook.", "missing");
            }
            if (n.title) requireVisibleTitle(*n.title);
          });
  return s;
}

const Schema<Notebook>& Notebook::schema() {
  static const auto s =
      Schema<Notebook>("Notebook")
          .field("id", &Notebook::id, Field::string().required().describe("Notebook id (a UUID)"))
          .field("title", &Notebook::title, Field::string().required().describe("Title"))
          .field(
              "cells", &Notebook::cells,
              Field::array(NotebookCell::schema().asField()).required().describe("Cells in order"))
          .field("created_at", &Notebook::createdAt,
                 Field::string().required().describe("When it was created (ISO 8601)"))
          .field("updated_at", &Notebook::updatedAt,
                 Field::string().required().describe("When it last changed (ISO 8601)"));
  return s;
}

std::vector<NotebookCell> withCellIds(std::vector<NotebookCell> cells,
                                      const std::function<std::string()>& newId) {
  for (auto& cell : cells) {
    if (cell.id.empty()) cell.id = newId();
  }
  return cells;
}

Json cellsJson(const std::vector<NotebookCell>& cells) {
  Json out = Json::array();
  for (const auto& cell : cells) out.push_back(NotebookCell::schema().toJson(cell));
  return out;
}

}  // namespace clxs::notebooks
