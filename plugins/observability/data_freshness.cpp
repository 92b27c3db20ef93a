#include "plugins/observability/data_freshness.hpp"

#include <algorithm>
#include <cmath>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

double hoursBetween(TimePoint from, TimePoint to) {
  return std::chrono::duration<double, std::ratio<3600>>(to - from).count();
}

// Two decimals, as the dashboards show them.
double rounded(double hours) {
  return std::round(hours * 100.0) / 100.0;
}

struct DataCommit {
  const HistoryEntry* entry;
  TimePoint at;
};

// The data commits with a readable time, newest first.
std::vector<DataCommit> dataCommits(const std::vector<HistoryEntry>& history) {
  std::vector<DataCommit> out;
  for (const auto& h : history) {
    if (!isDataOperation(h.operation)) continue;
    if (const auto at = parseIsoUtc(h.timestamp)) out.push_back({&h, *at});
  }
  return out;
}

}  // namespace

Json freshnessOf(const std::vector<HistoryEntry>& history, TimePoint now,
                 const FreshnessPolicy& policy) {
  const auto commits = dataCommits(history);
  Json out{{"status", "unknown"},
           {"last_modified", nullptr},
           {"last_data_operation", nullptr},
           {"last_data_version", nullptr},
           {"hours_since_update", nullptr},
           {"is_stale", false},
           {"median_commit_gap_hours", nullptr},
           {"is_late", false},
           {"data_commits_read", commits.size()},
           {"reason", nullptr}};
  if (commits.empty()) {
    out["reason"] = history.empty() ? "the table has no history"
                                    : "no data commit among the " + std::to_string(history.size()) +
                                          " commits read";
    return out;
  }
  const auto& newest = commits.front();
  const double hours = std::max(0.0, hoursBetween(newest.at, now));
  out["last_modified"] = newest.entry->timestamp;
  out["last_data_operation"] = newest.entry->operation;
  out["last_data_version"] = newest.entry->version;
  out["hours_since_update"] = rounded(hours);
  const bool stale = hours > policy.maxStaleHours;
  out["is_stale"] = stale;
  out["status"] = stale ? "stale" : "fresh";
  // The cadence needs at least two gaps to mean anything.
  if (commits.size() >= 3) {
    std::vector<double> gaps;
    for (std::size_t i = 0; i + 1 < commits.size(); ++i)
      gaps.push_back(std::max(0.0, hoursBetween(commits[i + 1].at, commits[i].at)));
    std::sort(gaps.begin(), gaps.end());
    const auto n = gaps.size();
    const double median = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
    out["median_commit_gap_hours"] = rounded(median);
    out["is_late"] = median > 0 && hours > policy.cadenceFactor * median;
  }
  return out;
}

Json dataCommitGaps(const std::vector<HistoryEntry>& history, const FreshnessPolicy& policy) {
  const auto commits = dataCommits(history);
  Json out = Json::array();
  for (std::size_t i = 0; i < commits.size(); ++i) {
    Json gap = nullptr;
    bool stale = false;
    if (i + 1 < commits.size()) {
      const double hours = std::max(0.0, hoursBetween(commits[i + 1].at, commits[i].at));
      gap = rounded(hours);
      stale = hours > policy.maxStaleHours;
    }
    out.push_back({{"version", commits[i].entry->version},
                   {"operation", commits[i].entry->operation},
                   {"last_modified", commits[i].entry->timestamp},
                   {"hours_since_update", gap},
                   {"is_stale", stale},
                   {"status", stale ? "stale" : "fresh"}});
  }
  return out;
}

void withEventTime(Json& verdict, const std::string& column, std::optional<TimePoint> maxEvent,
                   TimePoint now, const FreshnessPolicy& policy) {
  if (!maxEvent) {
    verdict["freshness_basis"] = "commit";
    verdict["event_time_note"] = "no event time in " + column + " (an empty table)";
    return;
  }
  const double lag = rounded(hoursBetween(*maxEvent, now));
  Json event{{"column", column},
             {"max_event_time", isoUtc(*maxEvent)},
             {"event_lag_hours", lag},
             {"ingestion_latency_hours", nullptr}};
  if (const auto committed = parseIsoUtc(verdict.value("last_modified", "")))
    event["ingestion_latency_hours"] = rounded(hoursBetween(*maxEvent, *committed));
  verdict["event_time"] = std::move(event);
  verdict["freshness_basis"] = "event_time";
  verdict["is_stale"] = lag > policy.maxStaleHours;
  verdict["status"] = lag > policy.maxStaleHours ? "stale" : "fresh";
  verdict["reason"] = nullptr;
}

}  // namespace clxs::observability
