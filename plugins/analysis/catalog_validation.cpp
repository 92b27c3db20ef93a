#include "plugins/analysis/catalog_validation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::analysis {
namespace {

bool excluded(const std::string& schema, const std::vector<std::string>& excludeSchemas) {
  if (lowerAscii(schema) == "information_schema") return true;
  return std::find(excludeSchemas.begin(), excludeSchemas.end(), schema) != excludeSchemas.end();
}

// Views, materialized views and streaming tables are not copied as data by a clone.
bool holdsData(const TableInfo& t) {
  const auto type = lowerAscii(t.tableType);
  return type == "managed" || type == "external";
}

std::vector<TablePair> pairsOfSchema(Workspace& sourceWs, const std::string& sourceCatalog,
                                     Workspace& destWs, const std::string& destCatalog,
                                     const std::string& schema, bool destHasSchema,
                                     const CallOptions& call) {
  std::map<std::string, TableInfo> dest;
  if (destHasSchema) {
    for (auto& t : destWs.tables(destCatalog, schema, call)) dest.emplace(t.name, std::move(t));
  }
  std::vector<TablePair> out;
  for (auto& t : sourceWs.tables(sourceCatalog, schema, call)) {
    if (!holdsData(t)) continue;
    TablePair p;
    p.source = std::move(t);
    p.source.catalog = sourceCatalog;
    p.source.schema = schema;
    p.destinationCatalog = destCatalog;
    if (auto it = dest.find(p.source.name); it != dest.end()) {
      p.destination = it->second;
      p.destination->catalog = destCatalog;
      p.destination->schema = schema;
    } else if (!destHasSchema) {
      p.missingReason = "schema " + quoteQualified({destCatalog, schema}) + " does not exist";
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const TablePair& a, const TablePair& b) { return a.source.name < b.source.name; });
  return out;
}

}  // namespace

void requireCatalog(Workspace& ws, const std::string& catalog, const std::string& role,
                    const CallOptions& options) {
  const auto wanted = lowerAscii(catalog);
  for (const auto& c : ws.catalogs(options)) {
    if (lowerAscii(c.name) == wanted) return;
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       role + " catalog " + quoteIdentifier(catalog) + " not found.");
}

Json validateCatalog(Workspace& sourceWs, const std::string& sourceCatalog, Workspace& destWs,
                     const std::string& destCatalog, const ValidationOptions& options,
                     const CallOptions& call) {
  requireCatalog(sourceWs, sourceCatalog, "Source", call);
  requireCatalog(destWs, destCatalog, "Destination", call);
  const std::size_t workers = std::max<std::size_t>(options.maxWorkers, 1);

  std::vector<std::string> schemas;
  for (const auto& s : sourceWs.schemas(sourceCatalog, call)) {
    if (!excluded(s.name, options.excludeSchemas)) schemas.push_back(s.name);
  }
  std::sort(schemas.begin(), schemas.end());
  std::set<std::string> destSchemas;
  for (const auto& s : destWs.schemas(destCatalog, call)) destSchemas.insert(s.name);

  std::vector<std::vector<TablePair>> perSchema(schemas.size());
  parallelFor(
      schemas.size(), workers,
      [&](std::size_t i) {
        perSchema[i] = pairsOfSchema(sourceWs, sourceCatalog, destWs, destCatalog, schemas[i],
                                     destSchemas.count(schemas[i]) > 0, call);
      },
      call.cancel);
  std::vector<TablePair> pairs;
  for (auto& group : perSchema) {
    for (auto& p : group) pairs.push_back(std::move(p));
  }

  std::vector<TableComparison> results(pairs.size());
  std::mutex progressMu;
  std::size_t done = 0;
  const ComparisonOptions comparison{options.useChecksum};
  parallelFor(
      pairs.size(), workers,
      [&](std::size_t i) {
        results[i] = compareTables(sourceWs, destWs, pairs[i], comparison, call);
        if (!options.onProgress) return;
        std::lock_guard lock(progressMu);
        options.onProgress(++done, pairs.size(), results[i].schema + "." + results[i].table);
      },
      call.cancel);
  return summarize(results);
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
