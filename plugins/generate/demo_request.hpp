// The body of POST /api/generate/demo-data: its typed model, checks and job parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/schema.hpp"
#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {

/// Bounds of the original (src/demo_generator.py).
inline constexpr double kMaxScaleFactor = 10.0;
/// Smallest rows per INSERT batch.
inline constexpr std::int64_t kMinBatchSize = 1'000;
/// Largest rows per INSERT batch.
inline constexpr std::int64_t kMaxBatchSize = 50'000'000;
/// Most statements run in parallel.
inline constexpr int kMaxWorkers = 16;
/// The catalog-name pattern (a plain identifier, so it is also safe in paths).
inline constexpr const char* kCatalogPattern = "[a-zA-Z_][a-zA-Z0-9_]*";

/// A demo-data request. The schema declares what the kernel validates (types, bounds, the
/// catalog-name pattern) and checks what it cannot (known industries, dates, owner,
/// dest_catalog); its JSON form is the job's parameters (no secrets in it).
struct DemoRequest {
  std::string catalog;                                    ///< catalog to create
  std::vector<std::string> industries = industryNames();  ///< industry names
  std::optional<std::string> owner;                       ///< catalog owner to set at the end
  double scaleFactor = 1.0;                               ///< row multiplier, (0, 10]
  std::int64_t batchSize = 5'000'000;                     ///< rows per INSERT
  int maxWorkers = 4;                                     ///< statements in parallel
  std::optional<std::string> storageLocation;             ///< MANAGED LOCATION of the catalog
  std::optional<std::string> warehouseId;                 ///< SQL warehouse override
  bool dropExisting = false;                              ///< drop the catalog first
  bool medallion = true;                                  ///< bronze/silver/gold schemas
  bool createFunctions = true;                            ///< SQL UDFs
  bool createVolumes = true;                              ///< volumes with sample files
  std::string startDate = "2020-01-01";                   ///< first generated date (YYYY-MM-DD)
  std::string endDate = "2025-01-01";                     ///< last generated date (YYYY-MM-DD)
  std::optional<std::string> destCatalog;                 ///< clone target after generation
  bool qualityIssues = true;   ///< null statuses, amount outliers, duplicates (data_flaws.hpp)
  bool nearDuplicates = true;  ///< near-duplicate people records
  bool scd2 = true;            ///< SCD2 columns and earlier versions on up to three tables
  bool dataCatalog = true;     ///< the data_catalog schema of inventory views
  bool seasonalSpikes = true;  ///< extra rows in each industry's peak months
  bool crossIndustry = true;   ///< the cross_industry schema of views joining industries

  static const Schema<DemoRequest>& schema();

  /// The request as the job runs it: industries lower case without repeats, and an empty
  /// storage_location or warehouse_id as not given.
  [[nodiscard]] DemoRequest normalised() const;
};

/// Days from `start` to `end` (both YYYY-MM-DD, already validated); negative when end < start.
std::int64_t daysBetween(std::string_view start, std::string_view end);

/// Whether `text` is a real calendar date written YYYY-MM-DD.
bool isIsoDate(std::string_view text);

}  // namespace clxs::generate
