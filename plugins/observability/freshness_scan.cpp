#include "plugins/observability/freshness_scan.hpp"

#include "clxs/parallel.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/catalog_tables.hpp"

namespace clxs::observability {
namespace {

// Commits read per table: enough for the last data commit behind a run of metadata commits,
// and for a cadence.
constexpr std::int64_t kHistoryDepth = 50;
// History reads at once: each is one small metadata call.
constexpr std::size_t kWorkers = 8;

}  // namespace

std::vector<Json> measureFreshness(Workspace& ws, const std::vector<TableInfo>& tables,
                                   const FreshnessPolicy& policy,
                                   std::chrono::system_clock::time_point now,
                                   const CallOptions& options) {
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
