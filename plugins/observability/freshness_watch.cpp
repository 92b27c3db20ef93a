#include "plugins/observability/freshness_watch.hpp"

#include <cmath>

#include "clxs/clock.hpp"
#include "plugins/observability/data_freshness.hpp"

namespace clxs::observability {
namespace {

// Enough history to find three data commits among metadata ones.
constexpr std::int64_t kHistoryEntries = 100;

// "5 h", "12 min", "40 s": a cadence of seconds reads as well as one of days.
std::string durationText(double hours) {
  if (hours >= 1) return std::to_string(std::lround(hours)) + " h";
  if (hours * 60 >= 1) return std::to_string(std::lround(hours * 60)) + " min";
  return std::to_string(std::lround(hours * 3600)) + " s";
}

}  // namespace

std::optional<bool> freshnessBreached(const Json& freshness) {
  if (freshness.value("status", "unknown") == "unknown") return std::nullopt;
  if (freshness["median_commit_gap_hours"].is_number()) return freshness.value("is_late", false);
  return freshness.value("is_stale", false);
}

Json watchFreshness(Workspace& ws, const ObjectName& table, IncidentStore& incidents,
                    std::chrono::system_clock::time_point now, const std::string& by,
                    const CallOptions& call) {
  std::vector<HistoryEntry> history;
  try {
    history = ws.catalog().history(table, kHistoryEntries, call);
  } catch (const WorkspaceError& e) {
    // A table without a Delta log has no commits to judge; that is not a breach.
    if (e.errorClass() != WorkspaceErrorClass::NotFound &&
        e.errorClass() != WorkspaceErrorClass::Unavailable) {
      throw;
    }
    return {{"status", "unknown"}, {"breached", nullptr}, {"reason", e.what()}};
  }
  auto verdict = freshnessOf(history, now, FreshnessPolicy{});
  const auto breached = freshnessBreached(verdict);
  verdict["breached"] = breached ? Json(*breached) : Json();
  if (!breached) return verdict;
  const auto since = durationText(verdict.value("hours_since_update", 0.0));
  const bool cadence = verdict["median_commit_gap_hours"].is_number();
  IncidentSignal signal{"freshness", table.dotted(), "freshness", "", "", verdict, isoUtc(now), by};
  if (!*breached) {
    signal.title = "data committed to " + table.dotted() + " " + since + " ago";
  } else if (cadence) {
    signal.title = "no data commit to " + table.dotted() + " for " + since + " (late: its median " +
                   "gap is " + durationText(verdict["median_commit_gap_hours"].get<double>()) + ")";
  } else {
    signal.title = "no data commit to " + table.dotted() + " for " + since + " (stale past 24 h)";
  }
  if (!*breached) {
    incidents.pass(signal);
    return verdict;
  }
  signal.severity = verdict.value("is_stale", false) ? "high" : "medium";
  verdict["incident_id"] = incidents.fail(signal);
  return verdict;
}

}  // namespace clxs::observability
