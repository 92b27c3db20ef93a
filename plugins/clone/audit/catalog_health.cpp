#include "plugins/clone/audit/catalog_health.hpp"

#include <cmath>
#include <map>
#include <optional>

#include "clxs/text.hpp"

namespace clxs::clone::audit {
namespace {

// Points of success rate between the halves of the window that count as a change.
constexpr double kTrendThreshold = 10.0;

std::string trendOf(const std::vector<AuditRun>& newestFirst) {
  std::vector<const AuditRun*> decisive;
  for (const auto& r : newestFirst) {
    if (r.status != "cancelled") decisive.push_back(&r);
  }
  if (decisive.size() < 2) return "insufficient_data";
  RunTally newer;
  RunTally older;
  // With an odd count the middle run belongs to the newer half.
  const std::size_t newerCount = (decisive.size() + 1) / 2;
  for (std::size_t i = 0; i < decisive.size(); ++i)
    (i < newerCount ? newer : older).add(*decisive[i]);
  const double delta = *newer.rate() - *older.rate();
  if (delta >= kTrendThreshold) return "improving";
  if (delta <= -kTrendThreshold) return "declining";
  return "stable";
}

}  // namespace

Json catalogHealthOf(const std::string& catalog, const std::vector<AuditRun>& newestFirst) {
  RunTally tally;
  std::int64_t skipped = 0;
  std::int64_t considered = 0;
  double seconds = 0;
  for (const auto& r : newestFirst) {
    tally.add(r);
    skipped += r.tablesSkipped;
    considered += r.tablesSuccess + r.tablesFailed + r.tablesSkipped;
    seconds += r.durationSeconds;
  }
  const auto rate = tally.rate();
  Json out{{"catalog", catalog},
           {"total", static_cast<std::int64_t>(newestFirst.size())},
           {"succeeded", tally.succeeded},
           {"completed_with_errors", tally.withErrors},
           {"failed", tally.failed},
           {"cancelled", tally.cancelled},
           {"score", rate ? Json(static_cast<std::int64_t>(std::lround(*rate))) : Json()},
           {"trend", trendOf(newestFirst)},
           {"tables_skipped", skipped},
           {"tables_considered", considered},
           {"skipped_table_ratio", considered > 0
                                       ? Json(std::round(10000.0 * static_cast<double>(skipped) /
                                                         static_cast<double>(considered)) /
                                              10000.0)
                                       : Json()},
           {"avg_duration_seconds",
            newestFirst.empty() ? Json() : Json(seconds / static_cast<double>(newestFirst.size()))},
           {"last_operation", nullptr},
           {"last_status", nullptr},
           {"last_job_id", nullptr}};
  if (!newestFirst.empty()) {
    out["last_operation"] = newestFirst.front().finishedAt;
    out["last_status"] = newestFirst.front().status;
    out["last_job_id"] = newestFirst.front().jobId;
  }
  return out;
}

Json catalogHealth(Store& store, int window) {
  // One entry per catalog whatever the case it was written in; the newest spelling names it.
  std::map<std::string, std::string> names;
  for (const auto& r : store.query(
           "SELECT destination_catalog, MAX(finished_at) AS last FROM clone_operations WHERE "
           "destination_catalog IS NOT NULL AND destination_catalog <> '' "
           "GROUP BY destination_catalog ORDER BY last")) {
    names[lowerAscii(jsonText(r["destination_catalog"]))] = jsonText(r["destination_catalog"]);
  }
  Json catalogs = Json::array();
  for (const auto& [key, name] : names) {
    RunFilter filter;
    filter.destinationCatalog = name;
    catalogs.push_back(catalogHealthOf(name, loadRuns(store, filter, window)));
  }
  return Json{{"catalogs", std::move(catalogs)}, {"window", window}};
}

}  // namespace clxs::clone::audit
