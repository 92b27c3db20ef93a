#include "kernel/app/kernel_routes.hpp"

#include <cstdlib>

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
}  // namespace

void registerHealthRoutes(Routes& routes, const PluginHost& plugins,
                          std::chrono::steady_clock::time_point started) {
  routes.add(
      RouteSpec{Method::Get, "/api/health",
                "Returns service health status and runtime environment."},
      [&plugins, started](const Request&) {
        const double uptime =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return Response(Json{{"status", "ok"},
                             {"service", "Clone-Xs"},
                             {"runtime", runtimeName()},
                             {"version", CLXS_SDK_VERSION},
                             {"plugins", plugins.counts()},
                             {"uptime_seconds", static_cast<long long>(uptime)}});
      });
}

void registerPluginRoutes(Routes& routes, PluginHost& plugins) {
  routes.add(RouteSpec{Method::Get, "/api/plugins", "List available plugins.",
                       "Every plugin library found in the plugin directory, with whether it is "
                       "enabled, whether it is running, its error if it failed, and its number "
                       "of routes."},
             [&plugins](const Request&) { return Response(plugins.list()); });
  RouteSpec toggle{Method::Post, "/api/plugins/toggle", "Enable or disable a plugin.",
                   "Takes effect at once and persists across restarts. A disabled plugin's "
                   "routes answer 404 naming it and its jobs are cancelled. Disabling a plugin "
                   "that others depend on is refused (409)."};
  toggle.body =
      Model("PluginToggleRequest")
          .field("name", Field::string().required().minLength(1).describe("Plugin name"))
          .field("enabled", Field::boolean().defaultsTo(true).describe("Enable or disable"));
  toggle.mutates = true;
  routes.add(std::move(toggle), [&plugins](const Request& r) {
    return Response(
        plugins.setEnabled(r.body()["name"].get<std::string>(), r.body()["enabled"].get<bool>()));
  });
}

}  // namespace clxs::kernel
