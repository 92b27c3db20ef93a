#include "kernel/emulator/warehouse_handlers.hpp"

#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

WarehouseHandlers::WarehouseHandlers(LocalWorkspace& workspace, WarehouseState& state)
    : workspace_(workspace), state_(state) {}

Json WarehouseHandlers::info(const std::string& id) {
  std::string name = "Local DuckDB engine";
  for (const auto& w : workspace_.get<clxs::WarehouseService>().list({})) {
    if (w.id == state_.id()) name = w.name;
  }
  if (id != state_.id()) name += " " + id.substr(id.rfind('-') + 1);
  const auto state = state_.state();
  const int clusters = state == "STOPPED" ? 0 : 1;
  return Json{{"id", id},
              {"name", name},
              {"state", state},
              {"cluster_size", "2X-Small"},
              {"min_num_clusters", 1},
              {"max_num_clusters", 1},
              {"num_clusters", clusters},
              {"num_active_sessions", 0},
              {"auto_stop_mins", 0},
              {"enable_photon", false},
              {"enable_serverless_compute", false},
              {"warehouse_type", "PRO"},
              {"spot_instance_policy", "COST_OPTIMIZED"},
              {"channel", {{"name", "CHANNEL_NAME_CURRENT"}}},
              {"health", {{"status", "HEALTHY"}}},
              {"creator_name", workspace_.identity().currentUser({})}};
}

EmulatorResponse WarehouseHandlers::handle(const EmulatorRequest& request,
                                           const std::vector<std::string>& rest) {
  const auto& m = request.method;
  if (rest.empty() && m == "GET") {
    Json all = Json::array();
    for (const auto& id : state_.ids()) all.push_back(info(id));
    return jsonResponse(Json{{"warehouses", all}});
  }
  if (!rest.empty() && !state_.knows(rest[0])) {
    throw ApiError(404, "RESOURCE_DOES_NOT_EXIST", "warehouse '" + rest[0] + "' does not exist");
  }
  if (rest.size() == 1 && m == "GET") return jsonResponse(info(rest[0]));
  if (rest.size() == 2 && rest[1] == "start" && m == "POST") {
    state_.start();
    return jsonResponse(Json::object());
  }
  if (rest.size() == 2 && rest[1] == "stop" && m == "POST") {
    state_.stop();
    return jsonResponse(Json::object());
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

}  // namespace clxs::kernel::emulator
