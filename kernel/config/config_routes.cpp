#include "kernel/config/config_routes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "kernel/config/config_diff.hpp"
#include "kernel/config/secret_mask.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kDefaultPath = "config/clone_config.yaml";

// A declared query parameter: absent (null) means "not given".
std::string queryText(const Json& query, const char* key, const std::string& fallback = {}) {
  auto it = query.find(key);
  return it != query.end() && it->is_string() ? it->get<std::string>() : fallback;
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

Model streamingLimitsModel() {
  const auto bounds = [](const char* what) {
    return Field::object({{"default", Field::number().describe("Value the form starts with")},
                          {"min", Field::number().describe("Smallest accepted value")},
                          {"max", Field::number().describe("Largest accepted value")}})
        .required()
        .describe(what);
  };
  return Model("StreamingLimits")
      .field("events_per_batch", bounds("Events per emitted batch (integers)"))
      .field("interval_seconds", bounds("Seconds between batches"))
      .field("total_duration_seconds", bounds("Seconds the stream runs (integers)"));
}

struct ConfigProfiles {
  std::vector<std::string> profiles;
  static const Schema<ConfigProfiles>& schema() {
    static const auto s =
        Schema<ConfigProfiles>("ConfigProfiles")
            .field(
                "profiles", &ConfigProfiles::profiles,
                Field::array(Field::string()).required().describe("Profile names in file order"));
    return s;
  }
};

struct ConfigDiffRequest {
  std::string fileA;
  std::string fileB;
  static const Schema<ConfigDiffRequest>& schema() {
    static const auto s =
        Schema<ConfigDiffRequest>("ConfigDiffRequest")
            .field("file_a", &ConfigDiffRequest::fileA,
                   Field::string().required().minLength(1).maxLength(4096).describe(
                       "Path to first config"))
            .field("file_b", &ConfigDiffRequest::fileB,
                   Field::string().required().minLength(1).maxLength(4096).describe(
                       "Path to second config"));
    return s;
  }
};

struct ConfigDiff {
  std::string fileA;
  std::string fileB;
  Json differences;
  bool identical = false;
  static const Schema<ConfigDiff>& schema() {
    static const auto s =
        Schema<ConfigDiff>("ConfigDiff")
            .field("file_a", &ConfigDiff::fileA,
                   Field::string().required().describe("First file, relative to the server"))
            .field("file_b", &ConfigDiff::fileB,
                   Field::string().required().describe("Second file, relative to the server"))
            .field(
                "differences", &ConfigDiff::differences,
                Field::array(Field::object({{"key", Field::string().describe("Dotted key")},
                                            {"a", Field::any().describe("Value in file_a")},
                                            {"b", Field::any().describe("Value in file_b")},
                                            {"change", Field::string()
                                                           .oneOf({"added", "removed", "changed"})
                                                           .describe("What changed")}}))
                    .required()
                    .describe("One entry per differing key, sorted by key"))
            .field("identical", &ConfigDiff::identical,
                   Field::boolean().required().describe("Whether there are no differences"));
    return s;
  }
};

struct ConfigUpdateRequest {
  std::string yamlContent;
  std::string path = kDefaultPath;
  static const Schema<ConfigUpdateRequest>& schema() {
    static const auto s =
        Schema<ConfigUpdateRequest>("ConfigUpdateRequest")
            .field("yaml_content", &ConfigUpdateRequest::yamlContent,
                   Field::string().required().describe("Full YAML content"))
            .field("path", &ConfigUpdateRequest::path,
                   Field::string().maxLength(4096).describe("File path to write"));
    return s;
  }
};

struct ConfigSaved {
  std::string status = "saved";
  std::string path;
  static const Schema<ConfigSaved>& schema() {
    static const auto s =
        Schema<ConfigSaved>("ConfigSaved")
            .field("status", &ConfigSaved::status,
                   Field::string().required().describe("Always saved"))
            .field("path", &ConfigSaved::path,
                   Field::string().required().describe("The file written, relative to the server"));
    return s;
  }
};

struct AuditSettingsRequest {
  std::string catalog = "clone_audit";
  std::string schemaName = "logs";
  std::optional<std::string> table;
  static const Schema<AuditSettingsRequest>& schema() {
    static const auto s =
        Schema<AuditSettingsRequest>("AuditSettingsRequest")
            .field("catalog", &AuditSettingsRequest::catalog,
                   Field::string().identifier().describe("Audit catalog name"))
            .field("schema", &AuditSettingsRequest::schemaName,
                   Field::string().identifier().describe("Audit schema name"))
            .field("table", &AuditSettingsRequest::table,
                   Field::string().identifier().describe(
                       "Audit table name (default: current, else clone_operations)"));
    return s;
  }
};

struct AuditTrail {
  std::string catalog;
  std::string schemaName;
  std::string table;
  static const Schema<AuditTrail>& schema() {
    static const auto s =
        Schema<AuditTrail>("AuditTrail")
            .field("catalog", &AuditTrail::catalog,
                   Field::string().required().describe("Audit catalog"))
            .field("schema", &AuditTrail::schemaName,
                   Field::string().required().describe("Audit schema"))
            .field("table", &AuditTrail::table, Field::string().required().describe("Audit table"));
    return s;
  }
};

struct AuditSaved {
  std::string status = "saved";
  AuditTrail auditTrail;
  static const Schema<AuditSaved>& schema() {
    static const auto s =
        Schema<AuditSaved>("AuditSaved")
            .field("status", &AuditSaved::status,
                   Field::string().required().describe("Always saved"))
            .field("audit_trail", &AuditSaved::auditTrail,
                   AuditTrail::schema().asField().required().describe("The audit_trail written"));
    return s;
  }
};

struct WarehouseUpdateRequest {
  std::string warehouseId;
  static const Schema<WarehouseUpdateRequest>& schema() {
    static const auto s =
        Schema<WarehouseUpdateRequest>("WarehouseUpdateRequest")
            .field("warehouse_id", &WarehouseUpdateRequest::warehouseId,
                   Field::string().required().identifier().describe("Databricks SQL warehouse ID"));
    return s;
  }
};

struct WarehouseSaved {
  std::string status = "saved";
  std::string sqlWarehouseId;
  static const Schema<WarehouseSaved>& schema() {
    static const auto s =
        Schema<WarehouseSaved>("WarehouseSaved")
            .field("status", &WarehouseSaved::status,
                   Field::string().required().describe("Always saved"))
            .field("sql_warehouse_id", &WarehouseSaved::sqlWarehouseId,
                   Field::string().required().describe("The id written, trimmed"));
    return s;
  }
};

// Absent fields keep their value in the file, hence optional members.
struct PerformanceUpdateRequest {
  std::optional<std::int64_t> maxWorkers;
  std::optional<std::int64_t> parallelTables;
  std::optional<std::int64_t> maxParallelQueries;
  static const Schema<PerformanceUpdateRequest>& schema() {
    static const auto s =
        Schema<PerformanceUpdateRequest>("PerformanceUpdateRequest")
            .field("max_workers", &PerformanceUpdateRequest::maxWorkers,
                   Field::integer().min(1).max(256).describe("Schemas processed in parallel"))
            .field("parallel_tables", &PerformanceUpdateRequest::parallelTables,
                   Field::integer().min(1).max(256).describe(
                       "Tables cloned in parallel within a schema"))
            .field("max_parallel_queries", &PerformanceUpdateRequest::maxParallelQueries,
                   Field::integer().min(1).max(1024).describe(
                       "Concurrent SQL statements upper bound"));
    return s;
  }
};

struct PerformanceSaved {
  std::string status = "saved";
  static const Schema<PerformanceSaved>& schema() {
    static const auto s = Schema<PerformanceSaved>("PerformanceSaved")
                              .field("status", &PerformanceSaved::status,
                                     Field::string().required().describe("Always saved"));
    return s;
  }
};

// price_per_gb stays Json so a price keeps the number form it was sent in (1 is written as 1,
// not 1.0).
struct PricingUpdateRequest {
  std::optional<Json> pricePerGb;
  std::optional<std::string> currency;
  static const Schema<PricingUpdateRequest>& schema() {
    static const auto s =
        Schema<PricingUpdateRequest>("PricingUpdateRequest")
            .field("price_per_gb", &PricingUpdateRequest::pricePerGb,
                   Field::number().min(0).describe("Cost per GB-month for managed storage"))
            .field("currency", &PricingUpdateRequest::currency,
                   Field::string()
                       .pattern("[A-Z]{3}")
                       .describe("ISO 4217 currency code (e.g. \"USD\", \"GBP\")"));
    return s;
  }
};

// The effective values as the config holds them.
struct PricingSaved {
  std::string status = "saved";
  Json pricePerGb;
  Json currency;
  static const Schema<PricingSaved>& schema() {
    static const auto s =
        Schema<PricingSaved>("PricingSaved")
            .field("status", &PricingSaved::status,
                   Field::string().required().describe("Always saved"))
            .field("price_per_gb", &PricingSaved::pricePerGb,
                   Field::number().required().nullable().describe("Effective cost per GB-month"))
            .field("currency", &PricingSaved::currency,
                   Field::string().required().nullable().describe("Effective currency code"));
    return s;
  }
};

// Each field stays Json: the service merges the bounds given, and a bound keeps its own
// number form (5 stays 5) in the file and in the service's error messages.
struct StreamingLimitsUpdateRequest {
  std::optional<Json> eventsPerBatch;
  std::optional<Json> intervalSeconds;
  std::optional<Json> totalDurationSeconds;
  static const Schema<StreamingLimitsUpdateRequest>& schema() {
    static const auto s =
        Schema<StreamingLimitsUpdateRequest>("StreamingLimitsUpdateRequest")
            .field("events_per_batch", &StreamingLimitsUpdateRequest::eventsPerBatch,
                   limitsField(true))
            .field("interval_seconds", &StreamingLimitsUpdateRequest::intervalSeconds,
                   limitsField(false))
            .field("total_duration_seconds", &StreamingLimitsUpdateRequest::totalDurationSeconds,
                   limitsField(true));
    return s;
  }
};

struct StreamingLimitsSaved {
  std::string status = "saved";
  Json limits;
  static const Schema<StreamingLimitsSaved>& schema() {
    static const auto s = Schema<StreamingLimitsSaved>("StreamingLimitsSaved")
                              .field("status", &StreamingLimitsSaved::status,
                                     Field::string().required().describe("Always saved"))
                              .field("limits", &StreamingLimitsSaved::limits,
                                     Field::object(streamingLimitsModel().fields())
                                         .required()
                                         .describe("The bounds now in effect"));
    return s;
  }
};

void addReadRoutes(Routes& routes, ConfigService& config) {
  routes.get("/api/config")
      .summary("Load and return the current config.")
      .description(
          "Returns the effective config of the file: built-in defaults, then the file, then the "
          "named profile's keys (shallow merge), without the profiles block. Secret values "
          "(tokens, passwords, webhook URLs) are masked. Unknown profile: 404 listing the known "
          "ones; a path outside the config directory: 400.")
      .query("path", pathQuery())
      .query("profile", Field::string().maxLength(255).describe("Config profile name"))
      // The document's keys are the config's own, so the model names none.
      .returns(Model("EffectiveConfig"))
      .handle([&config](const Request& r) {
        const std::string path = queryText(r.query(), "path", kDefaultPath);
        return maskSecrets(config.effectiveOf(path, queryText(r.query(), "profile")));
      });

  routes.get("/api/config/profiles")
      .summary("List available config profiles.")
      .description("Names of the profiles defined in the file, in file order.")
      .query("path", pathQuery())
      .returns<ConfigProfiles>()
      .handle([&config](const Request& r) {
        return ConfigProfiles{config.profileNames(queryText(r.query(), "path", kDefaultPath))};
      });

  routes.post("/api/config/diff")
      .summary("Compare two config files and return their differences.")
      .description(
          "Both files are read as they are on disk (no defaults). Nested keys are dotted "
          "(audit_trail.catalog); lists are compared whole; secrets are masked.")
      .body<ConfigDiffRequest>()
      .returns<ConfigDiff>()
      .handle([&config](const Request&, const ConfigDiffRequest& body) {
        Json differences = diffConfigs(config.document(body.fileA), config.document(body.fileB));
        const bool identical = differences.empty();
        return ConfigDiff{.fileA = config.display(config.resolve(body.fileA)),
                          .fileB = config.display(config.resolve(body.fileB)),
                          .differences = std::move(differences),
                          .identical = identical};
      });
}

void addWriteRoutes(Routes& routes, ConfigService& config) {
  routes.put("/api/config")
      .summary("Save config YAML to disk.")
      .description(
          "The YAML must parse as one mapping and its known keys must have the right types "
          "(e.g. max_workers an integer >= 1, clone_type DEEP or SHALLOW); otherwise 400 and "
          "the file is left as it was. The text is written verbatim (comments kept) and "
          "atomically.")
      .body<ConfigUpdateRequest>()
      .returns<ConfigSaved>()
      .mutates()
      .handle([&config](const Request&, const ConfigUpdateRequest& body) {
        return ConfigSaved{.path = config.saveYaml(body.path, body.yamlContent)};
      });

  routes.post("/api/config/audit")
      .summary("Save audit trail settings to config YAML.")
      .description(
          "Sets audit_trail {catalog, schema, table} in clone_config.yaml (table keeps its "
          "current value unless given) and metrics_table to <catalog>.metrics.clone_metrics, as "
          "the original does.")
      .body<AuditSettingsRequest>()
      .returns<AuditSaved>()
      .mutates()
      .handle([&config](const Request&, const AuditSettingsRequest& body) {
        AuditTrail trail{.catalog = body.catalog, .schemaName = body.schemaName};
        config.updateKeys([&](const Json& current) {
          std::string table = "clone_operations";
          auto existing = current.find("audit_trail");
          if (existing != current.end() && existing->is_object()) {
            auto t = existing->find("table");
            if (t != existing->end() && t->is_string() && !t->get<std::string>().empty()) {
              table = t->get<std::string>();
            }
          }
          trail.table = body.table.value_or(table);
          return Json{{"audit_trail", AuditTrail::schema().toJson(trail)},
                      {"metrics_table", body.catalog + ".metrics.clone_metrics"}};
        });
        return AuditSaved{.auditTrail = trail};
      });

  routes.patch("/api/config/warehouse")
      .summary("Update the active SQL warehouse ID in the config file.")
      .description(
          "Sets the top-level sql_warehouse_id of clone_config.yaml, keeping the rest of the "
          "file (comments included). Persists across restarts.")
      .body<WarehouseUpdateRequest>()
      .returns<WarehouseSaved>()
      .mutates()
      .handle([&config](const Request&, const WarehouseUpdateRequest& body) {
        const std::string id = trim(body.warehouseId);
        if (id.empty()) throw badRequest("warehouse_id is required; pick a SQL warehouse.");
        config.updateKeys([&](const Json&) { return Json{{"sql_warehouse_id", id}}; });
        return WarehouseSaved{.sqlWarehouseId = id};
      });

  routes.patch("/api/config/performance")
      .summary("Update performance tuning fields.")
      .description(
          "Only the fields given are written (max_workers, parallel_tables, "
          "max_parallel_queries); the others keep their current values.")
      .body<PerformanceUpdateRequest>()
      .returns<PerformanceSaved>()
      .mutates()
      .handle([&config](const Request&, const PerformanceUpdateRequest& body) {
        Json updates = Json::object();
        if (body.maxWorkers) updates["max_workers"] = *body.maxWorkers;
        if (body.parallelTables) updates["parallel_tables"] = *body.parallelTables;
        if (body.maxParallelQueries) updates["max_parallel_queries"] = *body.maxParallelQueries;
        if (!updates.empty()) config.updateKeys([&](const Json&) { return updates; });
        return PerformanceSaved{};
      });

  routes.patch("/api/config/pricing")
      .summary("Update storage pricing for cost calculations on the FinOps page.")
      .description(
          "Only the fields given are written. The answer shows the effective values (defaults "
          "0.023 USD when never set).")
      .body<PricingUpdateRequest>()
      .returns<PricingSaved>()
      .mutates()
      .handle([&config](const Request&, const PricingUpdateRequest& body) {
        Json updates = Json::object();
        if (body.pricePerGb) updates["price_per_gb"] = *body.pricePerGb;
        if (body.currency) updates["currency"] = *body.currency;
        if (!updates.empty()) config.updateKeys([&](const Json&) { return updates; });
        const Json effective = config.effective();
        return PricingSaved{.pricePerGb = effective.value("price_per_gb", Json()),
                            .currency = effective.value("currency", Json())};
      });
}

void addStreamingRoutes(Routes& routes, ConfigService& config) {
  const char* readDescription =
      "Form bounds {default,min,max} for events_per_batch, interval_seconds and "
      "total_duration_seconds, from config/streaming_limits.json over the built-in "
      "defaults. /api/config/streaming-limits and "
      "/api/generate/demo-data/streaming/limits read the same source.";
  routes.get("/api/config/streaming-limits")
      .summary("Read the configured form bounds for the /demo-data Streaming Events tab.")
      .description(readDescription)
      .returns(streamingLimitsModel())
      .handle([&config](const Request&) { return config.streamingLimits(); });
  routes.get("/api/generate/demo-data/streaming/limits")
      .summary("Return the configured form bounds for the Streaming Events tab.")
      .description(readDescription)
      .returns(streamingLimitsModel())
      .handle([&config](const Request&) { return config.streamingLimits(); });

  routes.patch("/api/config/streaming-limits")
      .summary("Update the streaming-emit form bounds.")
      .description(
          "Partial: omitted fields and keys keep their value. Every field must keep 0 < min <= "
          "default <= max, else 400 and the file is not written.")
      .body<StreamingLimitsUpdateRequest>()
      .returns<StreamingLimitsSaved>()
      .mutates()
      .handle([&config](const Request&, const StreamingLimitsUpdateRequest& body) {
        return StreamingLimitsSaved{.limits = config.updateStreamingLimits(
                                        StreamingLimitsUpdateRequest::schema().toJson(body))};
      });
}

}  // namespace

void registerConfigRoutes(Routes& routes, ConfigService& config) {
  addReadRoutes(routes, config);
  addWriteRoutes(routes, config);
  addStreamingRoutes(routes, config);
}

}  // namespace clxs::kernel
