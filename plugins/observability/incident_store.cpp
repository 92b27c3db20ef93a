#include "plugins/observability/incident_store.hpp"

#include <array>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

Json incidentJson(const Json& row) {
  Json out = row;
  out.erase("table_key");
  out["details"] = Json::parse(row.value("details", "{}"), nullptr, false);
  if (out["details"].is_discarded()) out["details"] = Json::object();
  return out;
}

}  // namespace

int severityRank(const std::string& severity) {
  static constexpr std::array<const char*, 4> kOrder{"low", "medium", "high", "critical"};
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    if (severity == kOrder[i]) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Migration> IncidentStore::migrations() {
  return {{4,
           "CREATE TABLE observability_incidents ("
           "  id TEXT PRIMARY KEY, source TEXT NOT NULL, table_fqn TEXT NOT NULL,"
           "  table_key TEXT NOT NULL, source_ref TEXT NOT NULL, severity TEXT NOT NULL,"
           "  status TEXT NOT NULL, title TEXT NOT NULL, details TEXT NOT NULL,"
           "  opened_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,"
           "  occurrences INTEGER NOT NULL DEFAULT 1, opened_by TEXT NOT NULL,"
           "  assignee TEXT, note TEXT, acknowledged_by TEXT, acknowledged_at TEXT,"
           "  resolved_by TEXT, resolved_at TEXT, resolution_reason TEXT);"
           // One unresolved incident per source, table and reference, whatever races.
           "CREATE UNIQUE INDEX observability_incidents_open ON observability_incidents("
           "source, table_key, source_ref) WHERE status <> 'resolved';"
           "CREATE INDEX observability_incidents_opened ON observability_incidents(opened_at);"}};
}

std::string IncidentStore::fail(const IncidentSignal& s) {
  const auto key = lowerAscii(s.tableFqn);
  const auto open = store_.query(
      "SELECT id, severity FROM observability_incidents WHERE source = ? AND table_key = ? AND "
      "source_ref = ? AND status <> 'resolved'",
      {s.source, key, s.sourceRef});
  if (!open.empty()) {
    const auto id = open[0].value("id", "");
    const auto current = open[0].value("severity", "");
    store_.execute(
        "UPDATE observability_incidents SET occurrences = occurrences + 1, last_seen_at = ?, "
        "details = ?, title = ?, severity = ? WHERE id = ?",
        {s.at, s.details.dump(), s.title,
         severityRank(s.severity) > severityRank(current) ? s.severity : current, id});
    return id;
  }
  const auto id = newUuid();
  store_.execute(
      "INSERT INTO observability_incidents (id, source, table_fqn, table_key, source_ref, "
      "severity, status, title, details, opened_at, last_seen_at, opened_by) VALUES (?, ?, ?, "
      "?, ?, ?, 'open', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {id, s.source, s.tableFqn, key, s.sourceRef, s.severity, s.title, s.details.dump(), s.at,
       s.at, s.by});
  // Lost a race with another report of the same failure: that one's incident counts it.
  if (!find(id)) return fail(s);
  return id;
}

bool IncidentStore::pass(const IncidentSignal& s) {
  return store_.execute(
             "UPDATE observability_incidents SET status = 'resolved', resolved_at = ?, "
             "resolved_by = ?, resolution_reason = ? WHERE source = ? AND table_key = ? AND "
             "source_ref = ? AND status <> 'resolved'",
             {s.at, s.by, "passed: " + s.title, s.source, lowerAscii(s.tableFqn), s.sourceRef}) > 0;
}

Json IncidentStore::acknowledge(const std::string& id, const std::string& by,
                                const std::string& assignee, const std::string& note,
                                const std::string& at) {
  const auto current = find(id);
  if (!current) throw notFound("Incident " + id + " not found");
  if ((*current)["status"] == "resolved")
    throw conflict("Incident " + id + " is resolved; nothing to acknowledge");
  store_.execute(
      "UPDATE observability_incidents SET status = 'acknowledged', acknowledged_by = ?, "
      "acknowledged_at = ?, assignee = coalesce(?, assignee), note = coalesce(?, note) WHERE "
      "id = ?",
      {by, at, assignee.empty() ? Json() : Json(assignee), note.empty() ? Json() : Json(note), id});
  return *find(id);
}

Json IncidentStore::resolve(const std::string& id, const std::string& by, const std::string& reason,
                            const std::string& at) {
  const auto current = find(id);
  if (!current) throw notFound("Incident " + id + " not found");
  if ((*current)["status"] == "resolved") throw conflict("Incident " + id + " is resolved already");
  store_.execute(
      "UPDATE observability_incidents SET status = 'resolved', resolved_by = ?, resolved_at = "
      "?, resolution_reason = ? WHERE id = ?",
      {by, at, reason, id});
  return *find(id);
}

std::optional<Json> IncidentStore::find(const std::string& id) const {
  const auto rows = store_.query("SELECT * FROM observability_incidents WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return incidentJson(rows[0]);
}

std::vector<Json> IncidentStore::list(std::int64_t limit, const std::string& status,
                                      const std::string& source) const {
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT * FROM observability_incidents WHERE (? = '' OR status = ?) AND (? = '' OR "
           "source = ?) ORDER BY last_seen_at DESC, opened_at DESC LIMIT ?",
           {status, status, source, source, limit})) {
    out.push_back(incidentJson(row));
  }
  return out;
}

std::vector<Json> IncidentStore::unresolvedIn(const std::string& catalog,
                                              const std::string& schema) const {
  // Names are compared by prefix on the lower-case key; LIKE's wildcards in a name are
  // escaped so that a catalog named a_b does not match axb.
  auto escaped = [](const std::string& s) {
    std::string out;
    for (char c : lowerAscii(s)) {
      if (c == '%' || c == '_' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  };
  const auto prefix = escaped(catalog) + "." + (schema.empty() ? "" : escaped(schema) + ".");
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT * FROM observability_incidents WHERE status <> 'resolved' AND table_key LIKE ? "
           "ESCAPE '\\' ORDER BY opened_at",
           {prefix + "%"})) {
    out.push_back(incidentJson(row));
  }
  return out;
}

std::vector<Json> IncidentStore::activeSince(const std::string& since) const {
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT * FROM observability_incidents WHERE resolved_at IS NULL OR resolved_at >= ? "
           "ORDER BY opened_at",
           {since})) {
    out.push_back(incidentJson(row));
  }
  return out;
}

Json IncidentStore::counts() const {
  Json out{{"open", 0}, {"acknowledged", 0}, {"resolved", 0}};
  for (const auto& row :
       store_.query("SELECT status, count(*) AS n FROM observability_incidents GROUP BY status")) {
    out[row.value("status", "open")] = row["n"];
  }
  return out;
}

}  // namespace clxs::observability
