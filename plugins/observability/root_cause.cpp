#include "plugins/observability/root_cause.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "clxs/clock.hpp"
#include "clxs/delta_history.hpp"
#include "plugins/observability/data_freshness.hpp"

namespace clxs::observability {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

struct Signal {
  TimePoint at;
  Json body;
};

// An anomaly incident on a row count that fell below its expected range is a volume drop.
std::string kindOf(const Json& incident) {
  const auto source = incident.value("source", "");
  const auto ref = incident.value("source_ref", "");
  const auto& d = incident.contains("details") ? incident["details"] : Json::object();
  if (source == "anomaly" && ref.size() >= 10 && ref.ends_with(":row_count") &&
      d.value("value", 0.0) < d.value("expected_low", 0.0)) {
    return "volume_drop";
  }
  return source;
}

std::vector<Signal> signalsOf(const TableEvidence& t, TimePoint since, TimePoint now) {
  std::vector<Signal> out;
  for (const auto& i : t.incidents) {
    const auto at = parseIsoUtc(i.value("opened_at", ""));
    if (!at) continue;
    out.push_back({*at,
                   {{"kind", kindOf(i)},
                    {"severity", i.value("severity", "")},
                    {"title", i.value("title", "")},
                    {"incident_id", i.value("id", "")},
                    {"status", i.value("status", "")}}});
  }
  for (const auto& h : t.history) {
    const auto at = parseIsoUtc(h.timestamp);
    if (!at || *at < since || schemaChangeKind(h.operation) == SchemaChangeKind::None) continue;
    out.push_back(
        {*at,
         {{"kind", "schema_change"},
          {"severity",
           schemaChangeKind(h.operation) == SchemaChangeKind::Breaking ? "high" : "medium"},
          {"title", h.operation + " at version " + std::to_string(h.version)},
          {"version", h.version}}});
  }
  if (t.history.empty()) return out;
  const auto fresh = freshnessOf(t.history, now, FreshnessPolicy{});
  const bool stale = fresh.value("is_stale", false);
  if (!stale && !fresh.value("is_late", false)) return out;
  if (const auto at = parseIsoUtc(fresh.value("last_modified", ""))) {
    out.push_back({*at,
                   {{"kind", "freshness_gap"},
                    {"severity", stale ? "high" : "medium"},
                    {"title", "no data commit for " +
                                  std::to_string(static_cast<long long>(
                                      fresh.value("hours_since_update", 0.0))) +
                                  " h (" + (stale ? "stale" : "late against its cadence") + ")"},
                    {"hours_since_update", fresh["hours_since_update"]}}});
  }
  return out;
}

double minutes(TimePoint from, TimePoint to) {
  return std::round(std::chrono::duration<double>(to - from).count() / 6) / 10;
}

}  // namespace

Json rootCauseOf(const std::vector<TableEvidence>& tables, TimePoint since, TimePoint now) {
  struct PerTable {
    const TableEvidence* evidence;
    std::vector<Signal> signals;
    std::optional<TimePoint> first;
  };
  std::vector<PerTable> per;
  std::optional<TimePoint> focalFirst;
  for (const auto& t : tables) {
    PerTable p{&t, signalsOf(t, since, now), std::nullopt};
    for (const auto& s : p.signals) p.first = p.first ? std::min(*p.first, s.at) : s.at;
    if (t.depth == 0) focalFirst = p.first;
    per.push_back(std::move(p));
  }
  const TimePoint base = focalFirst.value_or(now);
  std::vector<Signal> all;
  Json tablesOut = Json::array();
  for (const auto& p : per) {
    Json t{{"table_fqn", p.evidence->tableFqn},
           {"depth", p.evidence->depth},
           {"signals", p.signals.size()},
           {"first_signal_at", p.first ? Json(isoUtc(*p.first)) : Json()}};
    if (!p.evidence->historyError.empty()) t["history_error"] = p.evidence->historyError;
    tablesOut.push_back(std::move(t));
    for (auto s : p.signals) {
      s.body["table_fqn"] = p.evidence->tableFqn;
      s.body["depth"] = p.evidence->depth;
      s.body["at"] = isoUtc(s.at);
      s.body["offset_minutes"] = minutes(base, s.at);
      all.push_back(std::move(s));
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  Json signals = Json::array();
  for (auto& s : all) signals.push_back(std::move(s.body));
  // The most upstream table whose trouble began no later than the table's own.
  const PerTable* cause = nullptr;
  for (const auto& p : per) {
    if (p.evidence->depth == 0 || !p.first || (focalFirst && *p.first > *focalFirst)) continue;
    if (!cause || p.evidence->depth > cause->evidence->depth ||
        (p.evidence->depth == cause->evidence->depth && *p.first < *cause->first)) {
      cause = &p;
    }
  }
  Json likely;
  std::string reason;
  if (cause) {
    reason = cause->evidence->tableFqn + ", " + std::to_string(cause->evidence->depth) +
             " hop(s) upstream, shows trouble from " + isoUtc(*cause->first) +
             (focalFirst ? ", no later than the table's own first signal" : "") +
             ", and is the most upstream such table";
  } else if (focalFirst) {
    cause = &*std::find_if(per.begin(), per.end(),
                           [](const PerTable& p) { return p.evidence->depth == 0; });
    reason =
        "no upstream table shows trouble before the table's own first signal: the cause "
        "is likely in the table itself";
  } else {
    reason = "no signal in or upstream of the table in the window";
  }
  if (cause) {
    likely = {{"table_fqn", cause->evidence->tableFqn},
              {"depth", cause->evidence->depth},
              {"first_signal_at", isoUtc(*cause->first)},
              {"reason", reason}};
  }
  return {{"signals", signals},
          {"tables", tablesOut},
          {"likely_root_cause", likely},
          {"reason", reason}};
}

}  // namespace clxs::observability
