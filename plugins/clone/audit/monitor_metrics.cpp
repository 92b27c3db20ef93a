#include "plugins/clone/audit/monitor_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

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

double round1(double v) {
  return std::round(v * 10.0) / 10.0;
}

std::string dateText(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

// {key, count} items of `counts`, most first (then by key), at most `n`.
Json topOf(const std::map<std::string, std::int64_t>& counts, const char* key, std::size_t n) {
  std::vector<std::pair<std::string, std::int64_t>> items(counts.begin(), counts.end());
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  Json out = Json::array();
  for (std::size_t i = 0; i < items.size() && i < n; ++i) {
    out.push_back(Json{{key, items[i].first}, {"count", items[i].second}});
  }
  return out;
}

// The original's dashboard fields (see the header).
void addDashboard(Json& out, const std::vector<AuditRun>& newestFirst,
                  std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto total = static_cast<std::int64_t>(newestFirst.size());
  std::int64_t succeeded = 0;
  std::int64_t tables = 0;
  std::vector<double> durations;
  std::map<std::string, std::int64_t> byStatus, cloneTypes, operations, catalogs, users;
  std::array<std::int64_t, 24> hours{};
  const sys_days today = floor<days>(now);
  const sys_days monday = today - days((weekday(today).c_encoding() + 6) % 7);
  const std::string thisWeek = dateText(monday);
  const std::string lastWeek = dateText(monday - days(7));
  std::int64_t thisWeekRuns = 0;
  std::int64_t lastWeekRuns = 0;
  struct Activity {
    std::int64_t clones = 0, success = 0, failed = 0;
  };
  std::map<std::string, Activity> activity;
  for (int i = 6; i >= 0; --i) activity[dateText(today - days(i))];
  for (const auto& r : newestFirst) {
    succeeded += r.status == "completed" ? 1 : 0;
    tables += r.tablesSuccess;
    if (r.durationSeconds > 0) durations.push_back(r.durationSeconds);
    ++byStatus[r.status];
    ++cloneTypes[r.cloneType.empty() ? "UNKNOWN" : r.cloneType];
    ++operations[r.operation.empty() ? "clone" : r.operation];
    if (!r.sourceCatalog.empty()) ++catalogs[r.sourceCatalog];
    if (!r.userName.empty()) ++users[r.userName];
    if (r.startedAt.size() >= 13) {
      const int hour = std::atoi(r.startedAt.substr(11, 2).c_str());
      if (hour >= 0 && hour < 24) ++hours[static_cast<std::size_t>(hour)];
    }
    const std::string date = r.startedAt.substr(0, 10);
    if (date >= thisWeek) {
      ++thisWeekRuns;
    } else if (date >= lastWeek) {
      ++lastWeekRuns;
    }
    if (const auto it = activity.find(date); it != activity.end()) {
      ++it->second.clones;
      it->second.success += r.status == "completed" ? 1 : 0;
      it->second.failed += r.status == "failed" ? 1 : 0;
    }
  }
  out["total_clones"] = total;
  out["success_rate"] =
      total > 0 ? static_cast<std::int64_t>(std::llround(100.0 * succeeded / total)) : 0;
  const auto [lo, hi] = std::minmax_element(durations.begin(), durations.end());
  double sum = 0;
  for (const double d : durations) sum += d;
  out["avg_duration"] =
      durations.empty() ? 0.0 : round1(sum / static_cast<double>(durations.size()));
  out["min_duration"] = durations.empty() ? 0.0 : round1(*lo);
  out["max_duration"] = durations.empty() ? 0.0 : round1(*hi);
  out["total_tables_cloned"] = tables;
  out["total_views_cloned"] = out["views_cloned"];
  out["total_volumes_cloned"] = out["volumes_cloned"];
  out["total_data_bytes"] = out["total_size_bytes"];
  out["avg_tables_per_clone"] = total > 0 ? round1(static_cast<double>(tables) / total) : 0.0;
  out["by_status"] = Json::object();
  for (const auto& [k, v] : byStatus) out["by_status"][k] = v;
  out["clone_type_split"] = Json::object();
  for (const auto& [k, v] : cloneTypes) out["clone_type_split"][k] = v;
  out["operation_type_split"] = Json::object();
  for (const auto& [k, v] : operations) out["operation_type_split"][k] = v;
  out["top_catalogs"] = topOf(catalogs, "catalog", 5);
  out["active_users"] = topOf(users, "user", 5);
  out["peak_hours"] = Json::array();
  for (std::size_t h = 0; h < hours.size(); ++h) {
    out["peak_hours"].push_back(Json{{"hour", h}, {"count", hours[h]}});
  }
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  out["activity"] = Json::array();
  for (int i = 6; i >= 0; --i) {
    const sys_days d = today - days(i);
    const auto& a = activity[dateText(d)];
    out["activity"].push_back(Json{{"day", kDays[weekday(d).c_encoding()]},
                                   {"date", dateText(d)},
                                   {"clones", a.clones},
                                   {"success", a.success},
                                   {"failed", a.failed}});
  }
  const double change =
      lastWeekRuns > 0
          ? round1(100.0 * static_cast<double>(thisWeekRuns - lastWeekRuns) / lastWeekRuns)
          : (thisWeekRuns > 0 ? 100.0 : 0.0);
  out["week_over_week"] =
      Json{{"this_week", thisWeekRuns}, {"last_week", lastWeekRuns}, {"change_pct", change}};
  out["recent_jobs"] = Json::array();
  for (std::size_t i = 0; i < newestFirst.size() && i < 20; ++i) {
    const auto& r = newestFirst[i];
    out["recent_jobs"].push_back(
        Json{{"job_id", r.jobId},
             {"job_type", r.operation},
             {"source_catalog", r.sourceCatalog},
             {"destination_catalog", r.destinationCatalog},
             {"clone_type", r.cloneType},
             {"status", r.status},
             {"started_at", r.startedAt},
             {"completed_at", r.finishedAt},
             {"duration_seconds", r.durationSeconds},
             {"error_message", r.errorMessage.empty() ? Json() : Json(r.errorMessage)},
             {"user_name", r.userName}});
  }
}

}  // namespace

Json monitorMetricsOf(const std::vector<AuditRun>& newestFirst, int trendLength,
                      std::chrono::system_clock::time_point now) {
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

  Json out{{"total_operations", total},
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
  addDashboard(out, newestFirst, now);
  return out;
}

Json monitorMetrics(Store& store, const RunFilter& filter, int trendLength,
                    std::chrono::system_clock::time_point now) {
  return monitorMetricsOf(loadRuns(store, filter), trendLength, now);
}

}  // namespace clxs::clone::audit
