#include "plugins/governance/change_history.hpp"

namespace clxs::governance {

std::vector<Migration> ChangeHistory::migrations() {
  return {{1,
           "CREATE TABLE governance_changes (change_id INTEGER PRIMARY KEY AUTOINCREMENT, "
           "entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, "
           "changed_by TEXT NOT NULL, before_json TEXT, after_json TEXT, "
           "changed_at TEXT NOT NULL);"
           "CREATE INDEX governance_changes_entity ON governance_changes (entity_type, "
           "entity_id);"}};
}

std::int64_t ChangeHistory::record(const Change& change) {
  const auto text = [](const Json& j) { return j.is_null() ? Json() : Json(j.dump()); };
  const auto rows = store_.query(
      "INSERT INTO governance_changes (entity_type, entity_id, action, changed_by, before_json, "
      "after_json, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING change_id",
      {change.entityType, change.entityId, change.action, change.actor, text(change.before),
       text(change.after), change.at});
  return rows.at(0)["change_id"].get<std::int64_t>();
}

std::vector<Json> ChangeHistory::list(const ChangeFilter& filter) const {
  std::string sql =
      "SELECT change_id, entity_type, entity_id, action, changed_by, before_json, after_json, "
      "changed_at FROM governance_changes WHERE 1 = 1";
  std::vector<Json> params;
  const auto where = [&](const char* clause, const std::string& value) {
    if (value.empty()) return;
    sql += clause;
    params.emplace_back(value);
  };
  where(" AND entity_type = ?", filter.entityType);
  where(" AND entity_id = ?", filter.entityId);
  where(" AND changed_by = ?", filter.actor);
  where(" AND changed_at >= ?", filter.since);
  sql += " ORDER BY change_id DESC LIMIT ?";
  params.emplace_back(filter.limit);
  std::vector<Json> out;
  for (auto& r : store_.query(sql, params)) {
    const auto parsed = [&r](const char* column) {
      return r[column].is_string() ? Json::parse(r[column].get<std::string>()) : Json();
    };
    out.push_back(Json{{"change_id", r["change_id"]},
                       {"entity_type", r["entity_type"]},
                       {"entity_id", r["entity_id"]},
                       {"action", r["action"]},
                       {"changed_by", r["changed_by"]},
                       {"before", parsed("before_json")},
                       {"after", parsed("after_json")},
                       {"changed_at", r["changed_at"]}});
  }
  return out;
}

}  // namespace clxs::governance
