// The observability plugin: freshness and volume of the tables of a workspace, measured from
// Delta metadata (history, statistics) rather than by scanning data.
#include <memory>

#include "clxs/credentials.hpp"
#include "clxs/plugin.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/anomaly_detector.hpp"
#include "plugins/observability/anomaly_routes.hpp"
#include "plugins/observability/anomaly_settings.hpp"
#include "plugins/observability/check_evidence_store.hpp"
#include "plugins/observability/copq_config.hpp"
#include "plugins/observability/copq_routes.hpp"
#include "plugins/observability/copq_store.hpp"
#include "plugins/observability/correlation_routes.hpp"
#include "plugins/observability/correlation_store.hpp"
#include "plugins/observability/coverage_routes.hpp"
#include "plugins/observability/coverage_store.hpp"
#include "plugins/observability/freshness_routes.hpp"
#include "plugins/observability/health_routes.hpp"
#include "plugins/observability/impact.hpp"
#include "plugins/observability/incident_routes.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/metric_store.hpp"
#include "plugins/observability/monitor_store.hpp"
#include "plugins/observability/monitoring.hpp"
#include "plugins/observability/observability_routes.hpp"
#include "plugins/observability/system_table_scan.hpp"
#include "plugins/observability/table_scorecard.hpp"
#include "plugins/observability/trust_routes.hpp"
#include "plugins/observability/trust_store.hpp"
#include "plugins/observability/volume_routes.hpp"
#include "plugins/observability/volume_store.hpp"

namespace clxs::observability {

/// Registers the routes, the incident subscriptions and the monitoring schedule, all of which
/// end with the plugin; monitoring runs are kernel jobs, so stop() is empty.
class ObservabilityPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "observability",
      "0.1.0",
      "Observability: table freshness from the last data commit and cadence, row counts from "
      "Delta statistics with snapshots over time, metrics judged against robust baselines, "
      "incidents from every failing source, their impact downstream and their correlation "
      "along lineage, the scores built on them (health, trust, coverage) and the cost of poor "
      "quality",
      "",
      nullptr,
      "lineage.graph,quality.catalog"};

  void start(Host& host) override {
    auto migrations = VolumeStore::migrations();
    for (auto& m : MetricStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : AnomalySettings::migrations()) migrations.push_back(std::move(m));
    for (auto& m : IncidentStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : MonitorStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CorrelationStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CopqStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CheckEvidenceStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : TrustStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CoverageStore::migrations()) migrations.push_back(std::move(m));
    host.store().migrate(migrations);
    auto metrics = std::make_shared<MetricStore>(host.store());
    auto settings = std::make_shared<AnomalySettings>(host.store());
    auto incidents = std::make_shared<IncidentStore>(host.store());
    auto detector = std::make_shared<AnomalyDetector>(metrics, settings, incidents);
    registerFreshnessRoutes(host.routes(), host.clock());
    auto volumes = std::make_shared<VolumeStore>(host.store());
    registerVolumeRoutes(host.routes(), volumes, detector, host.clock());
    registerSystemTableRoute(host.routes(), settings, volumes, host.clock());
    registerAnomalyRoutes(host.routes(), detector, metrics, settings, host.clock());
    registerIncidentRoutes(host.routes(), incidents, host.clock());
    registerHealthRoutes(host.routes(), incidents, host.clock());
    registerScorecardRoute(host.routes(), metrics, incidents, host.clock());
    registerImpactRoute(host.routes(), host.services(), incidents, host.clock());
    registerCorrelationRoutes(host.routes(), host.services(), incidents,
                              std::make_shared<CorrelationStore>(host.store()), host.clock());
    subscribeIncidentFeeds(host.events(), host.log(), incidents);
    auto monitors = std::make_shared<MonitorStore>(host.store());
    registerObservabilityRoutes(host.routes(), host.services(), {incidents, metrics, monitors},
                                host.clock());
    // Scheduled runs use the server's own workspace (the configured one, else local).
    auto monitoring = std::make_shared<Monitoring>(
        MonitoringDeps{monitors, detector, incidents, &host.jobs(), &host.scheduler(),
                       &host.clock(), [&host] { return host.workspace(Credentials{}); }});
    monitoring->registerRoutes(host.routes());
    monitoring->start();
    registerCopqRoutes(host.routes(),
                       CopqDeps{std::make_shared<CopqStore>(host.store()),
                                std::make_shared<CopqConfig>(host.store()), incidents, &host.jobs(),
                                &host.services(), &host.clock()});
    // Trust and coverage: the latest result of every check is kept as their evidence; the
    // lineage and quality catalog services are asked for at request time, when present.
    auto evidence = std::make_shared<CheckEvidenceStore>(host.store());
    subscribeCheckEvidence(host.events(), host.log(), evidence);
    registerTrustRoutes(host.routes(),
                        TrustDeps{std::make_shared<TrustStore>(host.store()), evidence, incidents,
                                  &host.jobs(), &host.services(), &host.clock()});
    registerCoverageRoutes(host.routes(),
                           CoverageDeps{std::make_shared<CoverageStore>(host.store()),
                                        std::make_shared<MonitorStore>(host.store()), &host.jobs(),
                                        &host.services(), &host.clock()});
  }
};

}  // namespace clxs::observability

CLXS_PLUGIN(clxs::observability::ObservabilityPlugin)
