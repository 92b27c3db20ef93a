// Catalog-level validation: every table of a source catalog compared with its copy in a
// destination catalog (row counts, optionally checksums), in parallel.
//
// The engine of POST /api/validate and of the clone's validate_after_clone; like
// table_comparison.hpp it depends on SDK types only so it can move into the SDK.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/analysis/catalog_tables.hpp"
#include "plugins/analysis/table_comparison.hpp"

namespace clxs::analysis {

/// Reports progress: tables compared so far, how many in all, and the one just done.
using ValidationProgress =
    std::function<void(std::size_t done, std::size_t total, const std::string& current)>;

/// What to validate and how.
struct ValidationOptions {
  /// Schemas to skip (exact names); information_schema is always skipped.
  std::vector<std::string> excludeSchemas{"information_schema", "default"};
  /// Also compare column lists and an order-independent checksum of all columns.
  bool useChecksum = false;
  /// Tables compared at once (at least 1).
  std::size_t maxWorkers = 4;
  /// Called after each table from a worker thread, serialised (may be empty).
  ValidationProgress onProgress;
};

/// Throws WorkspaceError(NotFound) naming the catalog and its `role` ("Source") unless
/// `catalog` exists in `ws`.
void requireCatalog(Workspace& ws, const std::string& catalog, const std::string& role,
                    const CallOptions& options);

/// One pair per MANAGED or EXTERNAL table of `source`, with its namesake in `destination`
/// when there is one (a missing schema is named as the reason otherwise), sorted by schema
/// then table.
std::vector<TablePair> pairTables(const CatalogTables& source, const CatalogTables& destination);

/// Compares `pairs` (compareTables), `workers` at a time, calling `onProgress` (may be
/// empty) after each; the results keep the order of `pairs`. Cancellation and deadlines are
/// thrown.
std::vector<TableComparison> compareTablePairs(Workspace& sourceWs, Workspace& destWs,
                                               const std::vector<TablePair>& pairs,
                                               const ComparisonOptions& options,
                                               std::size_t workers,
                                               const ValidationProgress& onProgress,
                                               const CallOptions& call);

/// Compares the MANAGED and EXTERNAL tables of every non-excluded schema of `sourceCatalog`
/// with the tables of the same schema and name in `destCatalog`. The scope is the source,
/// so a table missing on the destination is reported (as an error entry), never skipped.
/// Both catalogs must exist (404 otherwise). Details are sorted by schema and table. Returns
/// summarize() of the comparisons. Workspace errors of single tables land in their entries;
/// listing failures, cancellation (CallOptions::cancel) and deadlines are thrown.
Json validateCatalog(Workspace& sourceWs, const std::string& sourceCatalog, Workspace& destWs,
                     const std::string& destCatalog, const ValidationOptions& options,
                     const CallOptions& call);

/// {total_tables, matched, mismatched, errors, checksum_mismatches, details,
/// mismatched_tables}: mismatched counts tables that differ without an error, errors those
/// with one; mismatched_tables repeats the details of the mismatched ones.
Json summarize(const std::vector<TableComparison>& comparisons);

/// The original's evaluate_threshold: {passed, mismatch_pct (2 dp), mismatched_count,
/// total_tables, failed_checks, threshold_pct}, where failures are mismatched + errors and
/// a failure rate equal to the threshold passes.
Json evaluateThreshold(const Json& summary, double thresholdPct);

}  // namespace clxs::analysis
