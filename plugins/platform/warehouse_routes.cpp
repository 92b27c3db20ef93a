#include "plugins/platform/warehouse_routes.hpp"

#include <chrono>
#include <string>

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

// The blank check is what the model cannot say: minLength(1) lets "  " through.
struct WarehouseAction {
  std::string warehouseId;
  static const Schema<WarehouseAction>& schema() {
    static const auto s =
        Schema<WarehouseAction>("WarehouseAction")
            .field(
                "warehouse_id", &WarehouseAction::warehouseId,
                Field::string().required().minLength(1).maxLength(255).describe("SQL warehouse id"))
            .check([](const WarehouseAction& a) {
              if (a.warehouseId.find_first_not_of(" \t\r\n") == std::string::npos) {
                throw unprocessable(Json::array({"body", "warehouse_id"}),
                                    "warehouse_id must not be blank");
              }
            });
    return s;
  }
};

struct WarehouseState {
  std::string warehouseId;
  std::string state;
  std::string name;
  std::string message;
  static const Schema<WarehouseState>& schema() {
    static const auto s =
        Schema<WarehouseState>("WarehouseState")
            .field("warehouse_id", &WarehouseState::warehouseId,
                   Field::string().required().describe("The warehouse acted on"))
            .field("state", &WarehouseState::state,
                   Field::string().required().describe(
                       "State right after the call, e.g. STARTING, RUNNING, STOPPING, STOPPED"))
            .field("name", &WarehouseState::name,
                   Field::string().required().describe("Warehouse name"))
            .field("message", &WarehouseState::message,
                   Field::string().required().describe("One sentence on what happened"));
    return s;
  }
};

WarehouseState act(const Request& req, const std::string& id, const Clock& clock, Action action) {
  auto ws = req.workspace();
  CallOptions o;
  o.deadline = clock.steadyNow() + kDeadline;
  o.warehouseId = id;
  const WarehouseInfo w = action == Action::Start ? ws->get<clxs::WarehouseService>().start(id, o)
                                                  : ws->get<clxs::WarehouseService>().stop(id, o);
  return WarehouseState{.warehouseId = w.id.empty() ? id : w.id,
                        .state = w.state,
                        .name = w.name,
                        .message = action == Action::Start ? startMessage(w) : stopMessage(w)};
}

}  // namespace

void registerWarehouseRoutes(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;
  routes.post("/api/warehouse/start")
      .summary("Start a SQL warehouse")
      .description(
          "Asks the workspace to start the warehouse and answers at once with {warehouse_id, "
          "state, name, message}: state is STARTING (or RUNNING when it already runs). 404 "
          "naming an unknown warehouse.")
      .body<WarehouseAction>()
      .returns<WarehouseState>()
      .mutates()
      .handle([clk](const Request& req, const WarehouseAction& body) {
        return act(req, body.warehouseId, *clk, Action::Start);
      });
  routes.post("/api/warehouse/stop")
      .summary("Stop a SQL warehouse")
      .description(
          "Asks the workspace to stop the warehouse and answers at once with {warehouse_id, "
          "state, name, message}: state is STOPPING or STOPPED. The local workspace's embedded "
          "engine cannot stop, so its warehouse stays RUNNING and the message says so. 404 "
          "naming an unknown warehouse.")
      .body<WarehouseAction>()
      .returns<WarehouseState>()
      .mutates()
      .handle([clk](const Request& req, const WarehouseAction& body) {
        return act(req, body.warehouseId, *clk, Action::Stop);
      });
}

}  // namespace clxs::platform
