#include "plugins/clone/schedule/start_schedules.hpp"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "clxs/config.hpp"
#include "clxs/credentials.hpp"
#include "clxs/log.hpp"
#include "clxs/scheduler.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/schedule/clone_templates.hpp"
#include "plugins/clone/schedule/schedule_routes.hpp"
#include "plugins/clone/schedule/schedule_store.hpp"

namespace clxs::clone::schedule {
namespace {

std::vector<CloneTemplate> configuredTemplates(Host& host) {
  try {
    return allTemplates(host.config().value("clone_templates"));
  } catch (const std::exception& e) {
    auto out = builtinTemplates();
    CloneTemplate bad;
    bad.key = "clone_templates";
    bad.title = "clone_templates";
    bad.source = "config";
    bad.error = std::string("the server configuration could not be read: ") + e.what();
    out.push_back(std::move(bad));
    return out;
  }
}

}  // namespace

std::shared_ptr<ScheduleService> startSchedules(Host& host, std::shared_ptr<CloneService> clone) {
  host.store().migrate(ScheduleStore::migrations());
  for (const auto& t : configuredTemplates(host)) {
    if (!t.error.empty()) host.log().warn("Clone template '" + t.key + "' is unusable: " + t.error);
  }
  auto service = std::make_shared<ScheduleService>(
      host.store(), host.clock(), host.log(), host.scheduler(),
      [&host] { return configuredTemplates(host); },
      [clone](const std::string& jobType, const Json& body) {
        return clone->submitByType(jobType, body, Credentials{});
      });
  registerScheduleRoutes(host.routes(), service);
  service->start();
  return service;
}

}  // namespace clxs::clone::schedule
