// The clone plugin: catalog clones as jobs, with rollback logs and run audit.
#include <memory>

#include "clxs/event_types.hpp"
#include "clxs/events.hpp"
#include "clxs/log.hpp"
#include "clxs/plugin.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/audit/audit_routes.hpp"
#include "plugins/clone/body_check.hpp"
#include "plugins/clone/clone_routes.hpp"
#include "plugins/clone/clone_service.hpp"
#include "plugins/clone/clone_store.hpp"
#include "plugins/clone/convert/convert_routes.hpp"
#include "plugins/clone/schedule/start_schedules.hpp"
#include "plugins/clone/snapshot_routes.hpp"
#include "plugins/clone/sync_routes.hpp"
#include "plugins/clone/target/target_routes.hpp"

namespace clxs::clone {

/// Registers the Clone routes and clones freshly generated demo catalogs when asked to.
class ClonePlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{
      "clone", "1.0.0",
      "Catalog clones (deep, shallow, time travel) with rollback, resume and audit", "", nullptr,
      // validate_after_clone compares tables; rbac_enabled asks the access policies.
      "analysis.table_comparison,governance.access"};

  void start(Host& host) override {
    host.store().migrate(CloneStore::migrations());
    auto service = std::make_shared<CloneService>(host, std::make_shared<CloneStore>(host.store()));
    registerCloneRoutes(host.routes(), service);
    convert::registerConvertRoutes(host);
    audit::registerAuditRoutes(host);
    registerSyncRoutes(host.routes(), service);
    registerSnapshotRoutes(host.routes(), service);
    target::registerTargetRoutes(host);
    schedules_ = schedule::startSchedules(host, service);
    // POST /api/generate/demo-data with dest_catalog: clone the new catalog once it exists.
    host.events().on<events::DemoDataGenerated>([service, &host](const auto& e) {
      const std::string& dest = e.destCatalog;
      if (dest.empty()) return;
      try {
        // The event is not a request: its catalogs are checked as POST /api/clone checks them.
        auto request = parseUnvalidated<CloneRequest>(
            Json{{"source_catalog", e.catalog}, {"destination_catalog", dest}});
        const auto id = service->submitClone(std::move(request), Credentials{});
        host.log().info("Cloning demo catalog to " + dest + " as job " + id);
      } catch (const std::exception& ex) {
        host.log().error("Cannot clone the demo catalog to " + dest + ": " + ex.what());
      }
    });
  }

  // The kernel pauses the schedules on disable; the service they call lives as long as this
  // instance, which their callbacks keep alive.

 private:
  std::shared_ptr<schedule::ScheduleService> schedules_;
};

}  // namespace clxs::clone

CLXS_PLUGIN(clxs::clone::ClonePlugin)
