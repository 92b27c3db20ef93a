#include "plugins/quality/dqx_admin_routes.hpp"

#include <map>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_run.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/response_models.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

struct ConfigureBody {
  std::string clusterId;
  bool serverless = true;
  static const Schema<ConfigureBody>& schema() {
    static const auto s =
        Schema<ConfigureBody>("DqxSparkConfigure")
            .field("cluster_id", &ConfigureBody::clusterId, "Kept for the original's clients")
            .field("serverless", &ConfigureBody::serverless,
                   Field::boolean().defaultsTo(true).describe("Kept for the original's clients"));
    return s;
  }
};

// What the original's spark-status answered, for an engine that needs no Spark.
Json engineStatus(const Json& settings) {
  return Json{{"available", true},
              {"engine", "sql"},
              {"spark_required", false},
              {"cluster_id", settings.value("spark_cluster_id", Json())},
              {"serverless", settings.value("spark_serverless", true)},
              {"session_active", false},
              {"connect_installed", false},
              {"error", nullptr},
              {"message",
               "Checks compile to SQL and run on the workspace's SQL engine (the local engine "
               "or a SQL warehouse); no Spark session is needed."}};
}

Model engineModel() {
  return Model("DqxEngineStatus")
      .field("available", Field::boolean().describe("Checks can run"))
      .field("engine", Field::string().describe("sql: checks run as SQL"))
      .field("spark_required", Field::boolean().describe("Always false"))
      .field("cluster_id", Field::string().nullable().describe("As configured"))
      .field("serverless", Field::boolean().describe("As configured"))
      .field("session_active", Field::boolean().describe("Always false (no Spark session)"))
      .field("connect_installed", Field::boolean().describe("Always false"))
      .field("error", Field::string().nullable().describe("Always null"))
      .field("message", Field::string().describe("How checks run"));
}

}  // namespace

Json runAllTables(Workspace& ws, CheckRepository& checks, double passRateThreshold,
                  std::int64_t samplesPerCheck, const std::string& user, const std::string& at,
                  JobContext* ctx) {
  std::map<std::string, std::vector<Check>> byTable;
  for (const auto& s : checks.list("")) {
    if (s.check.enabled) byTable[s.check.tableFqn].push_back(s.check);
  }
  Json results = Json::array();
  std::int64_t passed = 0, failed = 0, errors = 0, done = 0;
  for (const auto& [table, tableChecks] : byTable) {
    if (ctx != nullptr) {
      ctx->checkCancelled();
      ctx->progress(done, static_cast<std::int64_t>(byTable.size()), table);
    }
    CallOptions call;
    if (ctx != nullptr) call.cancel = &ctx->cancellation();
    try {
      const RunRecord run =
          runAndRecord(ws, checks, table, tableChecks, samplesPerCheck, call, user, at);
      Json r = runJson(run);
      const bool ok = r["pass_rate"].get<double>() >= passRateThreshold;
      r["passed"] = ok;
      (ok ? passed : failed) += 1;
      results.push_back(std::move(r));
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& e) {
      ++errors;
      results.push_back(Json{{"table_fqn", table}, {"passed", false}, {"error", e.what()}});
    }
    ++done;
  }
  if (ctx != nullptr) {
    ctx->progress(done, static_cast<std::int64_t>(byTable.size()));
  }
  return Json{{"tables_checked", static_cast<std::int64_t>(byTable.size())},
              {"passed", passed},
              {"failed", failed},
              {"errors", errors},
              {"pass_rate_threshold", passRateThreshold},
              {"results", results}};
}

void registerDqxAdminRoutes(Routes& routes, std::shared_ptr<CheckRepository> checks,
                            std::shared_ptr<QualitySettings> settings,
                            std::shared_ptr<ProfileRepository> profiles, Jobs& jobs,
                            const Clock& clock) {
  const Clock* clk = &clock;
  Jobs* queue = &jobs;
  const std::string base = "/api/governance/dqx";

  routes.get(base + "/spark-status")
      .summary("How checks run")
      .description(
          "Checks compile to SQL and run on the workspace's SQL engine, so no Spark is "
          "needed; answers in the original's shape with engine: sql.")
      .returns(engineModel())
      .handle([settings](const Request&) { return engineStatus(settings->get()); });

  routes.post(base + "/spark-configure")
      .summary("Keep the original's compute settings")
      .description(
          "Stores cluster_id and serverless for the original's clients; checks still "
          "run as SQL. Answers the engine status.")
      .body<ConfigureBody>()
      .returns(engineModel())
      .mutates()
      .handle([settings](const Request&, const ConfigureBody& b) {
        settings->put(Json{{"spark_cluster_id", b.clusterId.empty() ? Json() : Json(b.clusterId)},
                           {"spark_serverless", b.serverless}});
        return engineStatus(settings->get());
      });

  routes.get(base + "/dashboard")
      .summary("Data-quality dashboard")
      .description(
          "total_checks, enabled_checks, tables_monitored, the newest run of each table and "
          "overall_pass_rate (valid rows over rows read, over those runs; null before any "
          "run).")
      .returns(Model("DqxDashboard")
                   .field("total_checks", Field::integer().describe("Checks"))
                   .field("enabled_checks", Field::integer().describe("Enabled checks"))
                   .field("tables_monitored", Field::integer().describe("Tables with checks"))
                   .field("profiled_tables", Field::integer().describe("Tables profiled"))
                   .field("overall_pass_rate",
                          Field::number().nullable().describe("Valid rows in %, newest runs"))
                   .field("latest_runs", Field::array(Field::object()).describe("Newest runs"))
                   .field("dqx_available", Field::boolean().describe("Always true")))
      .handle([checks, profiles](const Request&) {
        std::int64_t total = 0, enabled = 0, tables = 0;
        for (const auto& t : checks->tableSummary()) {
          ++tables;
          total += t["checks"].get<std::int64_t>();
          enabled += t["enabled"].is_number_integer() ? t["enabled"].get<std::int64_t>() : 0;
        }
        const auto latest = checks->latestRuns();
        double valid = 0, input = 0;
        for (const auto& r : latest) {
          valid += numberOf(r.value("valid_rows", Json()), 0);
          input += numberOf(r.value("input_rows", Json()), 0);
        }
        return Json{{"total_checks", total},
                    {"enabled_checks", enabled},
                    {"tables_monitored", tables},
                    {"profiled_tables", profiles->profiledTables()},
                    {"overall_pass_rate",
                     latest.empty() ? Json() : Json(input == 0 ? 100.0 : 100.0 * valid / input)},
                    {"latest_runs", latest},
                    {"dqx_available", true}};
      });

  routes.post(base + "/run-all")
      .summary("Run every monitored table's checks")
      .description(
          "A job: each table with enabled checks is measured in one query and its run stored; "
          "a table passes at the settings' pass_rate_threshold. Follow it at "
          "GET /api/clone/{job_id}.")
      .returns(Model("DqxRunAllQueued")
                   .field("job_id", Field::string().describe("Follow at /api/clone/{job_id}"))
                   .field("status", Field::string().describe("queued"))
                   .field("message", Field::string().describe("What was queued")))
      .mutates()
      .handle([checks, settings, queue, clk](const Request& req) {
        auto ws = req.workspace();
        const std::string user = ws->identity().currentUser({});
        // None named and none or several warehouses to choose from is a 400 now, not in the job.
        (void)ws->sql().warehouse({});
        const Json config = settings->get();
        const double threshold = numberOf(config.value("pass_rate_threshold", Json()), 95);
        const auto perCheck = settings->samplesPerCheck();
        const std::string at = isoUtc(clk->now());
        const std::string id =
            queue->submit(JobSpec{.type = "quality.run_all"},
                          [ws, checks, threshold, perCheck, user, at](JobContext& ctx) {
                            return JobOutcome::completed(
                                runAllTables(*ws, *checks, threshold, perCheck, user, at, &ctx));
                          });
        return Json{{"job_id", id},
                    {"status", "queued"},
                    {"message", "Running the checks of every monitored table"}};
      });

  routes.post(base + "/clear-all")
      .summary("Clear all DQX data")
      .description(
          "Deletes every DQX check (each deletion recorded in the audit log), run result, "
          "failure sample, segmented run, stored profile and suggested rule. Needs "
          "confirm_destructive: true (422 otherwise). Legacy rules, suites, schedules and "
          "settings stay.")
      .body(Model("DqxClearAll")
                .field("confirm_destructive",
                       Field::boolean().describe("Must be true: nothing can be undone")))
      .mutates()
      .returns(Model("DqxCleared")
                   .field("cleared", Field::array(Field::string()).describe("Tables emptied"))
                   .field("rows", Field::object().describe("Rows deleted, by table"))
                   .field("checks_deleted", Field::integer().describe("Checks deleted")))
      .handle([checks, profiles, clk](const Request& req) {
        if (req.body().value("confirm_destructive", false) != true) {
          throw unprocessable(Json::array({"body", "confirm_destructive"}),
                              "Clearing all DQX data needs confirm_destructive: true",
                              "value_error");
        }
        const std::string user = req.workspace()->identity().currentUser({});
        std::vector<std::string> ids;
        for (const auto& c : checks->list("")) ids.push_back(c.check.id);
        const std::int64_t deleted = checks->remove(ids, user, isoUtc(clk->now()));
        Json rows = checks->clearResults();
        const Json profileRows = profiles->clear();
        for (const auto& [table, n] : profileRows.items()) rows[table] = n;
        rows["quality_checks"] = deleted;
        Json cleared = Json::array();
        for (const auto& [table, n] : rows.items()) cleared.push_back(table);
        return Json{{"cleared", cleared}, {"rows", rows}, {"checks_deleted", deleted}};
      });

  routes.get("/api/data-quality/dqx-settings")
      .summary("Data-quality settings")
      .returns(QualitySettings::model())
      .handle([settings](const Request&) { return settings->get(); });

  routes.put("/api/data-quality/dqx-settings")
      .summary("Change data-quality settings")
      .description(
          "Changes the settings the body names (each validated: 422 out of range); the "
          "others stay. Answers every setting.")
      .body(QualitySettings::model())
      .returns(QualitySettings::model())
      .mutates()
      .handle([settings](const Request& req) { return settings->put(req.body()); });
}

}  // namespace clxs::quality
