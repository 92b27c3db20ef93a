#include "kernel/app/kernel_routes.hpp"

#include <cstdlib>
#include <string>

#include "clxs/version.hpp"
#include "kernel/plugins/plugin_host.hpp"

namespace clxs::kernel {

namespace {
const char* runtimeName() {
  const char* rt = std::getenv("CLONE_XS_RUNTIME");
  if ((rt != nullptr && std::string(rt) == "databricks-app") ||
      std::getenv("DATABRICKS_APP_NAME") != nullptr) {
    return "databricks-app";
  }
  return "standalone";
}

struct HealthStatus {
  std::string status = "ok";
  std::string service = "Clone-Xs";
  std::string runtime;
  std::string version = CLXS_SDK_VERSION;
  Json plugins;
  long long uptimeSeconds = 0;
  static const Schema<HealthStatus>& schema() {
    static const auto s =
        Schema<HealthStatus>("HealthStatus")
            .field("status", &HealthStatus::status,
                   Field::string().required().describe("Always ok"))
            .field("service", &HealthStatus::service,
                   Field::string().required().describe("Always Clone-Xs"))
            .field("runtime", &HealthStatus::runtime,
                   Field::string()
                       .required()
                       .oneOf({"standalone", "databricks-app"})
                       .describe("Where the server runs"))
            .field("version", &HealthStatus::version,
                   Field::string().required().describe("Server version"))
            .field(
                "plugins", &HealthStatus::plugins,
                Field::object(
                    {{"total", Field::integer().describe("Plugin libraries found")},
                     {"loaded", Field::integer().describe("Plugins running")},
                     {"enabled", Field::integer().describe("Plugins enabled")},
                     {"failed", Field::integer().describe("Enabled plugins that failed to start")}})
                    .required()
                    .describe("Plugin counts"))
            .field("uptime_seconds", &HealthStatus::uptimeSeconds,
                   Field::integer().required().describe("Whole seconds since the server started"));
    return s;
  }
};

struct PluginToggleRequest {
  std::string name;
  bool enabled = true;
  static const Schema<PluginToggleRequest>& schema() {
    static const auto s =
        Schema<PluginToggleRequest>("PluginToggleRequest")
            .field("name", &PluginToggleRequest::name,
                   Field::string().required().minLength(1).describe("Plugin name"))
            .field("enabled", &PluginToggleRequest::enabled, "Enable or disable");
    return s;
  }
};

// One plugin as GET /api/plugins lists it and POST /api/plugins/toggle answers it.
Model pluginEntryModel() {
  return Model("PluginEntry")
      .field("id", Field::string().required().describe("Plugin name"))
      .field("name", Field::string().required().describe("Plugin name"))
      .field("version", Field::string().required().describe("Plugin version"))
      .field("description", Field::string().required().describe("What the plugin does"))
      .field("enabled", Field::boolean().required().describe("Whether it is enabled"))
      .field("loaded", Field::boolean().required().describe("Whether it is running"))
      .field("error",
             Field::string().required().nullable().describe("Why it failed to start, if it did"))
      .field("routes", Field::integer().required().describe("Routes it serves"))
      .field("depends", Field::array(Field::string()).required().describe("Plugins it needs"))
      .field("provides", Field::array(Field::string()).required().describe("Services it provides"))
      .field("uses", Field::array(Field::object({{"service", Field::string()},
                                                 {"provided_by", Field::array(Field::string())},
                                                 {"available", Field::boolean()}}))
                         .required()
                         .describe("Services it uses, who provides them, whether they are up"))
      .field("file", Field::string().required().describe("Library file name"));
}

}  // namespace

void registerHealthRoutes(Routes& routes, const PluginHost& plugins,
                          std::chrono::steady_clock::time_point started) {
  routes.get("/api/health")
      .summary("Returns service health status and runtime environment.")
      .returns<HealthStatus>()
      .handle([&plugins, started, runtime = runtimeName()](const Request&) {
        const auto uptime = static_cast<long long>(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        const PluginHost::Counts counts = plugins.counts();
        // Load balancers and monitors poll this route: its answer changes at most once a
        // second unless a plugin is toggled, so each handler thread keeps its last text and
        // builds a new one only when something in it changed.
        struct Last {
          long long uptime = -1;
          PluginHost::Counts counts;
          const char* runtime = nullptr;
          std::string body;
        };
        thread_local Last last;
        if (last.uptime != uptime || last.counts != counts || last.runtime != runtime) {
          const HealthStatus status{.runtime = runtime,
                                    .plugins = Json{{"total", counts.total},
                                                    {"loaded", counts.loaded},
                                                    {"enabled", counts.enabled},
                                                    {"failed", counts.failed}},
                                    .uptimeSeconds = uptime};
          last = Last{.uptime = uptime,
                      .counts = counts,
                      .runtime = runtime,
                      .body = HealthStatus::schema().toJson(status).dump()};
        }
        return Response::raw(last.body, "application/json");
      });
}

void registerPluginRoutes(Routes& routes, PluginHost& plugins) {
  routes.get("/api/plugins")
      .summary("List available plugins.")
      .description(
          "Every plugin library found in the plugin directory, with whether it is enabled, "
          "whether it is running, its error if it failed, and its number of routes.")
      .returnsListOf(pluginEntryModel())
      .handle([&plugins](const Request&) { return plugins.list(); });
  routes.post("/api/plugins/toggle")
      .summary("Enable or disable a plugin.")
      .description(
          "Takes effect at once and persists across restarts. A disabled plugin's routes answer "
          "404 naming it and its jobs are cancelled. Disabling a plugin that others depend on is "
          "refused (409).")
      .body<PluginToggleRequest>()
      .returns(pluginEntryModel())
      .mutates()
      .handle([&plugins](const Request&, const PluginToggleRequest& body) {
        return plugins.setEnabled(body.name, body.enabled);
      });
  // The original's per-plugin form, which its web UI calls with no body.
  for (const bool enable : {true, false}) {
    routes.post(enable ? "/api/plugins/{name}/enable" : "/api/plugins/{name}/disable")
        .summary(enable ? "Enable a plugin." : "Disable a plugin.")
        .description(
            "The same as POST /api/plugins/toggle with this name and enabled " +
            std::string(enable ? "true" : "false") +
            ": at once, persisted, refused (409) when it would break a plugin that depends on "
            "it; an unknown name is a 404.")
        .pathParam("name", Field::string().describe("Plugin name"))
        .returns(pluginEntryModel())
        .mutates()
        .handle([&plugins, enable](const Request& r) {
          return plugins.setEnabled(r.param("name"), enable);
        });
  }
}

}  // namespace clxs::kernel
