// The typed notebook models: the bodies of create and update, and the notebook they answer.
// The kernel validates bodies against the declared fields first; the checks hold what the
// fields cannot express (a title that is only blanks, an update that changes nothing).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clxs/schema.hpp"

namespace clxs::notebooks {

/// Longest accepted title.
inline constexpr std::size_t kMaxTitleLength = 500;

/// One cell: `type` is sql or markdown (the kernel normalises its case); an empty id is
/// filled on save.
struct NotebookCell {
  std::string id;
  std::string type;
  std::string content;
  static const Schema<NotebookCell>& schema();
};

/// Body of POST /api/notebooks.
struct NotebookCreate {
  std::string title;
  std::vector<NotebookCell> cells;
  static const Schema<NotebookCreate>& schema();
};

/// Body of PUT /api/notebooks/{id}: at least one of the two.
struct NotebookUpdate {
  std::optional<std::string> title;
  std::optional<std::vector<NotebookCell>> cells;
  static const Schema<NotebookUpdate>& schema();
};

/// A stored notebook as the routes answer it.
struct Notebook {
  std::string id;
  std::string title;
  std::vector<NotebookCell> cells;
  std::string createdAt;
  std::string updatedAt;
  static const Schema<Notebook>& schema();
};

/// The cells as stored: those without an id get one from `newId`.
std::vector<NotebookCell> withCellIds(std::vector<NotebookCell> cells,
                                      const std::function<std::string()>& newId);

/// The cells as the repository keeps them, a JSON array of {id, type, content}.
Json cellsJson(const std::vector<NotebookCell>& cells);

}  // namespace clxs::notebooks
