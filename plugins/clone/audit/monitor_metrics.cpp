#include "plugins/clone/audit/monitor_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace clxs::clone::audit {
namespace {

// Relative change of mean duration between the trend's halves that counts as a change.
constexpr double kDurationThreshold = 0.10;
// Days with runs listed in `daily`.
constexpr std::size_t kDays = 30;

double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

Json percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return nullptr;
  return round2(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

Json perMinute(std::int64_t tables, double seconds) {
  if (seconds <= 0) return nullptr;
  return round2(static_cast<double>(tables) * 60.0 / seconds);
}

double mean(const std::vector<double>& v, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += v[i];
  return to > from ? sum / static_cast<double>(to - from) : 0;
}

std::string directionOf(const std::vector<double>& oldestFirst) {
  if (oldestFirst.size() < 2) return "insufficient_data";
  const std::size_t olderCount = oldestFirst.size() / 2;
  const double older = mean(oldestFirst, 0, olderCount);
  const double newer = mean(oldestFirst, olderCount, oldestFirst.size());
  if (older <= 0) return newer > 0 ? "slower" : "stable";
  const double change = (newer - older) / older;
  if (change >= kDurationThreshold) return "slower";
  if (change <= -kDurationThreshold) return "faster";
  return "stable";
}

struct Day {
  std::int64_t operations = 0;
  std::int64_t failed = 0;
  std::int64_t tablesCloned = 0;
  double seconds = 0;
};

}  // namespace

Json monitorMetricsOf(const std::vector<AuditRun>& newestFirst, int trendLength) {
  RunTally tally;
  std::int64_t tables = 0, tablesFailed = 0, tablesSkipped = 0, views = 0, functions = 0,
               volumes = 0, bytes = 0, retries = 0;
  double seconds = 0;
  Json byOperation = Json::object();
  std::map<std::string, Day> days;
  for (const auto& r : newestFirst) {
    tally.add(r);
    tables += r.tablesSuccess;
    tablesFailed += r.tablesFailed;
    tablesSkipped += r.tablesSkipped;
    views += r.viewsSuccess;
    functions += r.functionsSuccess;
    volumes += r.volumesSuccess;
    bytes += r.bytesCopied;
    retries += r.retries;
    seconds += r.durationSeconds;
    auto& op = byOperation[r.operation.empty() ? std::string("unknown") : r.operation];
    if (op.is_null()) op = {{"operations", 0}, {"failed", 0}, {"tables_cloned", 0}};
    op["operations"] = op["operations"].get<std::int64_t>() + 1;
    op["failed"] = op["failed"].get<std::int64_t>() + (r.status == "failed" ? 1 : 0);
    op["tables_cloned"] = op["tables_cloned"].get<std::int64_t>() + r.tablesSuccess;
    auto& day = days[r.finishedAt.substr(0, 10)];
    ++day.operations;
    day.failed += r.status == "failed" ? 1 : 0;
    day.tablesCloned += r.tablesSuccess;
    day.seconds += r.durationSeconds;
  }
  const auto total = static_cast<std::int64_t>(newestFirst.size());
  const std::int64_t decisive = total - tally.cancelled;

  Json trend = Json::array();
  std::vector<double> durations;
  const auto n = std::min(newestFirst.size(), static_cast<std::size_t>(std::max(trendLength, 0)));
  for (std::size_t i = n; i-- > 0;) {
    const auto& r = newestFirst[i];
    trend.push_back({{"job_id", r.jobId},
                     {"operation", r.operation},
                     {"destination_catalog", r.destinationCatalog},
                     {"status", r.status},
                     {"started_at", r.startedAt},
                     {"completed_at", r.finishedAt},
                     {"duration_seconds", r.durationSeconds},
                     {"tables_cloned", r.tablesSuccess},
                     {"throughput_tables_per_min", perMinute(r.tablesSuccess, r.durationSeconds)}});
    if (r.status != "cancelled") durations.push_back(r.durationSeconds);
  }

  Json daily = Json::array();
  auto from = days.begin();
  if (days.size() > kDays) std::advance(from, static_cast<std::ptrdiff_t>(days.size() - kDays));
  for (auto it = from; it != days.end(); ++it) {
    const auto& d = it->second;
    daily.push_back(
        {{"date", it->first},
         {"operations", d.operations},
         {"failed", d.failed},
         {"tables_cloned", d.tablesCloned},
         {"avg_duration_seconds",
          round2(d.seconds / static_cast<double>(std::max<std::int64_t>(d.operations, 1)))}});
  }

  return Json{
      {"total_operations", total},
      {"succeeded", tally.succeeded},
      {"completed_with_errors", tally.withErrors},
      {"failed", tally.failed},
      {"cancelled", tally.cancelled},
      {"failure_rate", percent(tally.failed, decisive)},
      {"error_rate", percent(tally.failed + tally.withErrors, decisive)},
      {"tables", {{"cloned", tables}, {"failed", tablesFailed}, {"skipped", tablesSkipped}}},
      {"views_cloned", views},
      {"functions_cloned", functions},
      {"volumes_cloned", volumes},
      {"total_size_bytes", bytes},
      {"retries", retries},
      {"total_duration_seconds", round2(seconds)},
      {"avg_duration_seconds",
       total > 0 ? Json(round2(seconds / static_cast<double>(total))) : Json()},
      {"throughput_tables_per_min", perMinute(tables, seconds)},
      {"by_operation", byOperation},
      {"duration_trend", trend},
      {"duration_trend_direction", directionOf(durations)},
      {"daily", daily}};
}

Json monitorMetrics(Store& store, const RunFilter& filter, int trendLength) {
  return monitorMetricsOf(loadRuns(store, filter), trendLength);
}

}  // namespace clxs::clone::audit
