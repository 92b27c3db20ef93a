#include "plugins/clone/audit/audit_state.hpp"

#include "clxs/text.hpp"

namespace clxs::clone::audit {
namespace {

constexpr const char* kReadMarkerKey = "notifications_read_until";

}  // namespace

void ensureAuditState(Store& store) {
  // The clone plugin keeps one migration sequence; this part's versions are 300 and up.
  store.migrate(
      {{300,
        "CREATE TABLE clone_audit_targets ("
        " workspace_host TEXT NOT NULL, catalog TEXT NOT NULL, schema_name TEXT NOT NULL,"
        " warehouse_id TEXT, initialised_at TEXT NOT NULL,"
        " PRIMARY KEY (workspace_host, catalog, schema_name));"
        "CREATE TABLE clone_audit_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"}});
}

void saveTarget(Store& store, const AuditTarget& t, const std::string& initialisedAt) {
  store.execute(
      "INSERT OR REPLACE INTO clone_audit_targets (workspace_host, catalog, schema_name, "
      "warehouse_id, initialised_at) VALUES (?, ?, ?, ?, ?)",
      {t.workspaceHost, t.catalog, t.schema, t.warehouseId, initialisedAt});
}

std::vector<AuditTarget> targets(Store& store) {
  std::vector<AuditTarget> out;
  for (const auto& r : store.query(
           "SELECT * FROM clone_audit_targets ORDER BY initialised_at, catalog, schema_name")) {
    out.push_back({jsonText(r["catalog"]), jsonText(r["schema_name"]), jsonText(r["warehouse_id"]),
                   jsonText(r["workspace_host"])});
  }
  return out;
}

std::string readMarker(Store& store) {
  const auto rows =
      store.query("SELECT value FROM clone_audit_settings WHERE key = ?", {kReadMarkerKey});
  return rows.empty() ? std::string() : jsonText(rows[0]["value"]);
}

void advanceReadMarker(Store& store, const std::string& until) {
  if (until.empty()) return;
  store.execute(
      "INSERT INTO clone_audit_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
      "SET value = excluded.value WHERE excluded.value > clone_audit_settings.value",
      {kReadMarkerKey, until});
}

}  // namespace clxs::clone::audit
