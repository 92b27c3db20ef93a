#include "plugins/observability/monitoring.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/id.hpp"
#include "clxs/schema.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/field_health.hpp"
#include "plugins/observability/freshness_watch.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

constexpr const char* kSchedule = "monitoring";
constexpr std::chrono::seconds kMonitorRunDeadline{600};

Field metricsField() {
  std::vector<Json> names;
  for (const auto& m : fieldHealthMetrics()) names.emplace_back(m);
  return Field::array(Field::string().oneOf(names))
      .describe(
          "Metrics to take (default: all): row_count, null_pct, empty_pct, distinct_pct, min, max, "
          "mean, and freshness (the last data commit against the table's cadence; a breach "
          "opens a freshness incident)");
}

Field frequencyField() {
  return Field::string()
      .oneOf({"hourly", "daily", "weekly"})
      .describe("How often the scheduler measures it");
}

struct ConfigBody {
  std::string tableFqn;
  Json metrics;
  Json columns;
  std::string frequency;
  Json autoBaseline;
  Json baselineDays;
  Json enabled;
  static const Schema<ConfigBody>& schema() {
    static const auto s =
        Schema<ConfigBody>("MonitoringConfig")
            .field("table_fqn", &ConfigBody::tableFqn,
                   Field::string().maxLength(767).describe("catalog.schema.table"))
            .field("metrics", &ConfigBody::metrics, metricsField())
            .field("columns", &ConfigBody::columns,
                   Field::array(Field::string().maxLength(255))
                       .describe("Columns measured (default: every column)"))
            .field("frequency", &ConfigBody::frequency, frequencyField())
            .field("auto_baseline", &ConfigBody::autoBaseline,
                   Field::boolean().describe("Judge each value against its baseline"))
            .field("baseline_days", &ConfigBody::baselineDays,
                   Field::integer().min(1).max(365).describe("Kept for the original's clients"))
            .field("enabled", &ConfigBody::enabled, Field::boolean().describe("Taken by runs"));
    return s;
  }
};

struct BulkAddBody {
  std::vector<std::string> tableFqns;
  Json metrics;
  std::string frequency;
  static const Schema<BulkAddBody>& schema() {
    static const auto s =
        Schema<BulkAddBody>("MonitoringBulkAdd")
            .field("table_fqns", &BulkAddBody::tableFqns,
                   Field::array(Field::string().maxLength(767)).required().describe("Tables"))
            .field("metrics", &BulkAddBody::metrics, metricsField())
            .field("frequency", &BulkAddBody::frequency, frequencyField());
    return s;
  }
};

struct BulkDeleteBody {
  std::vector<std::string> configIds;
  static const Schema<BulkDeleteBody>& schema() {
    static const auto s =
        Schema<BulkDeleteBody>("MonitoringBulkDelete")
            .field("config_ids", &BulkDeleteBody::configIds,
                   Field::array(Field::string().maxLength(64)).required().describe("Monitors"));
    return s;
  }
};

std::vector<std::string> stringsOf(const Json& v) {
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const auto& s : v) out.push_back(s.get<std::string>());
  }
  return out;
}

// The table a monitor names, read from the workspace: 400 for a name that is not three
// parts, 404 for a table that does not exist.
TableInfo existingTable(Workspace& ws, const std::string& fqn, const CallOptions& options) {
  const auto name = tableNameOf(fqn);
  try {
    auto t = ws.catalog().table(name, options);
    if (t.catalog.empty()) t.catalog = name.catalog;
    if (t.schema.empty()) t.schema = name.schema;
    return t;
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::NotFound)
      throw notFound("Table '" + fqn + "' does not exist");
    throw;
  }
}

// Applies the fields a body sent to a monitor.
void apply(MonitorConfig& c, const ConfigBody& b) {
  if (b.metrics.is_array()) c.metrics = stringsOf(b.metrics);
  if (b.columns.is_array()) c.columns = stringsOf(b.columns);
  if (!b.frequency.empty()) c.frequency = b.frequency;
  if (b.autoBaseline.is_boolean()) c.autoBaseline = b.autoBaseline.get<bool>();
  if (b.baselineDays.is_number_integer()) c.baselineDays = b.baselineDays.get<std::int64_t>();
  if (b.enabled.is_boolean()) c.enabled = b.enabled.get<bool>();
  if (c.metrics.empty()) c.metrics = fieldHealthMetrics();
}

// Checks the columns a monitor names against its table.
void checkColumns(const TableInfo& t, const MonitorConfig& c) {
  for (const auto& wanted : c.columns) {
    if (std::none_of(t.columns.begin(), t.columns.end(),
                     [&](const ColumnInfo& col) { return sameName(col.name, wanted); })) {
      throw unprocessable(Json::array({"body", "columns"}),
                          "Column '" + wanted + "' does not exist in " + c.tableFqn);
    }
  }
}

Field configIdParam() {
  return Field::string().required().maxLength(64).describe("Monitor id");
}

Field frequencyMinutesParam(bool required) {
  auto f = Field::integer().min(1).max(1440).describe("Minutes between the scheduler's looks");
  if (required) return f.required();
  return f.defaultsTo(60);
}

}  // namespace

void Monitoring::start() {
  applySchedule();
}

void Monitoring::applySchedule() {
  const auto s = d_.store->scheduler();
  if (!s.enabled) {
    d_.scheduler->remove(kSchedule);
    return;
  }
  std::weak_ptr<Monitoring> self = weak_from_this();
  d_.scheduler->schedule(kSchedule, ScheduleSpec{"", s.frequencyMinutes * 60, "UTC"},
                         [self](const ScheduleFiring&) {
                           const auto m = self.lock();
                           if (!m) return;
                           m->submitRun(m->d_.workspace(), true, "scheduler");
                         });
}

Json Monitoring::schedulerJson() const {
  const auto s = d_.store->scheduler();
  Json out{{"enabled", s.enabled},
           {"frequency_minutes", s.frequencyMinutes},
           {"next_run_at", nullptr},
           {"last_run_at", nullptr}};
  for (const auto& entry : d_.scheduler->list()) {
    if (entry.value("name", "") != kSchedule) continue;
    if (s.enabled) out["next_run_at"] = entry.value("next_slot", Json());
    out["last_run_at"] = entry.value("last_slot", Json());
  }
  std::string last;
  for (const auto& c : d_.store->list()) last = std::max(last, c.lastRunAt);
  if (!last.empty()) out["last_monitor_run_at"] = last;
  return out;
}

std::string Monitoring::submitRun(std::shared_ptr<Workspace> ws, bool dueOnly,
                                  const std::string& user) {
  const auto now = d_.clock->now();
  std::vector<MonitorConfig> configs;
  for (auto& c : d_.store->list()) {
    if (!c.enabled) continue;
    if (dueOnly && !c.lastRunAt.empty()) {
      const auto last = parseIsoUtc(c.lastRunAt);
      if (last && now - *last < std::chrono::seconds(frequencySeconds(c.frequency))) continue;
    }
    configs.push_back(std::move(c));
  }
  auto self = shared_from_this();
  Json ids = Json::array();
  for (const auto& c : configs) ids.push_back(c.id);
  return d_.jobs->submit(
      JobSpec{.type = "observability.monitoring_run",
              .params = {{"config_ids", ids}, {"due_only", dueOnly}, {"started_by", user}}},
      [self, ws, configs, user](JobContext& ctx) {
        const auto& d = self->d_;
        CallOptions call;
        call.deadline = d.clock->steadyNow() + kMonitorRunDeadline;
        call.cancel = &ctx.cancellation();
        Json results = Json::array();
        std::int64_t done = 0, failed = 0, anomalies = 0;
        for (const auto& c : configs) {
          ctx.progress(done, static_cast<std::int64_t>(configs.size()), c.tableFqn);
          const auto at = isoUtc(d.clock->now());
          try {
            const auto table = existingTable(*ws, c.tableFqn, call);
            Json measured = Json::array();
            // A monitor of freshness alone reads the history and needs no scan.
            const bool scan =
                c.metrics.size() > 1 || c.metrics.empty() || c.metrics.front() != "freshness";
            for (auto m : scan ? measureFieldHealth(*ws, table, c.columns, c.metrics, call)
                               : std::vector<Measurement>{}) {
              m.measuredAt = at;
              m.measuredBy = user;
              auto judged = c.autoBaseline ? d.detector->record(m) : Json();
              if (judged.is_object() && judged.value("is_anomaly", false)) ++anomalies;
              measured.push_back({{"column_name", m.columnName},
                                  {"metric_name", m.metricName},
                                  {"value", m.value},
                                  {"severity", judged.is_object() ? judged["severity"] : Json()}});
            }
            if (std::find(c.metrics.begin(), c.metrics.end(), "freshness") != c.metrics.end()) {
              const auto f = watchFreshness(*ws, tableNameOf(c.tableFqn), *d.incidents,
                                            d.clock->now(), user, call);
              measured.push_back(
                  {{"column_name", "*"},
                   {"metric_name", "freshness"},
                   {"value", f["hours_since_update"]},
                   {"severity", f.value("breached", false)
                                    ? Json(f.value("is_stale", false) ? "high" : "medium")
                                    : Json()}});
            }
            d.store->ran(c.id, at, "ok", "");
            results.push_back({{"config_id", c.id},
                               {"table_fqn", c.tableFqn},
                               {"status", "ok"},
                               {"measurements", measured}});
          } catch (const JobCancelled&) {
            throw;
          } catch (const std::exception& e) {
            ++failed;
            d.store->ran(c.id, at, "error", e.what());
            ctx.log("monitor of " + c.tableFqn + " failed: " + e.what());
            results.push_back({{"config_id", c.id},
                               {"table_fqn", c.tableFqn},
                               {"status", "error"},
                               {"error", e.what()}});
          }
          ++done;
        }
        ctx.progress(done, static_cast<std::int64_t>(configs.size()));
        Json out{{"monitors_run", configs.size()},
                 {"failed", failed},
                 {"anomalies", anomalies},
                 {"results", results}};
        return failed > 0 ? JobOutcome::withErrors(std::move(out))
                          : JobOutcome::completed(std::move(out));
      });
}

void Monitoring::registerRoutes(Routes& routes) {
  auto self = shared_from_this();
  const std::string base = "/api/data-quality/monitoring";

  routes.get(base + "/configs")
      .summary("Table monitors")
      .returns(monitorListModel())
      .handle([self](const Request&) {
        Json list = Json::array();
        for (const auto& c : self->d_.store->list()) list.push_back(monitorJson(c));
        return Json{{"configs", list}, {"total", list.size()}};
      });

  routes.post(base + "/configs")
      .summary("Create or update a table's monitor")
      .returns(monitorModel())
      .description(
          "One monitor per table: a second POST for the same table updates it with the fields "
          "it sends. The table and the columns named must exist.")
      .body<ConfigBody>()
      .mutates()
      .handle([self](const Request& req, const ConfigBody& b) {
        if (b.tableFqn.empty())
          throw unprocessable(Json::array({"body", "table_fqn"}), "Field required", "missing");
        const auto& d = self->d_;
        auto ws = req.workspace();
        const auto call = callOptions(req, *d.clock, std::chrono::seconds(60));
        const auto table = existingTable(*ws, b.tableFqn, call);
        const auto now = isoUtc(d.clock->now());
        auto c = d.store->findByTable(b.tableFqn).value_or(MonitorConfig{});
        if (c.id.empty()) {
          c.id = newUuid();
          c.tableFqn = table.catalog + "." + table.schema + "." + table.name;
          c.createdBy = ws->identity().currentUser(call);
          c.createdAt = now;
        }
        apply(c, b);
        checkColumns(table, c);
        c.updatedAt = now;
        d.store->save(c);
        return monitorJson(*d.store->find(c.id));
      });

  routes.put(base + "/configs/{config_id}")
      .summary("Update a monitor")
      .returns(monitorModel())
      .description("Changes the fields the body sends; table_fqn cannot change.")
      .pathParam("config_id", configIdParam())
      .body<ConfigBody>()
      .mutates()
      .handle([self](const Request& req, const ConfigBody& b) {
        const auto& d = self->d_;
        auto c = d.store->find(req.param("config_id"));
        if (!c) throw notFound("Monitor " + req.param("config_id") + " not found");
        if (!b.tableFqn.empty() && lowerAscii(b.tableFqn) != lowerAscii(c->tableFqn)) {
          throw unprocessable(Json::array({"body", "table_fqn"}),
                              "A monitor's table cannot change; create one for " + b.tableFqn);
        }
        apply(*c, b);
        if (b.columns.is_array()) {
          auto ws = req.workspace();
          checkColumns(
              existingTable(*ws, c->tableFqn, callOptions(req, *d.clock, std::chrono::seconds(60))),
              *c);
        }
        c->updatedAt = isoUtc(d.clock->now());
        d.store->save(*c);
        return monitorJson(*d.store->find(c->id));
      });

  routes.del(base + "/configs/{config_id}")
      .summary("Delete a monitor")
      .returns(monitorDeletedModel())
      .pathParam("config_id", configIdParam())
      .mutates()
      .handle([self](const Request& req) {
        if (!self->d_.store->remove(req.param("config_id")))
          throw notFound("Monitor " + req.param("config_id") + " not found");
        return Json{{"status", "deleted"}, {"config_id", req.param("config_id")}};
      });

  routes.post(base + "/configs/{config_id}/toggle")
      .summary("Enable or disable a monitor")
      .returns(monitorModel())
      .pathParam("config_id", configIdParam())
      .mutates()
      .handle([self](const Request& req) {
        const auto& d = self->d_;
        auto c = d.store->find(req.param("config_id"));
        if (!c) throw notFound("Monitor " + req.param("config_id") + " not found");
        c->enabled = !c->enabled;
        c->updatedAt = isoUtc(d.clock->now());
        d.store->save(*c);
        return monitorJson(*c);
      });

  routes.post(base + "/bulk-add")
      .summary("Monitor several tables")
      .returns(monitorBulkAddModel())
      .description(
          "Creates a monitor for each table (or updates its metrics and frequency); a table "
          "that does not exist is listed in failed with the reason, the others are added.")
      .body<BulkAddBody>()
      .mutates()
      .handle([self](const Request& req, const BulkAddBody& b) {
        const auto& d = self->d_;
        auto ws = req.workspace();
        const auto call = callOptions(req, *d.clock, std::chrono::seconds(120));
        const auto user = ws->identity().currentUser(call);
        Json added = Json::array();
        Json updated = Json::array();
        Json failed = Json::array();
        for (const auto& fqn : b.tableFqns) {
          try {
            const auto table = existingTable(*ws, fqn, call);
            const auto now = isoUtc(d.clock->now());
            auto c = d.store->findByTable(fqn).value_or(MonitorConfig{});
            const bool fresh = c.id.empty();
            if (fresh) {
              c.id = newUuid();
              c.tableFqn = table.catalog + "." + table.schema + "." + table.name;
              c.createdBy = user;
              c.createdAt = now;
            }
            ConfigBody body;
            body.metrics = b.metrics;
            body.frequency = b.frequency;
            apply(c, body);
            c.updatedAt = now;
            d.store->save(c);
            (fresh ? added : updated).push_back(monitorJson(c));
          } catch (const HttpError& e) {
            failed.push_back({{"table_fqn", fqn}, {"error", e.what()}});
          }
        }
        return Json{{"added", added}, {"updated", updated}, {"failed", failed}};
      });

  routes.post(base + "/bulk-delete")
      .summary("Delete several monitors")
      .returns(monitorBulkDeleteModel())
      .body<BulkDeleteBody>()
      .mutates()
      .handle([self](const Request&, const BulkDeleteBody& b) {
        std::int64_t deleted = 0;
        Json notFoundIds = Json::array();
        for (const auto& id : b.configIds) {
          if (self->d_.store->remove(id)) {
            ++deleted;
          } else {
            notFoundIds.push_back(id);
          }
        }
        return Json{{"deleted", deleted}, {"not_found", notFoundIds}};
      });

  routes.get(base + "/discover/{catalog}")
      .summary("Tables that can be monitored")
      .returns(monitorDiscoverModel())
      .description("The catalog's tables (views left out) with whether each has a monitor.")
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([self](const Request& req) {
        auto ws = req.workspace();
        const auto call = callOptions(req, *self->d_.clock, std::chrono::seconds(120));
        std::map<std::string, std::string> monitored;
        for (const auto& c : self->d_.store->list()) monitored[lowerAscii(c.tableFqn)] = c.id;
        Json tables = Json::array();
        for (const auto& t :
             catalogTables(*ws, req.param("catalog"), queryText(req, "schema"), call)) {
          const auto fqn = fqnOf(t);
          const auto it = monitored.find(lowerAscii(fqn));
          tables.push_back({{"table_fqn", fqn},
                            {"table_type", t.tableType},
                            {"columns", t.columns.size()},
                            {"row_count", t.rowCount ? Json(*t.rowCount) : Json()},
                            {"monitored", it != monitored.end()},
                            {"config_id", it == monitored.end() ? Json() : Json(it->second)}});
        }
        return Json{
            {"catalog", req.param("catalog")}, {"tables", tables}, {"total", tables.size()}};
      });

  routes.post(base + "/run")
      .summary("Run every enabled monitor now")
      .returns(queuedJobModel())
      .description(
          "A job measuring each enabled monitor's table in one scan and judging every value "
          "(anomalies open incidents); follow it with GET /api/clone/{job_id}.")
      .mutates()
      .handle([self](const Request& req) {
        auto ws = req.workspace();
        const auto user =
            ws->identity().currentUser(callOptions(req, *self->d_.clock, std::chrono::seconds(30)));
        const auto id = self->submitRun(ws, false, user);
        return Json{{"job_id", id}, {"status", "queued"}};
      });

  routes.get(base + "/scheduler")
      .summary("The monitoring scheduler")
      .returns(monitorSchedulerModel())
      .handle([self](const Request&) { return self->schedulerJson(); });

  routes.post(base + "/scheduler/enable")
      .summary("Enable the monitoring scheduler")
      .returns(monitorSchedulerModel())
      .description(
          "Every frequency_minutes the scheduler runs the monitors that are due (their own "
          "frequency since their last run). Kept across restarts.")
      .query("frequency_minutes", frequencyMinutesParam(false))
      .mutates()
      .handle([self](const Request& req) {
        MonitorSchedulerSettings s{
            true, static_cast<std::int64_t>(queryNumber(req, "frequency_minutes", 60))};
        self->d_.store->setScheduler(s);
        self->applySchedule();
        return self->schedulerJson();
      });

  routes.post(base + "/scheduler/disable")
      .summary("Disable the monitoring scheduler")
      .returns(monitorSchedulerModel())
      .mutates()
      .handle([self](const Request&) {
        auto s = self->d_.store->scheduler();
        s.enabled = false;
        self->d_.store->setScheduler(s);
        self->applySchedule();
        return self->schedulerJson();
      });

  routes.put(base + "/scheduler/frequency")
      .summary("Change how often the scheduler looks for monitors due")
      .returns(monitorSchedulerModel())
      .query("frequency_minutes", frequencyMinutesParam(true))
      .mutates()
      .handle([self](const Request& req) {
        auto s = self->d_.store->scheduler();
        s.frequencyMinutes = static_cast<std::int64_t>(queryNumber(req, "frequency_minutes", 60));
        self->d_.store->setScheduler(s);
        self->applySchedule();
        return self->schedulerJson();
      });

  routes.post(base + "/scheduler/run-now")
      .summary("Run the monitors due now")
      .returns(queuedJobModel())
      .description("The scheduler's run, at once: a job over the enabled monitors that are due.")
      .mutates()
      .handle([self](const Request& req) {
        auto ws = req.workspace();
        const auto user =
            ws->identity().currentUser(callOptions(req, *self->d_.clock, std::chrono::seconds(30)));
        return Json{{"job_id", self->submitRun(ws, true, user)}, {"status", "queued"}};
      });
}

}  // namespace clxs::observability
