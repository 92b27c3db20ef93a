// Clone snapshots: the Delta version of every table of a catalog at one moment, so a later
// clone can reproduce exactly that state (POST /api/clone with source_snapshot_id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::clone {

/// One table of a snapshot.
struct SnapshotTable {
  std::string schema;                     ///< schema name
  std::string table;                      ///< table name
  std::int64_t version = 0;               ///< Delta version captured
  std::optional<std::int64_t> sizeBytes;  ///< size when the workspace reported it
};

/// A captured snapshot.
struct Snapshot {
  std::string snapshotId;             ///< UUID
  std::string name;                   ///< label
  std::string sourceCatalog;          ///< catalog captured
  std::string description;            ///< free text
  std::string capturedAt;             ///< ISO-8601 UTC
  std::string createdBy;              ///< workspace user that captured it
  std::int64_t totalBytes = 0;        ///< sum of the known table sizes
  std::vector<SnapshotTable> tables;  ///< every captured table
};

/// The header as the list route shows it (no tables).
Json summaryJson(const Snapshot& s);
/// The header and the tables.
Json detailJson(const Snapshot& s);

/// Snapshots in the plugin's `clone_snapshots` table (created by CloneStore::migrations()).
class SnapshotStore {
 public:
  /// Uses the plugin's migrated store.
  explicit SnapshotStore(Store& store) : store_(store) {}

  /// Saves a new snapshot.
  void save(const Snapshot& s);
  /// A snapshot with its tables, or nullopt.
  [[nodiscard]] std::optional<Snapshot> get(const std::string& snapshotId) const;
  /// Headers, newest first, optionally of one source catalog (case-insensitive).
  [[nodiscard]] std::vector<Snapshot> list(const std::string& sourceCatalog) const;
  /// Deletes a snapshot; false when there was none.
  bool remove(const std::string& snapshotId);

 private:
  Store& store_;
};

}  // namespace clxs::clone
