#include "kernel/auth/workspace_auth_routes.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "kernel/auth/request_fields.hpp"

namespace clxs::kernel {
namespace {

using clxs::Json;

// Options carrying the request's warehouse, for calls that may run SQL underneath.
clxs::CallOptions optionsFor(const clxs::Request& r) {
  clxs::CallOptions o;
  o.warehouseId = r.credentials().warehouseId;
  return o;
}

// Services with no counterpart on this workspace answer an empty, labelled list.
Json unavailableList(const char* key, const clxs::WorkspaceError& e) {
  return Json{{"success", true}, {key, Json::array()}, {"available", false}, {"reason", e.what()}};
}

// One READY serving endpoint as the model picker shows it.
Json endpointEntry(const Json& e) {
  std::string provider;
  const Json config = e.value("config", Json::object());
  if (config.is_object()) {
    const Json entities = config.value("served_entities", Json::array());
    if (entities.is_array() && !entities.empty() && entities[0].is_object()) {
      provider = stringField(entities[0].value("external_model", Json::object()), "provider");
    }
  }
  if (provider.empty()) provider = "databricks";
  const std::string name = stringField(e, "name");
  const std::string haystack = clxs::lowerAscii(name + " " + provider);
  const bool claude = haystack.find("claude") != std::string::npos ||
                      haystack.find("anthropic") != std::string::npos;
  return Json{{"name", name}, {"state", "READY"}, {"provider", provider}, {"is_claude", claude}};
}

struct VolumeListing {
  Json volumes = Json::array();
  std::vector<std::string> skipped;  ///< one warning per catalog left out
};

VolumeListing listVolumes(const clxs::Request& r) {
  const auto ws = r.workspace();
  const clxs::CallOptions options = optionsFor(r);
  VolumeListing out;
  for (const auto& catalog : ws->catalog().catalogs(options)) {
    // One catalog the caller cannot read must not hide every other catalog's volumes.
    try {
      for (const auto& schema : ws->catalog().schemas(catalog.name, options)) {
        if (schema.name == "information_schema") continue;
        for (const auto& v : ws->catalog().volumes(catalog.name, schema.name, options)) {
          out.volumes.push_back(Json{{"catalog", v.catalog},
                                     {"schema", v.schema},
                                     {"name", v.name},
                                     {"full_name", v.catalog + "." + v.schema + "." + v.name},
                                     {"volume_type", v.volumeType}});
        }
      }
    } catch (const clxs::WorkspaceError& e) {
      if (e.errorClass() == clxs::WorkspaceErrorClass::Cancelled) throw;
      out.skipped.push_back("catalog '" + catalog.name + "' skipped: " + e.what());
    }
  }
  return out;
}

struct TestWarehouseRequest {
  std::string warehouseId;
  static const clxs::Schema<TestWarehouseRequest>& schema() {
    static const auto s =
        clxs::Schema<TestWarehouseRequest>("TestWarehouseRequest")
            .field(
                "warehouse_id", &TestWarehouseRequest::warehouseId,
                clxs::Field::string().required().minLength(1).describe("SQL warehouse id to test"));
    return s;
  }
};

struct WarehouseTested {
  std::string status = "ok";
  std::string message = "Warehouse is reachable";
  Json result;
  static const clxs::Schema<WarehouseTested>& schema() {
    using clxs::Field;
    static const auto s =
        clxs::Schema<WarehouseTested>("WarehouseTested")
            .field("status", &WarehouseTested::status,
                   Field::string().required().describe("Always ok"))
            .field("message", &WarehouseTested::message,
                   Field::string().required().describe("Always \"Warehouse is reachable\""))
            .field("result", &WarehouseTested::result,
                   Field::array(Field::object()).required().describe("The rows of SELECT 1"));
    return s;
  }
};

// A listing that the local workspace may not offer: `key` holds the entries.
clxs::Model optionalListingModel(const char* name, const char* key, clxs::Field entry) {
  using clxs::Field;
  return clxs::Model(name)
      .field("success", Field::boolean().required().describe("Always true"))
      .field(key, Field::array(std::move(entry)).required().describe("The entries, [] if none"))
      .field("available", Field::boolean().describe(
                              "false when the workspace has no such service (absent otherwise)"))
      .field("reason", Field::string().describe("Why the service is unavailable"));
}

}  // namespace

void registerWorkspaceAuthRoutes(clxs::Routes& routes) {
  using clxs::Field;
  using clxs::Request;
  using clxs::Response;

  routes.get("/api/auth/warehouses")
      .summary("List SQL warehouses")
      .description(
          "Warehouses of the request's workspace as {id, name, size, state, type}; the local "
          "workspace has one, id \"local\".")
      .returnsListOf(Model("SqlWarehouse")
                         .field("id", Field::string().describe("Warehouse id"))
                         .field("name", Field::string().describe("Warehouse name"))
                         .field("size", Field::string().describe("Cluster size"))
                         .field("state", Field::string().describe("RUNNING, STOPPED..."))
                         .field("type", Field::string().describe("PRO, CLASSIC, LOCAL...")))
      .handle([](const Request& r) {
        Json out = Json::array();
        for (const auto& w : r.workspace()->get<clxs::WarehouseService>().list(optionsFor(r))) {
          out.push_back(Json{{"id", w.id},
                             {"name", w.name},
                             {"size", w.size},
                             {"state", w.state},
                             {"type", w.type}});
        }
        return out;
      });

  routes.get("/api/auth/volumes")
      .summary("List Unity Catalog volumes")
      .description(
          "Every volume the caller sees, as {catalog, schema, name, full_name, volume_type}, "
          "information_schema skipped. A catalog that cannot be listed is left out and named in "
          "the X-Clxs-Warning header instead of failing the whole list.")
      .returnsListOf(Model("VolumeEntry")
                         .field("catalog", Field::string().describe("Catalog"))
                         .field("schema", Field::string().describe("Schema"))
                         .field("name", Field::string().describe("Volume name"))
                         .field("full_name", Field::string().describe("catalog.schema.volume"))
                         .field("volume_type", Field::string().describe("MANAGED or EXTERNAL")))
      .handle([](const Request& r) {
        VolumeListing listed = listVolumes(r);
        Response response(std::move(listed.volumes));
        for (std::string value : listed.skipped) {
          // Header values must stay on one line of visible ASCII.
          for (char& c : value) {
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
              c = ' ';
            }
          }
          response.header("X-Clxs-Warning", value);
        }
        return response;
      });

  routes.post("/api/auth/test-warehouse")
      .summary("Test a SQL warehouse")
      .description(
          "Runs SELECT 1 on the warehouse, checking connectivity and permission in one round "
          "trip. 404 for a warehouse the workspace does not list.")
      .body<TestWarehouseRequest>()
      .returns<WarehouseTested>()
      .handle([](const Request& r, const TestWarehouseRequest& body) {
        const std::string& id = body.warehouseId;
        const auto ws = r.workspace();
        clxs::CallOptions options = optionsFor(r);
        const auto warehouses = ws->get<clxs::WarehouseService>().list(options);
        const bool known = std::any_of(warehouses.begin(), warehouses.end(),
                                       [&id](const clxs::WarehouseInfo& w) { return w.id == id; });
        if (!known) {
          throw clxs::notFound("SQL warehouse '" + id +
                               "' not found; GET /api/auth/warehouses lists the available ones");
        }
        options.warehouseId = id;
        return WarehouseTested{.result = ws->sql().execute("SELECT 1", {}, options).objects()};
      });

  routes.get("/api/auth/serving-endpoints")
      .summary("List Model Serving endpoints")
      .description(
          "READY endpoints only, as {name, state, provider, is_claude}. A workspace without "
          "Model Serving (the local one) answers an empty list with available false and the "
          "reason.")
      .returns(optionalListingModel(
          "ServingEndpoints", "endpoints",
          Field::object({{"name", Field::string().describe("Endpoint name")},
                         {"state", Field::string().describe("Always READY")},
                         {"provider",
                          Field::string().describe("Model provider, databricks for served models")},
                         {"is_claude", Field::boolean().describe("Whether it serves Claude")}})))
      .handle([](const Request& r) {
        const auto ws = r.workspace();
        Json endpoints;
        try {
          endpoints = ws->get<clxs::ServingService>().endpoints(optionsFor(r));
        } catch (const clxs::WorkspaceError& e) {
          if (e.errorClass() != clxs::WorkspaceErrorClass::Unavailable) throw;
          return unavailableList("endpoints", e);
        }
        Json out = Json::array();
        for (const auto& e : endpoints.is_array() ? endpoints : Json::array()) {
          if (stringField(e.value("state", Json::object()), "ready") != "READY") continue;
          out.push_back(endpointEntry(e));
        }
        return Json{{"success", true}, {"endpoints", std::move(out)}};
      });

  routes.get("/api/auth/genie-spaces")
      .summary("List Genie spaces")
      .description(
          "Genie spaces as {space_id, title, description}. A workspace without Genie (the "
          "local one) answers an empty list with available false and the reason.")
      .returns(optionalListingModel(
          "GenieSpaces", "spaces",
          Field::object({{"space_id", Field::string().describe("Genie space id")},
                         {"title", Field::string().describe("Title")},
                         {"description", Field::string().describe("Description")}})))
      .handle([](const Request& r) {
        const auto ws = r.workspace();
        Json spaces;
        try {
          spaces = ws->get<clxs::GenieService>().spaces(optionsFor(r));
        } catch (const clxs::WorkspaceError& e) {
          if (e.errorClass() != clxs::WorkspaceErrorClass::Unavailable) throw;
          return unavailableList("spaces", e);
        }
        Json out = Json::array();
        for (const auto& s : spaces.is_array() ? spaces : Json::array()) {
          out.push_back(Json{{"space_id", stringField(s, "space_id")},
                             {"title", stringField(s, "title")},
                             {"description", stringField(s, "description")}});
        }
        return Json{{"success", true}, {"spaces", std::move(out)}};
      });
}

}  // namespace clxs::kernel
