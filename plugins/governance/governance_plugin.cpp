// The governance plugin: the business glossary, metadata search, certifications, SLA rules,
// ODCS data contracts, access policies and compliance frameworks, with one change history of
// every mutation made through them.
#include <memory>
#include <utility>

#include "clxs/credentials.hpp"
#include "clxs/plugin.hpp"
#include "clxs/services/access_policy.hpp"
#include "clxs/store.hpp"
#include "plugins/governance/access_policy_store.hpp"
#include "plugins/governance/certification_routes.hpp"
#include "plugins/governance/certification_service.hpp"
#include "plugins/governance/certification_store.hpp"
#include "plugins/governance/change_history.hpp"
#include "plugins/governance/change_routes.hpp"
#include "plugins/governance/compliance_catalogue.hpp"
#include "plugins/governance/compliance_routes.hpp"
#include "plugins/governance/compliance_store.hpp"
#include "plugins/governance/glossary_mirror.hpp"
#include "plugins/governance/glossary_routes.hpp"
#include "plugins/governance/glossary_store.hpp"
#include "plugins/governance/governance_deps.hpp"
#include "plugins/governance/governance_init_routes.hpp"
#include "plugins/governance/odcs_routes.hpp"
#include "plugins/governance/odcs_store.hpp"
#include "plugins/governance/rbac_routes.hpp"
#include "plugins/governance/search_routes.hpp"
#include "plugins/governance/sla_routes.hpp"
#include "plugins/governance/sla_service.hpp"
#include "plugins/governance/sla_store.hpp"

namespace clxs::governance {

/// Migrates the plugin's tables and registers each area's routes; every area records its
/// mutations in the shared change history.
class GovernancePlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "governance",
      "0.1.0",
      "Governance: a business glossary with approval, metadata search over every catalog, "
      "certifications with expiry, SLA rules measured from Delta metadata, ODCS v3 data "
      "contracts with revisions, access policies and compliance frameworks, and the history "
      "of every change made through them",
      "",
      services::AccessPolicy::kServiceName,
      "quality.checks,quality.catalog"};

  void start(Host& host) override {
    auto migrations = ChangeHistory::migrations();
    for (auto& m : GlossaryStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : GlossaryMirror::migrations()) migrations.push_back(std::move(m));
    for (auto&& m : CertificationStore::migrations()) migrations.push_back(std::move(m));
    for (auto&& m : SlaStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : ContractStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : AccessPolicyStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : ComplianceStore::migrations()) migrations.push_back(std::move(m));
    host.store().migrate(migrations);
    const GovernanceDeps deps{&host.store(),   std::make_shared<ChangeHistory>(host.store()),
                              &host.clock(),   &host.services(),
                              &host.jobs(),    &host.scheduler(),
                              &host.events(),  &host.log(),
                              &host.changes(), &host};
    // Each area registers its routes here: register<Area>Routes(host.routes(), deps).
    auto glossary = std::make_shared<GlossaryStore>(host.store());
    auto mirror = std::make_shared<GlossaryMirror>(host.store());
    registerInitRoutes(host.routes(), deps, glossary, mirror);
    registerGlossaryRoutes(host.routes(), deps, glossary, mirror);
    registerSearchRoutes(host.routes(), deps, glossary);
    registerChangeRoutes(host.routes(), deps);
    // Certifications expire on the scheduler; their tags are updated on the server's own
    // workspace (the configured one, else local).
    auto certifications = std::make_shared<CertificationService>(
        deps, [&host] { return host.workspace(Credentials{}); });
    registerCertificationRoutes(host.routes(), certifications);
    certifications->startExpiry(host.scheduler());
    registerSlaRoutes(host.routes(), std::make_shared<SlaService>(deps));
    registerOdcsRoutes(host.routes(), deps);
    auto policies = std::make_shared<AccessPolicyStore>(host.store());
    host.services().provide<services::AccessPolicy>(policies);
    registerRbacRoutes(host.routes(), deps, policies);
    registerComplianceRoutes(
        host.routes(), deps,
        {std::make_shared<const ComplianceCatalogue>(
             ComplianceCatalogue::parse(Json::parse(complianceCatalogueText()))),
         std::make_shared<ComplianceStore>(host.store()), policies});
  }
};

}  // namespace clxs::governance

CLXS_PLUGIN(clxs::governance::GovernancePlugin)
