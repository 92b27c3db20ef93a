#include "plugins/analysis/catalog_monitor.hpp"

#include <string>

#include "clxs/clock.hpp"
#include "plugins/analysis/catalog_diff.hpp"
#include "plugins/analysis/catalog_validation.hpp"
#include "plugins/analysis/column_drift.hpp"
#include "plugins/analysis/drift_reports.hpp"

namespace clxs::analysis {
namespace {

std::size_t total(const Json& diff, const char* prefix) {
  std::size_t n = 0;
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    n += diff.value(std::string(prefix) + kind, Json::array()).size();
  }
  return n;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The drift block: schemaDriftReport() trimmed to what a status check needs.
Json driftSummary(const std::vector<TableDrift>& drifts) {
  const Json report = schemaDriftReport(drifts);
  Json tables = Json::array();
  for (const auto& t : report["tables"]) {
    auto names = [](const Json& columns) {
      Json out = Json::array();
      for (const auto& c : columns) out.push_back(c["column"]);
      return out;
    };
    tables.push_back(Json{{"table_fqn", t["table_fqn"]},
                          {"added_columns", names(t["added_columns"])},
                          {"removed_columns", names(t["removed_columns"])},
                          {"modified_columns", names(t["modified_columns"])},
                          {"order_changed", t["order_changed"]}});
  }
  return Json{{"tables_checked", report["summary"]["tables_checked"]},
              {"tables_with_drift", report["summary"]["tables_with_drift"]},
              {"tables", std::move(tables)},
              {"errors", report["errors"]}};
}

}  // namespace

Json monitorCatalogs(Workspace& ws, const std::string& sourceCatalog,
                     const std::string& destCatalog, const MonitorOptions& options,
                     std::chrono::system_clock::time_point checkedAt, const CallOptions& call) {
  const auto source =
      catalogObjects(ws, sourceCatalog, options.excludeSchemas, options.workers, call);
  const auto dest = catalogObjects(ws, destCatalog, options.excludeSchemas, options.workers, call);
  const Json diff = diffObjects(source, dest);

  Json out{{"source_catalog", sourceCatalog},
           {"destination_catalog", destCatalog},
           {"checked_at", isoUtc(checkedAt)}};
  for (const char* key : {"missing_schemas", "extra_schemas", "missing_tables", "extra_tables",
                          "missing_views", "extra_views"}) {
    out[key] = diff[key];
  }
  const std::size_t missing = total(diff, "missing_");
  const std::size_t extra = total(diff, "extra_");
  out["diff"] =
      Json{{"missing_in_dest", missing}, {"extra_in_dest", extra}, {"counts", diff["counts"]}};

  Json issues = Json::array();
  bool drifted = !diff.value("in_sync", true);
  bool incomplete = false;
  if (missing > 0) {
    issues.push_back(plural(missing, "object is", "objects are") +
                     " missing from the destination.");
  }
  if (extra > 0) {
    issues.push_back(plural(extra, "object exists", "objects exist") + " only in the destination.");
  }

  // The counts and lists the original web UI's monitor page reads.
  std::size_t matched = 0;
  for (const auto& t : source.tables) matched += dest.tables.count(t);
  out["total_tables"] = source.tables.size();
  out["matched_tables"] = matched;
  out["drifted_tables"] = Json::array();

  out["drift"] = nullptr;
  if (options.checkDrift) {
    const Json drift = driftSummary(driftOfCommonTables(source.listing, dest.listing));
    const auto n = drift["tables_with_drift"].get<std::size_t>();
    if (n > 0) {
      drifted = true;
      issues.push_back(plural(n, "table has", "tables have") + " schema drift.");
    }
    if (!drift["errors"].empty()) {
      incomplete = true;
      issues.push_back(plural(drift["errors"].size(), "table's", "tables'") +
                       " columns could not be compared.");
    }
    for (const auto& t : drift["tables"]) {
      std::string reason;
      for (const char* kind : {"added_columns", "removed_columns", "modified_columns"}) {
        if (t[kind].empty()) continue;
        std::string names;
        for (const auto& c : t[kind]) names += (names.empty() ? "" : ", ") + c.get<std::string>();
        reason += (reason.empty() ? "" : "; ") +
                  std::string(kind).substr(0, std::string(kind).find('_')) + ": " + names;
      }
      if (t.value("order_changed", false))
        reason += (reason.empty() ? "" : "; ") + std::string("column order changed");
      out["drifted_tables"].push_back(Json{{"table", t["table_fqn"]}, {"reason", reason}});
    }
    out["drift"] = drift;
  }

  out["count_mismatches"] = nullptr;
  out["count_errors"] = nullptr;
  if (options.checkCounts) {
    std::vector<TablePair> pairs;
    for (auto& p : pairTables(source.listing, dest.listing)) {
      if (p.destination) pairs.push_back(std::move(p));
    }
    Json mismatches = Json::array();
    Json errors = Json::array();
    for (const auto& c :
         compareTablePairs(ws, ws, pairs, ComparisonOptions{}, options.workers, {}, call)) {
      if (!c.error.empty()) {
        errors.push_back(Json{{"schema", c.schema}, {"table", c.table}, {"error", c.error}});
      } else if (!c.match) {
        mismatches.push_back(Json{{"schema", c.schema},
                                  {"table", c.table},
                                  {"source_count", *c.sourceCount},
                                  {"dest_count", *c.destCount}});
      }
    }
    if (!mismatches.empty()) {
      drifted = true;
      issues.push_back(plural(mismatches.size(), "table has", "tables have") +
                       " a different row count.");
    }
    if (!errors.empty()) {
      incomplete = true;
      issues.push_back(plural(errors.size(), "table", "tables") + " could not be counted.");
    }
    out["count_mismatches"] = std::move(mismatches);
    out["count_errors"] = std::move(errors);
  }
  const char* status = drifted ? "drift_detected" : incomplete ? "incomplete" : "in_sync";
  out["status"] = status;
  out["in_sync"] = !drifted && !incomplete;
  out["issues"] = std::move(issues);
  out["checks"] = Json{{"drift", options.checkDrift}, {"counts", options.checkCounts}};
  out["warnings"] = diff["warnings"];
  return out;
}

}  // namespace clxs::analysis
