#include "kernel/config/config_routes.hpp"

#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "kernel/config/config_diff.hpp"
#include "kernel/config/secret_mask.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kDefaultPath = "config/clone_config.yaml";

// Handlers run after the kernel applied the declared defaults; unit tests call them with
// hand-built bodies, so absent and null both mean "not given".
std::string text(const Json& obj, const char* key, const std::string& fallback = {}) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw badRequest(std::string(key) + " must be a string.");
  return it->get<std::string>();
}

bool given(const Json& obj, const char* key) {
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  return it != obj.end() && !it->is_null();
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

Field pathQuery() {
  return Field::string()
      .defaultsTo(kDefaultPath)
      .maxLength(4096)
      .describe("Config file inside the config directory, e.g. config/clone_config.yaml");
}

Field limitsField(bool integer) {
  auto bound = [integer](const char* what) {
    Field f = integer ? Field::integer().min(1) : Field::number().min(0);
    return f.describe(what);
  };
  return Field::object({{"default", bound("Value the form starts with")},
                        {"min", bound("Smallest accepted value")},
                        {"max", bound("Largest accepted value")}})
      .describe("Partial bounds; omitted keys keep their current value");
}

void addReadRoutes(Routes& routes, ConfigService& config) {
  routes.add(
      RouteSpec{Method::Get,
                "/api/config",
                "Load and return the current config.",
                "Returns the effective config of the file: built-in defaults, then the file, "
                "then the named profile's keys (shallow merge), without the profiles block. "
                "Secret values (tokens, passwords, webhook URLs) are masked. Unknown profile: "
                "404 listing the known ones; a path outside the config directory: 400.",
                std::nullopt,
                {{"path", pathQuery()},
                 {"profile", Field::string().maxLength(255).describe("Config profile name")}},
                {},
                false},
      [&config](const Request& r) -> Response {
        const std::string path = text(r.query(), "path", kDefaultPath);
        return maskSecrets(config.effectiveOf(path, text(r.query(), "profile")));
      });

  routes.add(RouteSpec{Method::Get,
                       "/api/config/profiles",
                       "List available config profiles.",
                       "Names of the profiles defined in the file, in file order.",
                       std::nullopt,
                       {{"path", pathQuery()}},
                       {},
                       false},
             [&config](const Request& r) -> Response {
               Json names = Json::array();
               for (auto& n : config.profileNames(text(r.query(), "path", kDefaultPath))) {
                 names.push_back(std::move(n));
               }
               return Json{{"profiles", std::move(names)}};
             });

  routes.add(
      RouteSpec{
          Method::Post,
          "/api/config/diff",
          "Compare two config files and return their differences.",
          "Both files are read as they are on disk (no defaults). Nested keys are "
          "dotted (audit_trail.catalog); lists are compared whole; secrets are masked.",
          Model("ConfigDiffRequest")
              .field("file_a", Field::string().required().minLength(1).maxLength(4096).describe(
                                   "Path to first config"))
              .field("file_b", Field::string().required().minLength(1).maxLength(4096).describe(
                                   "Path to second config")),
          {},
          {},
          false},
      [&config](const Request& r) -> Response {
        const std::string a = text(r.body(), "file_a");
        const std::string b = text(r.body(), "file_b");
        const Json differences = diffConfigs(config.document(a), config.document(b));
        return Json{{"file_a", config.display(config.resolve(a))},
                    {"file_b", config.display(config.resolve(b))},
                    {"differences", differences},
                    {"identical", differences.empty()}};
      });
}

void addWriteRoutes(Routes& routes, ConfigService& config) {
  routes.add(
      RouteSpec{Method::Put,
                "/api/config",
                "Save config YAML to disk.",
                "The YAML must parse as one mapping and its known keys must have the right "
                "types (e.g. max_workers an integer >= 1, clone_type DEEP or SHALLOW); "
                "otherwise 400 and the file is left as it was. The text is written verbatim "
                "(comments kept) and atomically.",
                Model("ConfigUpdateRequest")
                    .field("yaml_content", Field::string().required().describe("Full YAML content"))
                    .field("path", Field::string()
                                       .defaultsTo(kDefaultPath)
                                       .maxLength(4096)
                                       .describe("File path to write")),
                {},
                {},
                true},
      [&config](const Request& r) -> Response {
        const std::string saved =
            config.saveYaml(text(r.body(), "path", kDefaultPath), text(r.body(), "yaml_content"));
        return Json{{"status", "saved"}, {"path", saved}};
      });

  routes.add(
      RouteSpec{Method::Post,
                "/api/config/audit",
                "Save audit trail settings to config YAML.",
                "Sets audit_trail {catalog, schema, table} in clone_config.yaml (table keeps "
                "its current value unless given) and metrics_table to "
                "<catalog>.metrics.clone_metrics, as the original does.",
                Model("AuditSettingsRequest")
                    .field("catalog", Field::string()
                                          .identifier()
                                          .defaultsTo("clone_audit")
                                          .describe("Audit catalog name"))
                    .field("schema", Field::string().identifier().defaultsTo("logs").describe(
                                         "Audit schema name"))
                    .field("table", Field::string().identifier().describe(
                                        "Audit table name (default: current, else "
                                        "clone_operations)")),
                {},
                {},
                true},
      [&config](const Request& r) -> Response {
        const std::string catalog = text(r.body(), "catalog", "clone_audit");
        const std::string schema = text(r.body(), "schema", "logs");
        Json trail;
        config.updateKeys([&](const Json& current) {
          std::string table = "clone_operations";
          auto existing = current.find("audit_trail");
          if (existing != current.end() && existing->is_object()) {
            auto t = existing->find("table");
            if (t != existing->end() && t->is_string() && !t->get<std::string>().empty()) {
              table = t->get<std::string>();
            }
          }
          table = text(r.body(), "table", table);
          trail = Json{{"catalog", catalog}, {"schema", schema}, {"table", table}};
          return Json{{"audit_trail", trail},
                      {"metrics_table", catalog + ".metrics.clone_metrics"}};
        });
        return Json{{"status", "saved"}, {"audit_trail", trail}};
      });

  routes.add(
      RouteSpec{Method::Patch,
                "/api/config/warehouse",
                "Update the active SQL warehouse ID in the config file.",
                "Sets the top-level sql_warehouse_id of clone_config.yaml, keeping the rest of "
                "the file (comments included). Persists across restarts.",
                Model("WarehouseUpdateRequest")
                    .field("warehouse_id", Field::string().required().identifier().describe(
                                               "Databricks SQL warehouse ID")),
                {},
                {},
                true},
      [&config](const Request& r) -> Response {
        const std::string id = trim(text(r.body(), "warehouse_id"));
        if (id.empty()) throw badRequest("warehouse_id is required; pick a SQL warehouse.");
        config.updateKeys([&](const Json&) { return Json{{"sql_warehouse_id", id}}; });
        return Json{{"status", "saved"}, {"sql_warehouse_id", id}};
      });

  routes.add(
      RouteSpec{Method::Patch,
                "/api/config/performance",
                "Update performance tuning fields.",
                "Only the fields given are written (max_workers, parallel_tables, "
                "max_parallel_queries); the others keep their current values.",
                Model("PerformanceUpdateRequest")
                    .field("max_workers", Field::integer().min(1).max(256).describe(
                                              "Schemas processed in parallel"))
                    .field("parallel_tables", Field::integer().min(1).max(256).describe(
                                                  "Tables cloned in parallel within a schema"))
                    .field("max_parallel_queries", Field::integer().min(1).max(1024).describe(
                                                       "Concurrent SQL statements upper bound")),
                {},
                {},
                true},
      [&config](const Request& r) -> Response {
        Json updates = Json::object();
        for (const char* key : {"max_workers", "parallel_tables", "max_parallel_queries"}) {
          if (given(r.body(), key)) updates[key] = r.body()[key];
        }
        if (!updates.empty()) config.updateKeys([&](const Json&) { return updates; });
        return Json{{"status", "saved"}};
      });

  routes.add(
      RouteSpec{
          Method::Patch,
          "/api/config/pricing",
          "Update storage pricing for cost calculations on the FinOps page.",
          "Only the fields given are written. The answer shows the effective values "
          "(defaults 0.023 USD when never set).",
          Model("PricingUpdateRequest")
              .field("price_per_gb",
                     Field::number().min(0).describe("Cost per GB-month for managed storage"))
              .field("currency", Field::string()
                                     .pattern("[A-Z]{3}")
                                     .describe("ISO 4217 currency code (e.g. \"USD\", \"GBP\")")),
          {},
          {},
          true},
      [&config](const Request& r) -> Response {
        Json updates = Json::object();
        if (given(r.body(), "price_per_gb")) updates["price_per_gb"] = r.body()["price_per_gb"];
        if (given(r.body(), "currency")) updates["currency"] = r.body()["currency"];
        if (!updates.empty()) config.updateKeys([&](const Json&) { return updates; });
        const Json effective = config.effective();
        return Json{{"status", "saved"},
                    {"price_per_gb", effective.value("price_per_gb", Json())},
                    {"currency", effective.value("currency", Json())}};
      });
}

void addStreamingRoutes(Routes& routes, ConfigService& config) {
  const char* readDescription =
      "Form bounds {default,min,max} for events_per_batch, interval_seconds and "
      "total_duration_seconds, from config/streaming_limits.json over the built-in "
      "defaults. /api/config/streaming-limits and "
      "/api/generate/demo-data/streaming/limits read the same source.";
  routes.add(RouteSpec{Method::Get,
                       "/api/config/streaming-limits",
                       "Read the configured form bounds for the /demo-data Streaming Events tab.",
                       readDescription,
                       std::nullopt,
                       {},
                       {},
                       false},
             [&config](const Request&) -> Response { return config.streamingLimits(); });
  routes.add(RouteSpec{Method::Get,
                       "/api/generate/demo-data/streaming/limits",
                       "Return the configured form bounds for the Streaming Events tab.",
                       readDescription,
                       std::nullopt,
                       {},
                       {},
                       false},
             [&config](const Request&) -> Response { return config.streamingLimits(); });

  routes.add(RouteSpec{Method::Patch,
                       "/api/config/streaming-limits",
                       "Update the streaming-emit form bounds.",
                       "Partial: omitted fields and keys keep their value. Every field must keep "
                       "0 < min <= default <= max, else 400 and the file is not written.",
                       Model("StreamingLimitsUpdateRequest")
                           .field("events_per_batch", limitsField(true))
                           .field("interval_seconds", limitsField(false))
                           .field("total_duration_seconds", limitsField(true)),
                       {},
                       {},
                       true},
             [&config](const Request& r) -> Response {
               const Json body = r.body().is_object() ? r.body() : Json::object();
               return Json{{"status", "saved"}, {"limits", config.updateStreamingLimits(body)}};
             });
}

}  // namespace

void registerConfigRoutes(Routes& routes, ConfigService& config) {
  addReadRoutes(routes, config);
  addWriteRoutes(routes, config);
  addStreamingRoutes(routes, config);
}

}  // namespace clxs::kernel
