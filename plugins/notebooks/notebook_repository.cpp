#include "plugins/notebooks/notebook_repository.hpp"

#include <utility>

namespace clxs::notebooks {
namespace {

// Cells are stored as JSON text; a row that does not parse reads as having no cells
// rather than breaking the whole listing.
Json parseCells(const Json& column) {
  if (column.is_array()) return column;
  if (!column.is_string()) return Json::array();
  Json cells = Json::parse(column.get<std::string>(), nullptr, false);
  return cells.is_array() ? cells : Json::array();
}

std::string text(const Json& row, const char* column) {
  auto it = row.find(column);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<Migration> NotebookRepository::migrations() {
  return {
      {1,
       "CREATE TABLE IF NOT EXISTS notebooks_items ("
       " id TEXT PRIMARY KEY,"
       " title TEXT NOT NULL,"
       " cells TEXT NOT NULL DEFAULT '[]',"
       " created_at TEXT NOT NULL,"
       " updated_at TEXT NOT NULL);"
       "CREATE INDEX IF NOT EXISTS notebooks_items_updated ON notebooks_items(updated_at);"},
  };
}

std::vector<Json> NotebookRepository::list() {
  const std::vector<Json> rows = store_.query(
      "SELECT id, title, cells, created_at, updated_at FROM notebooks_items"
      " ORDER BY updated_at DESC, created_at DESC, rowid DESC");
  std::vector<Json> out;
  out.reserve(rows.size());
  for (const Json& row : rows) {
    out.push_back(Json{{"id", text(row, "id")},
                       {"title", text(row, "title")},
                       {"cell_count", parseCells(row.value("cells", Json())).size()},
                       {"created_at", text(row, "created_at")},
                       {"updated_at", text(row, "updated_at")}});
  }
  return out;
}

std::optional<Json> NotebookRepository::find(const std::string& id) {
  const std::vector<Json> rows = store_.query(
      "SELECT id, title, cells, created_at, updated_at FROM notebooks_items WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  const Json& row = rows.front();
  return Json{{"id", text(row, "id")},
              {"title", text(row, "title")},
              {"cells", parseCells(row.value("cells", Json()))},
              {"created_at", text(row, "created_at")},
              {"updated_at", text(row, "updated_at")}};
}

void NotebookRepository::insert(const Json& notebook) {
  store_.execute(
      "INSERT INTO notebooks_items (id, title, cells, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {notebook.at("id"), notebook.at("title"), notebook.at("cells").dump(),
       notebook.at("created_at"), notebook.at("updated_at")});
}

bool NotebookRepository::update(const std::string& id, const std::optional<std::string>& title,
                                const std::optional<Json>& cells, const std::string& updatedAt) {
  std::string sql = "UPDATE notebooks_items SET updated_at = ?";
  std::vector<Json> params{updatedAt};
  if (title) {
    sql += ", title = ?";
    params.emplace_back(*title);
  }
  if (cells) {
    sql += ", cells = ?";
    params.emplace_back(cells->dump());
  }
  sql += " WHERE id = ?";
  params.emplace_back(id);
  return store_.execute(sql, params) > 0;
}

bool NotebookRepository::remove(const std::string& id) {
  return store_.execute("DELETE FROM notebooks_items WHERE id = ?", {id}) > 0;
}

}  // namespace clxs::notebooks
