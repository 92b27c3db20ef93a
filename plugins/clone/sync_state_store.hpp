// What the last successful sync of each table copied: the source version it cloned and the
// destination version that produced, per (source catalog, destination catalog). Incremental
// sync compares against it to find what changed on either side since.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "clxs/store.hpp"

namespace clxs::clone {

/// One table's last sync.
struct SyncRecord {
  std::int64_t sourceVersion = 0;                  ///< source version cloned
  std::optional<std::int64_t> destinationVersion;  ///< destination version after the clone
  std::string syncedAt;                            ///< ISO-8601 UTC
  std::string jobId;                               ///< job that synced it (may be empty)
};

/// Sync records in the plugin's `clone_sync_state` table (created by CloneStore::migrations()).
class SyncStateStore {
 public:
  /// Uses the plugin's migrated store.
  explicit SyncStateStore(Store& store) : store_(store) {}

  /// Records by lower-case "schema.table" for one pair of catalogs.
  [[nodiscard]] std::map<std::string, SyncRecord> records(const std::string& source,
                                                          const std::string& destination) const;
  /// Saves (replaces) the record of `tableKey` ("schema.table", any case).
  void save(const std::string& source, const std::string& destination, const std::string& tableKey,
            const SyncRecord& record);
  /// Forgets the record of a table (it was dropped from the destination).
  void forget(const std::string& source, const std::string& destination,
              const std::string& tableKey);

 private:
  Store& store_;
};

}  // namespace clxs::clone
