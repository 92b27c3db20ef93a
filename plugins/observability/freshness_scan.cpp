#include "plugins/observability/freshness_scan.hpp"

#include <algorithm>
#include <cmath>

#include "clxs/clock.hpp"
#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/catalog_tables.hpp"

namespace clxs::observability {
namespace {

// Commits read per table: enough for the last data commit behind a run of metadata commits,
// and for a cadence.
constexpr std::int64_t kHistoryDepth = 50;
// History reads at once: each is one small metadata call.
constexpr std::size_t kWorkers = 8;

bool hasColumn(const TableInfo& t, const std::string& column) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [&](const ColumnInfo& c) { return lowerAscii(c.name) == lowerAscii(column); });
}

// The newest value of `column`; nullopt for an empty table or one without such a column.
std::optional<std::chrono::system_clock::time_point> maxEventTime(Workspace& ws, const TableInfo& t,
                                                                  const std::string& column,
                                                                  const CallOptions& options) {
  const auto r = ws.sql().execute("SELECT CAST(max(" + quoteIdentifier(column) +
                                      ") AS STRING) AS newest FROM " +
                                      quoteQualified({t.catalog, t.schema, t.name}),
                                  {}, options);
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0].is_string()) return std::nullopt;
  return parseIsoUtc(r.rows[0][0].get<std::string>());
}

}  // namespace

std::vector<Json> measureFreshness(Workspace& ws, const std::vector<TableInfo>& tables,
                                   const FreshnessPolicy& policy,
                                   std::chrono::system_clock::time_point now,
                                   const CallOptions& options, const std::string& eventTimeColumn) {
  std::vector<Json> out(tables.size());
  parallelFor(tables.size(), kWorkers, [&](std::size_t i) {
    const auto& t = tables[i];
    Json f;
    if (!t.format.empty() && upperAscii(t.format) != "DELTA") {
      f = freshnessOf({}, now, policy);
      f["reason"] = "format " + t.format + " keeps no Delta history";
    } else {
      try {
        f = freshnessOf(ws.catalog().history({t.catalog, t.schema, t.name}, kHistoryDepth, options),
                        now, policy);
      } catch (const WorkspaceError& e) {
        if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
        f = freshnessOf({}, now, policy);
        f["reason"] = std::string("history not read: ") + e.what();
      }
    }
    if (!eventTimeColumn.empty()) {
      if (!hasColumn(t, eventTimeColumn)) {
        f["freshness_basis"] = "commit";
        f["event_time_note"] = "no column " + eventTimeColumn;
      } else {
        withEventTime(f, eventTimeColumn, maxEventTime(ws, t, eventTimeColumn, options), now,
                      policy);
      }
    }
    Json row{{"table_fqn", fqnOf(t)},
             {"catalog", t.catalog},
             {"schema_name", t.schema},
             {"table_name", t.name},
             {"table_type", t.tableType}};
    row.update(f);
    out[i] = std::move(row);
  });
  return out;
}

}  // namespace clxs::observability
