#include "plugins/platform/warehouse_routes.hpp"

#include <chrono>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/workspace.hpp"

namespace clxs::platform {
namespace {

// Neither call waits for the warehouse; the workspace answers at once.
constexpr std::chrono::seconds kDeadline{60};

enum class Action { Start, Stop };

std::string startMessage(const WarehouseInfo& w) {
  if (w.state == "RUNNING") return "Warehouse " + w.id + " is running";
  if (w.state == "STARTING") return "Warehouse " + w.id + " is starting";
  return "Start requested for warehouse " + w.id + " (state " + w.state + ")";
}

std::string stopMessage(const WarehouseInfo& w) {
  if (w.state == "STOPPED") return "Warehouse " + w.id + " is stopped";
  if (w.state == "STOPPING") return "Warehouse " + w.id + " is stopping";
  // The local workspace's engine lives inside the server and cannot stop.
  if (w.state == "RUNNING") {
    return "Warehouse " + w.id + " cannot be stopped on this workspace and keeps running";
  }
  return "Stop requested for warehouse " + w.id + " (state " + w.state + ")";
}

RouteSpec spec(std::string path, std::string summary, std::string description) {
  RouteSpec s;
  s.method = Method::Post;
  s.path = std::move(path);
  s.summary = std::move(summary);
  s.description = std::move(description);
  s.mutates = true;
  s.body =
      Model("WarehouseAction")
          .field("warehouse_id", Field::string().required().minLength(1).maxLength(255).describe(
                                     "SQL warehouse id"));
  return s;
}

Response act(const Request& req, const Clock& clock, Action action) {
  const std::string id = req.body().value("warehouse_id", std::string());
  if (id.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw unprocessable(Json::array({"body", "warehouse_id"}), "warehouse_id must not be blank");
  }
  auto ws = req.workspace();
  CallOptions o;
  o.deadline = clock.steadyNow() + kDeadline;
  o.warehouseId = id;
  const WarehouseInfo w =
      action == Action::Start ? ws->startWarehouse(id, o) : ws->stopWarehouse(id, o);
  return Json{{"warehouse_id", w.id.empty() ? id : w.id},
              {"state", w.state},
              {"name", w.name},
              {"message", action == Action::Start ? startMessage(w) : stopMessage(w)}};
}

}  // namespace

void registerWarehouseRoutes(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;
  routes.add(
      spec("/api/warehouse/start", "Start a SQL warehouse",
           "Asks the workspace to start the warehouse and answers at once with {warehouse_id, "
           "state, name, message}: state is STARTING (or RUNNING when it already runs). 404 "
           "naming an unknown warehouse."),
      [clk](const Request& req) { return act(req, *clk, Action::Start); });
  routes.add(
      spec("/api/warehouse/stop", "Stop a SQL warehouse",
           "Asks the workspace to stop the warehouse and answers at once with {warehouse_id, "
           "state, name, message}: state is STOPPING or STOPPED. The local workspace's "
           "embedded engine cannot stop, so its warehouse stays RUNNING and the message says "
           "so. 404 naming an unknown warehouse."),
      [clk](const Request& req) { return act(req, *clk, Action::Stop); });
}

}  // namespace clxs::platform
