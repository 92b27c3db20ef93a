#include "plugins/observability/copq_store.hpp"

#include <cstdio>
#include <map>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

// The sums every reading answers, in SQL over the stored cents.
constexpr const char* kCopqSums =
    "count(*) AS n, coalesce(sum(engineer_cents), 0) AS engineer, coalesce(sum(rerun_cents), 0) "
    "AS reruns, coalesce(sum(sla_cents), 0) AS sla, coalesce(sum(downstream_cents), 0) AS "
    "downstream, coalesce(sum(total_cents), 0) AS total";

std::int64_t copqCentsIn(const Json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

// {events, total_cost, breakdown} from a row of kCopqSums.
Json copqTotals(const Json& row) {
  return {{"events", copqCentsIn(row, "n")},
          {"total_cost", centsToAmount(copqCentsIn(row, "total"))},
          {"breakdown",
           {{"engineer_time", centsToAmount(copqCentsIn(row, "engineer"))},
            {"reruns", centsToAmount(copqCentsIn(row, "reruns"))},
            {"sla_breach", centsToAmount(copqCentsIn(row, "sla"))},
            {"downstream_disruption", centsToAmount(copqCentsIn(row, "downstream"))}}}};
}

Json copqParsed(const Json& row, const char* key, Json fallback) {
  auto value = Json::parse(row.value(key, ""), nullptr, false);
  return value.is_discarded() ? fallback : value;
}

Json copqEventJson(const Json& row) {
  return {{"incident_id", row["incident_id"]},
          {"table_fqn", row["table_fqn"]},
          {"source", row["source"]},
          {"occurred_at", row["occurred_at"]},
          {"total_cost", centsToAmount(copqCentsIn(row, "total_cents"))},
          {"inputs", copqParsed(row, "inputs", Json::object())},
          {"components", copqParsed(row, "components", Json::object())},
          {"computed_at", row["computed_at"]},
          {"computed_by", row["computed_by"]}};
}

std::string copqDayText(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

// The Monday on or before `t` (UTC).
std::chrono::sys_days copqMondayOf(std::chrono::system_clock::time_point t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::weekday wd{day};
  return day - std::chrono::days{(wd.c_encoding() + 6) % 7};
}

}  // namespace

std::vector<Migration> CopqStore::migrations() {
  return {{6,
           "CREATE TABLE observability_copq_events ("
           "  incident_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, table_key TEXT NOT NULL,"
           "  source TEXT NOT NULL, occurred_at TEXT NOT NULL, inputs TEXT NOT NULL,"
           "  components TEXT NOT NULL, engineer_cents INTEGER NOT NULL,"
           "  rerun_cents INTEGER NOT NULL, sla_cents INTEGER NOT NULL,"
           "  downstream_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL,"
           "  computed_at TEXT NOT NULL, computed_by TEXT NOT NULL);"
           "CREATE INDEX observability_copq_events_occurred ON "
           "observability_copq_events(occurred_at);"}};
}

CopqSaved CopqStore::save(const CopqEvent& e, const std::string& at, const std::string& by) {
  const auto& c = e.cost;
  // Times are stored as isoUtc writes them, so that they compare as text and bucket by day.
  const auto parsed = parseIsoUtc(e.occurredAt);
  const auto occurred = parsed ? isoUtc(*parsed) : e.occurredAt;
  const auto stored = store_.query(
      "SELECT table_fqn, occurred_at, inputs, components, total_cents FROM "
      "observability_copq_events WHERE incident_id = ?",
      {e.incidentId});
  if (!stored.empty()) {
    const auto& row = stored[0];
    if (row.value("table_fqn", "") == e.tableFqn && row.value("occurred_at", "") == occurred &&
        copqParsed(row, "inputs", Json()) == c.inputs &&
        copqParsed(row, "components", Json()) == c.components &&
        copqCentsIn(row, "total_cents") == c.totalCents()) {
      return CopqSaved::Unchanged;
    }
  }
  store_.execute(
      "INSERT INTO observability_copq_events (incident_id, table_fqn, table_key, source, "
      "occurred_at, inputs, components, engineer_cents, rerun_cents, sla_cents, "
      "downstream_cents, total_cents, computed_at, computed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET table_fqn = excluded.table_fqn, "
      "table_key = excluded.table_key, source = excluded.source, occurred_at = "
      "excluded.occurred_at, inputs = excluded.inputs, components = excluded.components, "
      "engineer_cents = excluded.engineer_cents, rerun_cents = excluded.rerun_cents, sla_cents "
      "= excluded.sla_cents, downstream_cents = excluded.downstream_cents, total_cents = "
      "excluded.total_cents, computed_at = excluded.computed_at, computed_by = "
      "excluded.computed_by",
      {e.incidentId, e.tableFqn, lowerAscii(e.tableFqn), e.source, occurred, c.inputs.dump(),
       c.components.dump(), c.engineerCents, c.rerunCents, c.slaCents, c.downstreamCents,
       c.totalCents(), at, by});
  return stored.empty() ? CopqSaved::Created : CopqSaved::Updated;
}

Json CopqStore::summary(const std::string& since) const {
  const auto rows = store_.query(std::string("SELECT ") + kCopqSums +
                                     ", max(computed_at) AS last_computed_at FROM "
                                     "observability_copq_events WHERE occurred_at >= ?",
                                 {since});
  Json out = copqTotals(rows.empty() ? Json::object() : rows[0]);
  // max() of no rows is NULL: null until something was computed.
  out["last_computed_at"] =
      rows.empty() || !rows[0].contains("last_computed_at") ? Json() : rows[0]["last_computed_at"];
  Json sources = Json::array();
  for (const auto& row :
       store_.query(std::string("SELECT source, ") + kCopqSums +
                        " FROM observability_copq_events WHERE occurred_at >= ? GROUP BY source "
                        "ORDER BY total DESC, source",
                    {since})) {
    auto s = copqTotals(row);
    s["source"] = row["source"];
    sources.push_back(std::move(s));
  }
  out["by_source"] = std::move(sources);
  return out;
}

Json CopqStore::byTable(const std::string& since, bool withEvents) const {
  std::map<std::string, Json> events;
  if (withEvents) {
    for (const auto& row :
         store_.query("SELECT * FROM observability_copq_events WHERE occurred_at >= ? ORDER BY "
                      "total_cents DESC, occurred_at, incident_id",
                      {since})) {
      auto& list = events[row.value("table_key", "")];
      if (list.is_null()) list = Json::array();
      list.push_back(copqEventJson(row));
    }
  }
  Json tables = Json::array();
  for (const auto& row : store_.query(
           std::string("SELECT table_key, min(table_fqn) AS table_fqn, ") + kCopqSums +
               " FROM observability_copq_events WHERE occurred_at >= ? GROUP BY table_key ORDER "
               "BY total DESC, table_key",
           {since})) {
    auto t = copqTotals(row);
    t["table_fqn"] = row["table_fqn"];
    if (withEvents) {
      const auto it = events.find(row.value("table_key", ""));
      t["cost_events"] = it == events.end() ? Json::array() : it->second;
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

Json CopqStore::weekly(std::chrono::system_clock::time_point from,
                       std::chrono::system_clock::time_point to) const {
  std::map<std::string, Json> found;
  // date(day, '-6 days', 'weekday 1') is the Monday on or before day.
  for (const auto& row : store_.query(
           std::string("SELECT date(substr(occurred_at, 1, 10), '-6 days', 'weekday 1') AS "
                       "week_start, ") +
               kCopqSums +
               " FROM observability_copq_events WHERE occurred_at >= ? AND occurred_at <= ? "
               "GROUP BY week_start",
           {isoUtc(from), isoUtc(to)})) {
    found[jsonText(row["week_start"])] = row;
  }
  Json weeks = Json::array();
  std::int64_t events = 0, totalCents = 0;
  for (auto monday = copqMondayOf(from); monday <= copqMondayOf(to);
       monday += std::chrono::days{7}) {
    const auto start = copqDayText(monday);
    const auto it = found.find(start);
    const auto& row = it == found.end() ? Json::object() : it->second;
    events += copqCentsIn(row, "n");
    totalCents += copqCentsIn(row, "total");
    auto w = copqTotals(row);
    w["week_start"] = start;
    weeks.push_back(std::move(w));
  }
  return {
      {"weeks", std::move(weeks)}, {"events", events}, {"total_cost", centsToAmount(totalCents)}};
}

}  // namespace clxs::observability
