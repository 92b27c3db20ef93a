// The server's state store (SQLite) as a plugin sees it: its own tables only.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/visibility.hpp"

namespace clxs {

/// One schema change. Versions start at 1 and are applied once, in order, in a transaction.
struct Migration {
  /// Version number, increasing from 1.
  int version;
  /// SQL to apply; may hold several statements. Tables must be prefixed with the plugin's
  /// name (dashes become underscores), e.g. `notebooks_items`.
  std::string sql;
};

/// A failure in the state store (the kernel answers 500 with the request id).
class CLXS_VISIBLE StoreError : public std::runtime_error {
 public:
  /// Error with a message.
  explicit StoreError(const std::string& m) : std::runtime_error(m) {}
};

/// SQLite access scoped to one plugin. Values bind as parameters (`?`), never pasted.
class Store {
 public:
  virtual ~Store() = default;
  /// Applies the migrations not yet applied for this plugin.
  virtual void migrate(const std::vector<Migration>& migrations) = 0;
  /// Runs a query and returns each row as a JSON object keyed by column name.
  virtual std::vector<Json> query(std::string_view sql, const std::vector<Json>& params = {}) = 0;
  /// Runs a statement and returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const std::vector<Json>& params = {}) = 0;
};

}  // namespace clxs
