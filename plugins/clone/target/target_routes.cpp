#include "plugins/clone/target/target_routes.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "plugins/clone/target/target_request.hpp"

namespace clxs::clone::target {
namespace {

// Every call is interactive: the UI waits on it while the user fills in the form, and an
// unreachable host (a typo, a closed port) is retried only until this deadline, so the form
// learns of it quickly. Each call is a single REST request, well within it.
constexpr std::chrono::seconds kDeadline{20};

// What the spec folds into 401: the credentials were rejected or the workspace could not be
// reached with them (bad host, closed port, timeout).
bool isAuthFailure(int status) {
  return status == 401 || status == 403 || status == 502 || status == 504;
}

std::shared_ptr<Workspace> openTarget(const WorkspaceOpener& open, const TargetRequest& t) {
  auto ws = open(t.credentials);
  if (!ws) throw notImplemented("No workspace can be opened for " + t.host + " in this build");
  return ws;
}

CallOptions callOptions(const Clock& clock, const TargetRequest& t) {
  CallOptions o;
  o.deadline = clock.steadyNow() + kDeadline;
  o.warehouseId = t.warehouseId;
  return o;
}

// Runs `fn` against the target, turning its failures into the spec's answers with the
// request's secrets removed from every message.
template <typename Fn>
auto againstTarget(const TargetRequest& t, Fn fn) {
  try {
    return fn();
  } catch (const WorkspaceError& e) {
    const std::string msg = scrubSecrets(e.what(), t.credentials);
    if (isAuthFailure(e.status())) {
      throw HttpError(401, "Cannot authenticate to the target workspace " + t.host + ": " + msg);
    }
    throw WorkspaceError(e.errorClass(), msg);
  } catch (const HttpError& e) {
    if (!isAuthFailure(e.status())) throw;
    throw HttpError(401, "Cannot authenticate to the target workspace " + t.host + ": " +
                             scrubSecrets(e.what(), t.credentials));
  }
}

Json warehouseJson(const WarehouseInfo& w) {
  return Json{
      {"id", w.id}, {"name", w.name}, {"size", w.size}, {"type", w.type}, {"state", w.state}};
}

Json validate(Workspace& ws, const TargetRequest& t, const CallOptions& o) {
  Json out = Json::object();
  out["ok"] = true;
  out["host"] = t.host;
  out["user"] = ws.identity().currentUser(o);
  out["catalog_count"] = ws.catalog().catalogs(o).size();
  // Authentication works at this point; a metastore the caller cannot introspect only
  // means Delta Sharing must be set up by hand, so it is reported, not fatal.
  out["metastore_sharing_id"] = nullptr;
  out["sharing_error"] = nullptr;
  try {
    const Json summary = ws.get<clxs::MetastoreService>().summary(o);
    const auto id =
        summary.is_object() ? summary.value("global_metastore_id", std::string()) : std::string();
    if (id.empty()) {
      out["sharing_error"] = "The metastore summary has no global_metastore_id";
    } else {
      out["metastore_sharing_id"] = id;
    }
  } catch (const std::exception& e) {
    out["sharing_error"] = scrubSecrets(e.what(), t.credentials);
  }

  const auto warehouses = ws.get<clxs::WarehouseService>().list(o);
  const auto it = std::find_if(warehouses.begin(), warehouses.end(),
                               [&](const WarehouseInfo& w) { return w.id == t.warehouseId; });
  if (it == warehouses.end()) {
    throw badRequest("warehouse " + t.warehouseId + " is not visible in the target workspace");
  }
  out["warehouse_state"] = it->state;
  out["warehouse_name"] = it->name;
  out["warehouse_start_triggered"] = false;
  if (it->state == "STOPPED" || it->state == "STOPPING") {
    // Started without waiting, so it is warming up while the user sets up the clone. A
    // caller allowed to use but not to start it still has a valid target.
    try {
      ws.get<clxs::WarehouseService>().start(t.warehouseId, o);
      out["warehouse_start_triggered"] = true;
    } catch (const std::exception& e) {
      out["warehouse_start_error"] = scrubSecrets(e.what(), t.credentials);
    }
  }
  return out;
}

// What every route's description ends with.
constexpr const char* kStateless =
    " Stateless: the credentials are used for this request only and never stored, logged or "
    "echoed. 400 when a field auth_method requires is missing; 401 when authentication fails "
    "or the workspace is unreachable.";

struct TargetIdentity {
  std::string user;
  std::string host;
  static const Schema<TargetIdentity>& schema() {
    static const auto s =
        Schema<TargetIdentity>("TargetIdentity")
            .field("user", &TargetIdentity::user, "Who the credentials act as")
            .field("host", &TargetIdentity::host, "The workspace URL, without a trailing slash");
    return s;
  }
};

}  // namespace

void registerTargetRoutes(Host& host) {
  Host* h = &host;
  registerTargetRoutes(
      host.routes(), [h](const Credentials& c) { return h->workspace(c); }, host.clock());
}

void registerTargetRoutes(Routes& routes, WorkspaceOpener open, const Clock& clock) {
  const Clock* clk = &clock;
  routes.post("/api/target/validate")
      .summary("Validate a target workspace")
      .description(std::string("Checks the credentials and the warehouse of a target workspace: "
                               "{ok, host, user, catalog_count, metastore_sharing_id (the "
                               "metastore's global_metastore_id), sharing_error (null unless the "
                               "metastore cannot be read), warehouse_state, warehouse_name, "
                               "warehouse_start_triggered (a STOPPED or STOPPING warehouse is "
                               "started without waiting)}. 400 when warehouse_id is not visible "
                               "in the target workspace.") +
                   kStateless)
      .body<TargetWorkspace>()
      .returns(Model("TargetValidation")
                   .field("ok", Field::boolean())
                   .field("host", Field::string())
                   .field("user", Field::string())
                   .field("catalog_count", Field::integer())
                   .field("metastore_sharing_id", Field::string().nullable())
                   .field("sharing_error", Field::string().nullable())
                   .field("warehouse_state", Field::string())
                   .field("warehouse_name", Field::string())
                   .field("warehouse_start_triggered", Field::boolean())
                   .field("warehouse_start_error",
                          Field::string().describe("Only when starting the warehouse failed")))
      // Starting a stopped warehouse changes the target workspace.
      .mutates()
      .handle([open, clk](const Request&, const TargetWorkspace& body) {
        const auto t = targetRequestOf(body.connection, body.warehouseId);
        return againstTarget(t, [&] {
          auto ws = openTarget(open, t);
          return validate(*ws, t, callOptions(*clk, t));
        });
      });

  routes.post("/api/target/warehouses")
      .summary("List a target workspace's SQL warehouses")
      .description(
          std::string("[{id, name, size, type, state}] of the warehouses the credentials can "
                      "see.") +
          kStateless)
      .body<TargetWorkspaceConnect>()
      .returns(Model("TargetWarehouse")
                   .field("id", Field::string())
                   .field("name", Field::string())
                   .field("size", Field::string())
                   .field("type", Field::string())
                   .field("state", Field::string()))
      .handle([open, clk](const Request&, const TargetWorkspaceConnect& body) {
        const auto t = targetRequestOf(body.connection, "");
        return againstTarget(t, [&] {
          auto ws = openTarget(open, t);
          Json out = Json::array();
          for (const auto& w : ws->get<clxs::WarehouseService>().list(callOptions(*clk, t))) {
            out.push_back(warehouseJson(w));
          }
          return out;
        });
      });

  routes.post("/api/target/catalogs")
      .summary("List a target workspace's catalogs")
      .description(std::string("Sorted names of the catalogs the credentials can see.") +
                   kStateless)
      .body<TargetWorkspaceConnect>()
      .returns(Model("TargetCatalogNames"))
      .handle([open, clk](const Request&, const TargetWorkspaceConnect& body) {
        const auto t = targetRequestOf(body.connection, "");
        return againstTarget(t, [&] {
          auto ws = openTarget(open, t);
          std::vector<std::string> names;
          for (const auto& c : ws->catalog().catalogs(callOptions(*clk, t)))
            names.push_back(c.name);
          std::sort(names.begin(), names.end());
          return Json(names);
        });
      });

  routes.post("/api/target/whoami")
      .summary("Who the target credentials act as")
      .description(std::string("{user, host}: only the current-user call, so it is cheap enough "
                               "to check every saved connection.") +
                   kStateless)
      .body<TargetWorkspaceConnect>()
      .returns<TargetIdentity>()
      .handle([open, clk](const Request&, const TargetWorkspaceConnect& body) {
        const auto t = targetRequestOf(body.connection, "");
        return againstTarget(t, [&] {
          auto ws = openTarget(open, t);
          return TargetIdentity{ws->identity().currentUser(callOptions(*clk, t)), t.host};
        });
      });
}

}  // namespace clxs::clone::target
