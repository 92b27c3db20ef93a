#include "plugins/observability/monitor_store.hpp"

#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

std::vector<std::string> strings(const Json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& s : v) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

MonitorConfig fromRow(const Json& row) {
  MonitorConfig c;
  c.id = row.value("id", "");
  c.tableFqn = row.value("table_fqn", "");
  c.metrics = strings(Json::parse(row.value("metrics", "[]"), nullptr, false));
  c.columns = strings(Json::parse(row.value("columns", "[]"), nullptr, false));
  c.frequency = row.value("frequency", "daily");
  c.autoBaseline = row.value("auto_baseline", 1) != 0;
  c.baselineDays = row.value("baseline_days", std::int64_t{30});
  c.enabled = row.value("enabled", 1) != 0;
  c.createdBy = row.value("created_by", "");
  c.createdAt = row.value("created_at", "");
  c.updatedAt = row.value("updated_at", "");
  auto text = [&](const char* k) { return row[k].is_string() ? row[k].get<std::string>() : ""; };
  c.lastRunAt = text("last_run_at");
  c.lastStatus = text("last_status");
  c.lastError = text("last_error");
  return c;
}

}  // namespace

std::int64_t frequencySeconds(const std::string& frequency) {
  if (frequency == "hourly") return 3600;
  if (frequency == "weekly") return 7 * 86400;
  return 86400;
}

std::vector<Migration> MonitorStore::migrations() {
  return {{5,
           "CREATE TABLE observability_monitors ("
           "  id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, table_key TEXT NOT NULL UNIQUE,"
           "  metrics TEXT NOT NULL, columns TEXT NOT NULL, frequency TEXT NOT NULL,"
           "  auto_baseline INTEGER NOT NULL, baseline_days INTEGER NOT NULL,"
           "  enabled INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
           "  updated_at TEXT NOT NULL, last_run_at TEXT, last_status TEXT, last_error TEXT);"}};
}

std::vector<MonitorConfig> MonitorStore::list() const {
  std::vector<MonitorConfig> out;
  for (const auto& row : store_.query("SELECT * FROM observability_monitors ORDER BY table_key"))
    out.push_back(fromRow(row));
  return out;
}

std::optional<MonitorConfig> MonitorStore::find(const std::string& id) const {
  const auto rows = store_.query("SELECT * FROM observability_monitors WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0]);
}

std::optional<MonitorConfig> MonitorStore::findByTable(const std::string& tableFqn) const {
  const auto rows = store_.query("SELECT * FROM observability_monitors WHERE table_key = ?",
                                 {lowerAscii(tableFqn)});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0]);
}

void MonitorStore::save(const MonitorConfig& c) {
  store_.execute(
      "INSERT INTO observability_monitors (id, table_fqn, table_key, metrics, columns, "
      "frequency, auto_baseline, baseline_days, enabled, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
      "metrics = excluded.metrics, columns = excluded.columns, frequency = excluded.frequency, "
      "auto_baseline = excluded.auto_baseline, baseline_days = excluded.baseline_days, "
      "enabled = excluded.enabled, updated_at = excluded.updated_at",
      {c.id, c.tableFqn, lowerAscii(c.tableFqn), Json(c.metrics).dump(), Json(c.columns).dump(),
       c.frequency, c.autoBaseline ? 1 : 0, c.baselineDays, c.enabled ? 1 : 0, c.createdBy,
       c.createdAt, c.updatedAt});
}

bool MonitorStore::remove(const std::string& id) {
  return store_.execute("DELETE FROM observability_monitors WHERE id = ?", {id}) > 0;
}

void MonitorStore::ran(const std::string& id, const std::string& at, const std::string& status,
                       const std::string& error) {
  store_.execute(
      "UPDATE observability_monitors SET last_run_at = ?, last_status = ?, last_error = ? WHERE "
      "id = ?",
      {at, status, error.empty() ? Json() : Json(error), id});
}

MonitorSchedulerSettings MonitorStore::scheduler() const {
  MonitorSchedulerSettings s;
  const auto rows =
      store_.query("SELECT value FROM observability_settings WHERE key = 'monitoring_scheduler'");
  if (rows.empty()) return s;
  const auto v = Json::parse(rows[0].value("value", "{}"), nullptr, false);
  if (!v.is_object()) return s;
  s.enabled = v.value("enabled", false);
  s.frequencyMinutes = v.value("frequency_minutes", std::int64_t{60});
  return s;
}

void MonitorStore::setScheduler(const MonitorSchedulerSettings& s) {
  store_.execute(
      "INSERT INTO observability_settings (key, value) VALUES ('monitoring_scheduler', ?) ON "
      "CONFLICT (key) DO UPDATE SET value = excluded.value",
      {Json{{"enabled", s.enabled}, {"frequency_minutes", s.frequencyMinutes}}.dump()});
}

Json monitorJson(const MonitorConfig& c) {
  auto text = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  return {{"config_id", c.id},
          {"id", c.id},
          {"table_fqn", c.tableFqn},
          {"metrics", c.metrics},
          {"columns", c.columns},
          {"frequency", c.frequency},
          {"auto_baseline", c.autoBaseline},
          {"baseline_days", c.baselineDays},
          {"enabled", c.enabled},
          {"created_by", c.createdBy},
          {"created_at", c.createdAt},
          {"updated_at", c.updatedAt},
          {"last_run_at", text(c.lastRunAt)},
          {"last_status", text(c.lastStatus)},
          {"last_error", text(c.lastError)}};
}

}  // namespace clxs::observability
