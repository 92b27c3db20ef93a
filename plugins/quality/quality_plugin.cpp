// The quality plugin: DQX checks and the original's rules compiled to SQL and run as one scan
// per table (Governance › DQX and DQ rules), kept in the plugin's SQLite tables with their
// runs and change log.
#include <memory>

#include "clxs/credentials.hpp"
#include "clxs/event_types.hpp"
#include "clxs/events.hpp"
#include "clxs/plugin.hpp"
#include "clxs/services.hpp"
#include "clxs/services/check_runner.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/services/quality_gate.hpp"
#include "clxs/store.hpp"
#include "plugins/quality/check_exchange_routes.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/check_runner_service.hpp"
#include "plugins/quality/cross_table_check.hpp"
#include "plugins/quality/dq_rules_routes.hpp"
#include "plugins/quality/dqx_admin_routes.hpp"
#include "plugins/quality/dqx_routes.hpp"
#include "plugins/quality/nl_routes.hpp"
#include "plugins/quality/profile_routes.hpp"
#include "plugins/quality/quality_catalog_service.hpp"
#include "plugins/quality/quality_schedules.hpp"
#include "plugins/quality/quality_settings.hpp"
#include "plugins/quality/rule_repository.hpp"
#include "plugins/quality/sampling_routes.hpp"
#include "plugins/quality/scope_profile_routes.hpp"
#include "plugins/quality/segment_routes.hpp"
#include "plugins/quality/suite_routes.hpp"
#include "plugins/quality/suite_runner.hpp"

namespace clxs::quality {

/// Registers the routes and provides the quality gate and catalog on start; runs answer
/// synchronously, so stop() is empty.
class QualityPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "quality", "0.1.0",
      "Data quality: DQX checks compiled to SQL, run as one scan per table, with results and "
      "a change log, suites and the quality gate",
      "", "quality.gate,quality.catalog,quality.checks"};

  void start(Host& host) override {
    auto migrations = CheckRepository::migrations();
    for (auto& m : RuleRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : SuiteRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : QualitySettings::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CheckRepository::segmentMigrations()) migrations.push_back(std::move(m));
    for (auto& m : ProfileRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CheckRepository::sampleMigrations()) migrations.push_back(std::move(m));
    for (auto& m : QualitySchedules::migrations()) migrations.push_back(std::move(m));
    host.store().migrate(migrations);
    auto checks = std::make_shared<CheckRepository>(host.store());
    // Every check of every stored run, passes included, for whoever tracks failures (the
    // observability plugin's incidents).
    checks->setRunListener([&host](const RunRecord& run) {
      for (const auto& c : run.counts.checks) {
        host.events().publish(events::CheckResult{
            "dqx", run.tableFqn, c.checkId, c.name, std::string(criticalityName(c.criticality)),
            c.failedRows == 0, c.failedRows, run.counts.inputRows, run.runId, run.executedBy,
            run.executedAt});
      }
    });
    auto rules = std::make_shared<RuleRepository>(host.store());
    // Every rule result too, as the check it runs as; a result the table could not be read
    // for says nothing about its rows and is left out.
    rules->setResultListener([&host](const Json& r) {
      if (!r.value("error", Json()).is_null()) return;
      host.events().publish(events::CheckResult{
          "dq_rule", r.value("table_fqn", ""), r.value("rule_id", ""), r.value("rule_name", ""),
          r.value("severity", "") == "critical" ? "error" : "warn", r.value("passed", false),
          r.value("failed_rows", 0LL), r.value("total_rows", 0LL), r.value("run_id", ""),
          r.value("executed_by", ""), r.value("executed_at", "")});
    });
    auto suites = std::make_shared<SuiteRepository>(host.store());
    auto runner = std::make_shared<SuiteRunner>(checks, rules, suites);
    auto settings = std::make_shared<QualitySettings>(host.store());
    registerDqxRoutes(host.routes(), checks, settings, host.clock());
    registerCheckExchangeRoutes(host.routes(), checks, host.clock());
    auto profiles = std::make_shared<ProfileRepository>(host.store());
    registerDqxAdminRoutes(host.routes(), checks, settings, profiles, host.jobs(), host.clock());
    registerDqRuleRoutes(host.routes(), rules, host.clock());
    registerCrossTableCheckRoute(host.routes());
    registerNlRoutes(host.routes());
    registerSuiteRoutes(host.routes(), suites, runner, host.clock());
    registerSamplingRoutes(host.routes());
    registerSegmentRoutes(host.routes(), checks, host.clock());
    registerProfileRoutes(host.routes(), profiles, checks, settings, host.clock());
    registerScopeProfileRoutes(host.routes(), {profiles, checks, settings, &host.jobs(),
                                               &host.clock(), host.dataDir() / "reports"});
    // Scheduled runs use the server's own workspace (the configured one, else local).
    auto schedules = std::make_shared<QualitySchedules>(ScheduleDeps{
        &host.store(), &host.scheduler(), &host.jobs(), &host.clock(),
        [&host] { return host.workspace(Credentials{}); }, checks, suites, runner, settings});
    schedules->start();
    schedules->registerRoutes(host.routes());
    host.services().provide<services::QualityGate>(runner);
    // What is checked where, for coverage.
    host.services().provide<services::QualityCatalog>(
        std::make_shared<QualityCatalogService>(checks, rules));
    // Checks from other plugins (data contracts) run through this engine, nothing stored.
    host.services().provide<services::CheckRunner>(std::make_shared<CheckRunnerService>());
  }
};

}  // namespace clxs::quality

CLXS_PLUGIN(clxs::quality::QualityPlugin)
