// Coverage snapshots (POST /api/coverage/{catalog}/compute), one row per compute in the
// plugin's `observability_coverage_snapshots` table, each with its tables' coverage and gap
// signals, read back by the GET routes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::observability {

/// The stored snapshots.
class CoverageStore {
 public:
  /// Uses the plugin's migrated store.
  explicit CoverageStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Keeps a snapshot: {snapshot_id, catalog, schema_filter, computed_at, computed_by,
  /// tables [...], notes [...]}.
  void save(const Json& snapshot);
  /// The newest snapshot of a catalog (any case); nullopt when none was computed.
  [[nodiscard]] std::optional<Json> latest(const std::string& catalog) const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
