// Service "analysis.table_comparison": compares tables of two catalogs by row count and,
// when asked, by column list and checksum. Provided by the analysis plugin; used by the clone
// plugin's validate_after_clone and by any plugin that checks a copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"

namespace clxs::services {

/// A source table and its counterpart, as Workspace::tables() lists them.
struct TablePair {
  TableInfo source;                      ///< the original (columns used for the checksum)
  std::optional<TableInfo> destination;  ///< nullopt when the destination has no such table
  std::string destinationCatalog;        ///< names a missing destination in the error
  std::string missingReason;             ///< why it is missing, when known ("schema missing")
};

/// How to compare.
struct ComparisonOptions {
  bool useChecksum = false;  ///< also compare column lists and checksums
};

/// The outcome for one table, in the shape of the original's validation details.
struct TableComparison {
  std::string schema;                       ///< schema of the source table
  std::string table;                        ///< table name
  std::optional<std::int64_t> sourceCount;  ///< COUNT(*) on the source, when read
  std::optional<std::int64_t> destCount;    ///< COUNT(*) on the destination, when read
  bool match = false;                       ///< counts (and checksum, when used) agree
  std::optional<bool> checksumMatch;        ///< set when both checksums were compared
  std::optional<bool> columnsMatch;         ///< set when the checksum was asked for
  std::string columnDifference;             ///< why the column lists differ, when they do
  std::string error;                        ///< why the table could not be compared

  /// {schema, table, source_count, dest_count, match, checksum_match, error} plus
  /// columns_match and column_difference when the checksum was asked for; absent values
  /// are null.
  [[nodiscard]] Json toJson() const {
    Json out{{"schema", schema},
             {"table", table},
             {"source_count", optionalJson(sourceCount)},
             {"dest_count", optionalJson(destCount)},
             {"match", match},
             {"checksum_match", optionalJson(checksumMatch)},
             {"error", error.empty() ? Json() : Json(error)}};
    if (columnsMatch) {
      out["columns_match"] = *columnsMatch;
      out["column_difference"] = columnDifference.empty() ? Json() : Json(columnDifference);
    }
    return out;
  }
};

/// The service.
class TableComparer {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "analysis.table_comparison";
  virtual ~TableComparer() = default;

  /// Compares one pair. Never throws for a failing table: the failure becomes `error` (a
  /// missing destination included). Cancellation and an expired deadline are rethrown,
  /// since every later table would fail the same way.
  virtual TableComparison compare(Workspace& sourceWs, Workspace& destWs, const TablePair& pair,
                                  const ComparisonOptions& options, const CallOptions& call) = 0;
  /// {total_tables, matched, mismatched, errors, checksum_mismatches, details,
  /// mismatched_tables}: mismatched counts tables that differ without an error, errors those
  /// with one; mismatched_tables repeats the details of the mismatched ones.
  virtual Json summarize(const std::vector<TableComparison>& comparisons) = 0;
  /// {passed, mismatch_pct (2 dp), mismatched_count, total_tables, failed_checks,
  /// threshold_pct}, where failures are mismatched + errors and a failure rate equal to the
  /// threshold passes.
  virtual Json evaluateThreshold(const Json& summary, double thresholdPct) = 0;
};

}  // namespace clxs::services
