// Row-count snapshots of tables (POST /api/data-quality/volume/snapshot) in the plugin's
// SQLite table `observability_volume`: what the volume routes compare against and chart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::observability {

/// One table's row count at one time.
struct VolumeSample {
  std::string tableFqn;                   ///< catalog.schema.table
  std::string catalog;                    ///< its catalog
  std::int64_t rowCount = 0;              ///< rows
  std::optional<std::int64_t> sizeBytes;  ///< storage size when known
  std::string source;                     ///< delta_statistics or count
  std::string measuredAt;                 ///< ISO-8601 UTC
  std::string measuredBy;                 ///< who took the snapshot
};

/// The snapshots.
class VolumeStore {
 public:
  /// Uses the plugin's migrated store.
  explicit VolumeStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Records samples, all at once.
  void record(const std::vector<VolumeSample>& samples);
  /// The newest sample of each table of `catalog` (by lower-case fqn).
  [[nodiscard]] std::vector<VolumeSample> latest(const std::string& catalog) const;
  /// Per catalog and UTC day since `since`, the total size of the tables snapshotted that day
  /// (each table's last sample of the day): [{catalog, day, size_bytes, tables}], by
  /// catalog then day.
  [[nodiscard]] std::vector<Json> dailySizes(const std::string& since) const;
  /// The samples of `catalog` measured at or after `since` (ISO-8601), oldest first.
  [[nodiscard]] std::vector<VolumeSample> since(const std::string& catalog,
                                                const std::string& since) const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
