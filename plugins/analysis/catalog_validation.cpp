#include "plugins/analysis/catalog_validation.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::analysis {

void requireCatalog(Workspace& ws, const std::string& catalog, const std::string& role,
                    const CallOptions& options) {
  const auto wanted = lowerAscii(catalog);
  for (const auto& c : ws.catalog().catalogs(options)) {
    if (lowerAscii(c.name) == wanted) return;
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       role + " catalog " + quoteIdentifier(catalog) + " not found.");
}

std::vector<TablePair> pairTables(const CatalogTables& source, const CatalogTables& destination) {
  std::vector<TablePair> out;
  for (const auto& [key, t] : source.tables) {
    if (!holdsData(t)) continue;
    TablePair p;
    p.source = t;
    p.destinationCatalog = destination.catalog;
    if (auto it = destination.tables.find(key); it != destination.tables.end()) {
      p.destination = it->second;
    } else if (!destination.hasSchema(key.first)) {
      p.missingReason =
          "schema " + quoteQualified({destination.catalog, key.first}) + " does not exist";
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<TableComparison> compareTablePairs(Workspace& sourceWs, Workspace& destWs,
                                               const std::vector<TablePair>& pairs,
                                               const ComparisonOptions& options,
                                               std::size_t workers,
                                               const ValidationProgress& onProgress,
                                               const CallOptions& call) {
  std::vector<TableComparison> results(pairs.size());
  std::mutex progressMu;
  std::size_t done = 0;
  parallelFor(
      pairs.size(), std::max<std::size_t>(workers, 1),
      [&](std::size_t i) {
        results[i] = compareTables(sourceWs, destWs, pairs[i], options, call);
        if (!onProgress) return;
        std::lock_guard lock(progressMu);
        onProgress(++done, pairs.size(), results[i].schema + "." + results[i].table);
      },
      call.cancel);
  return results;
}

Json validateCatalog(Workspace& sourceWs, const std::string& sourceCatalog, Workspace& destWs,
                     const std::string& destCatalog, const ValidationOptions& options,
                     const CallOptions& call) {
  requireCatalog(sourceWs, sourceCatalog, "Source", call);
  requireCatalog(destWs, destCatalog, "Destination", call);
  const std::size_t workers = std::max<std::size_t>(options.maxWorkers, 1);
  const auto source = catalogTables(sourceWs, sourceCatalog, options.excludeSchemas, workers, call);
  const auto destination =
      catalogTables(destWs, destCatalog, options.excludeSchemas, workers, call);
  const auto pairs = pairTables(source, destination);
  return summarize(compareTablePairs(sourceWs, destWs, pairs,
                                     ComparisonOptions{options.useChecksum}, workers,
                                     options.onProgress, call));
}

Json summarize(const std::vector<TableComparison>& comparisons) {
  std::int64_t matched = 0;
  std::int64_t mismatched = 0;
  std::int64_t errors = 0;
  std::int64_t checksumMismatches = 0;
  Json details = Json::array();
  Json mismatchedTables = Json::array();
  for (const auto& c : comparisons) {
    Json entry = c.toJson();
    if (c.match) ++matched;
    if (!c.error.empty()) ++errors;
    if (c.checksumMatch == false) ++checksumMismatches;
    if (!c.match && c.error.empty()) {
      ++mismatched;
      mismatchedTables.push_back(entry);
    }
    details.push_back(std::move(entry));
  }
  return Json{{"total_tables", comparisons.size()},
              {"matched", matched},
              {"mismatched", mismatched},
              {"errors", errors},
              {"checksum_mismatches", checksumMismatches},
              {"details", std::move(details)},
              {"mismatched_tables", std::move(mismatchedTables)}};
}

Json evaluateThreshold(const Json& summary, double thresholdPct) {
  const auto total = summary.value("total_tables", std::int64_t{0});
  const auto mismatched = summary.value("mismatched", std::int64_t{0});
  const auto errors = summary.value("errors", std::int64_t{0});
  const auto checksumMismatches = summary.value("checksum_mismatches", std::int64_t{0});
  const auto failed = mismatched + errors;
  const double pct =
      total > 0 ? static_cast<double>(failed) / static_cast<double>(total) * 100.0 : 0.0;
  Json checks = Json::array();
  if (mismatched > 0) {
    checks.push_back(std::to_string(mismatched) + " tables have row count mismatches");
  }
  if (errors > 0) checks.push_back(std::to_string(errors) + " tables had validation errors");
  if (checksumMismatches > 0) {
    checks.push_back(std::to_string(checksumMismatches) + " tables have checksum mismatches");
  }
  return Json{
      {"passed", pct <= thresholdPct},      {"mismatch_pct", std::round(pct * 100.0) / 100.0},
      {"mismatched_count", failed},         {"total_tables", total},
      {"failed_checks", std::move(checks)}, {"threshold_pct", thresholdPct}};
}

}  // namespace clxs::analysis
