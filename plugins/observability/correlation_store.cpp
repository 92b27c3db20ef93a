#include "plugins/observability/correlation_store.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "clxs/clock.hpp"
#include "clxs/id.hpp"

namespace clxs::observability {
namespace {

std::string memberKey(const CorrelationGroup& g) {
  std::vector<std::string> ids;
  for (const auto& m : g.members) ids.push_back(m.id);
  std::sort(ids.begin(), ids.end());
  std::string key;
  for (const auto& id : ids) key += (key.empty() ? "" : ",") + id;
  return key;
}

double minutesBetween(const std::string& from, const std::string& to) {
  const auto a = parseIsoUtc(from), b = parseIsoUtc(to);
  if (!a || !b) return 0;
  return std::round(std::chrono::duration<double>(*b - *a).count() / 6) / 10;
}

Json groupJson(const Json& row) {
  Json out{{"group_id", row["id"]},
           {"window_minutes", row["window_minutes"]},
           {"root_table", row["root_table"]},
           {"root_incident_id", row["root_incident_id"]},
           {"score", row["score"]},
           {"reason", row["reason"]},
           {"member_count", row["member_count"]},
           {"tables", Json::parse(row.value("tables", "[]"))},
           {"first_at", row["first_at"]},
           {"last_at", row["last_at"]},
           {"created_at", row["created_at"]},
           {"updated_at", row["updated_at"]}};
  return out;
}

}  // namespace

std::vector<Migration> CorrelationStore::migrations() {
  return {{23,
           "CREATE TABLE observability_anomaly_groups ("
           "  id TEXT PRIMARY KEY, member_key TEXT NOT NULL UNIQUE, window_minutes INTEGER NOT "
           "NULL, root_table TEXT NOT NULL, root_incident_id TEXT NOT NULL, score REAL NOT NULL,"
           "  reason TEXT NOT NULL, member_count INTEGER NOT NULL, tables TEXT NOT NULL,"
           "  edges TEXT NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,"
           "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
           "CREATE INDEX observability_anomaly_groups_last ON observability_anomaly_groups("
           "last_at);"
           "CREATE TABLE observability_anomaly_group_members ("
           "  group_id TEXT NOT NULL, incident_id TEXT NOT NULL, table_fqn TEXT NOT NULL,"
           "  kind TEXT NOT NULL, severity TEXT NOT NULL, title TEXT NOT NULL, at TEXT NOT NULL,"
           "  is_root INTEGER NOT NULL, PRIMARY KEY (group_id, incident_id));"}};
}

std::vector<Json> CorrelationStore::save(const std::vector<CorrelationGroup>& groups,
                                         int windowMinutes, const std::string& at) {
  std::vector<Json> out;
  for (const auto& g : groups) {
    const auto key = memberKey(g);
    const auto existing =
        store_.query("SELECT id FROM observability_anomaly_groups WHERE member_key = ?", {key});
    const auto id = existing.empty() ? newUuid() : existing[0].value("id", "");
    std::vector<std::string> tables;
    for (const auto& m : g.members) {
      if (std::find(tables.begin(), tables.end(), m.tableFqn) == tables.end())
        tables.push_back(m.tableFqn);
    }
    Json edges = Json::array();
    for (const auto& e : g.edges)
      edges.push_back({{"upstream", e.upstream}, {"downstream", e.downstream}, {"hops", e.hops}});
    store_.execute(
        "INSERT INTO observability_anomaly_groups (id, member_key, window_minutes, root_table, "
        "root_incident_id, score, reason, member_count, tables, edges, first_at, last_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
        "CONFLICT(member_key) DO UPDATE SET window_minutes = excluded.window_minutes, "
        "root_table = excluded.root_table, root_incident_id = excluded.root_incident_id, score "
        "= excluded.score, reason = excluded.reason, edges = excluded.edges, updated_at = "
        "excluded.updated_at",
        {id, key, windowMinutes, g.rootTable, g.rootEventId, g.score, g.reason, g.members.size(),
         Json(tables).dump(), edges.dump(), isoUtc(g.members.front().at),
         isoUtc(g.members.back().at), at, at});
    store_.execute("DELETE FROM observability_anomaly_group_members WHERE group_id = ?", {id});
    for (const auto& m : g.members) {
      store_.execute(
          "INSERT INTO observability_anomaly_group_members (group_id, incident_id, table_fqn, "
          "kind, severity, title, at, is_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {id, m.id, m.tableFqn, m.kind, m.severity, m.title, isoUtc(m.at),
           m.id == g.rootEventId ? 1 : 0});
    }
    out.push_back(*find(id));
  }
  return out;
}

std::vector<Json> CorrelationStore::list(const std::string& since, std::int64_t limit) const {
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT * FROM observability_anomaly_groups WHERE last_at >= ? ORDER BY last_at DESC "
           "LIMIT ?",
           {since, limit})) {
    out.push_back(groupJson(row));
  }
  return out;
}

std::optional<Json> CorrelationStore::find(const std::string& id) const {
  const auto rows = store_.query("SELECT * FROM observability_anomaly_groups WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  auto out = groupJson(rows[0]);
  out["edges"] = Json::parse(rows[0].value("edges", "[]"));
  const auto first = rows[0].value("first_at", "");
  Json members = Json::array();
  // Per table: its first and last event and how long after the group's start it failed.
  std::map<std::string, Json> timeline;
  std::vector<std::string> order;
  for (const auto& m : store_.query(
           "SELECT * FROM observability_anomaly_group_members WHERE group_id = ? ORDER BY at, "
           "incident_id",
           {id})) {
    const auto at = m.value("at", "");
    const auto table = m.value("table_fqn", "");
    members.push_back({{"incident_id", m["incident_id"]},
                       {"table_fqn", table},
                       {"kind", m["kind"]},
                       {"severity", m["severity"]},
                       {"title", m["title"]},
                       {"at", at},
                       {"offset_minutes", minutesBetween(first, at)},
                       {"is_root", m.value("is_root", 0) == 1}});
    auto [it, added] =
        timeline.try_emplace(table, Json{{"table_fqn", table},
                                         {"first_at", at},
                                         {"offset_minutes", minutesBetween(first, at)},
                                         {"events", 0}});
    if (added) order.push_back(table);
    it->second["last_at"] = at;
    it->second["events"] = it->second["events"].get<int>() + 1;
  }
  out["members"] = members;
  Json line = Json::array();
  for (const auto& t : order) line.push_back(timeline[t]);
  out["timeline"] = line;
  return out;
}

std::vector<Json> CorrelationStore::rootCauses(const std::string& since, std::int64_t limit) const {
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT root_table, count(*) AS groups, sum(member_count) - count(*) AS "
           "other_failures, max(last_at) AS last_seen_at, json_group_array(id) AS ids FROM "
           "observability_anomaly_groups WHERE last_at >= ? GROUP BY root_table ORDER BY "
           "groups DESC, other_failures DESC, last_seen_at DESC LIMIT ?",
           {since, limit})) {
    out.push_back({{"table_fqn", row["root_table"]},
                   {"groups", row["groups"]},
                   {"other_failures", row["other_failures"]},
                   {"last_seen_at", row["last_seen_at"]},
                   {"group_ids", Json::parse(row.value("ids", "[]"))}});
  }
  return out;
}

}  // namespace clxs::observability
