// Notebooks in the state store: the plugin's only table and every query on it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::notebooks {

/// Reads and writes `notebooks_items`. Values always travel as bound parameters.
class NotebookRepository {
 public:
  /// Uses `store` (which must outlive the repository).
  explicit NotebookRepository(Store& store) : store_(store) {}

  /// Schema of the plugin's tables, for Store::migrate().
  static std::vector<Migration> migrations();

  /// Summaries {id, title, cell_count, created_at, updated_at}, most recently updated first.
  std::vector<Json> list();
  /// The full notebook {id, title, cells, created_at, updated_at}, or nullopt when unknown.
  std::optional<Json> find(const std::string& id);
  /// Stores a new notebook given in the full shape.
  void insert(const Json& notebook);
  /// Changes the given parts and the update time; false when the id is unknown.
  bool update(const std::string& id, const std::optional<std::string>& title,
              const std::optional<Json>& cells, const std::string& updatedAt);
  /// Deletes a notebook; false when the id is unknown.
  bool remove(const std::string& id);

 private:
  Store& store_;
};

}  // namespace clxs::notebooks
