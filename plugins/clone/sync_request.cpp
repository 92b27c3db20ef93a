#include "plugins/clone/sync_request.hpp"

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

Model commonFields(const char* name) {
  Model m(name);
  m.field("source_catalog", Field::string().required().identifier().describe("Source catalog"))
      .field("destination_catalog",
             Field::string().required().identifier().describe("Destination catalog"))
      .field("warehouse_id", Field::string().describe("SQL warehouse ID (default: config)"))
      .field("clone_type", Field::string()
                               .oneOf({"DEEP", "SHALLOW"})
                               .caseInsensitive()
                               .defaultsTo("DEEP")
                               .describe("How changed tables are re-cloned"))
      .field("dry_run",
             Field::boolean().defaultsTo(false).describe("Report the plan; write nothing"))
      .field("max_workers",
             Field::integer().min(1).max(64).defaultsTo(4).describe("Tables compared and "
                                                                    "cloned in parallel"));
  return m;
}

// Reads a field of an unvalidated body: absent or null gives `fallback`, a wrong type a 422.
template <typename T>
T read(const Json& body, const char* key, T fallback) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  const Json& v = body[key];
  const bool ok = [&] {
    if constexpr (std::is_same_v<T, bool>) return v.is_boolean();
    if constexpr (std::is_same_v<T, int>) return v.is_number_integer();
    if constexpr (std::is_same_v<T, std::string>) return v.is_string();
    return false;
  }();
  if (!ok)
    throw unprocessable(Json::array({"body", key}), std::string(key) + " has the wrong type");
  return v.get<T>();
}

std::string catalogField(const Json& body, const char* key) {
  auto name = read<std::string>(body, key, "");
  if (name.empty()) throw unprocessable(Json::array({"body", key}), "Field required", "missing");
  return name;
}

SyncOptions common(const Json& body) {
  SyncOptions o;
  o.sourceCatalog = catalogField(body, "source_catalog");
  o.destinationCatalog = catalogField(body, "destination_catalog");
  if (sameName(o.sourceCatalog, o.destinationCatalog)) {
    throw unprocessable(Json::array({"body", "destination_catalog"}),
                        "destination_catalog must differ from source_catalog");
  }
  o.warehouseId = read<std::string>(body, "warehouse_id", "");
  const auto type = upperAscii(read<std::string>(body, "clone_type", "DEEP"));
  if (type != "DEEP" && type != "SHALLOW") {
    throw unprocessable(Json::array({"body", "clone_type"}), "clone_type must be DEEP or SHALLOW");
  }
  o.cloneType = type == "DEEP" ? CloneType::Deep : CloneType::Shallow;
  o.dryRun = read<bool>(body, "dry_run", false);
  o.maxWorkers = read<int>(body, "max_workers", 4);
  if (o.maxWorkers < 1 || o.maxWorkers > 64) {
    throw unprocessable(Json::array({"body", "max_workers"}), "max_workers must be 1 to 64");
  }
  return o;
}

}  // namespace

Model syncRequestModel() {
  Model m = commonFields("SyncRequest");
  m.field("exclude_schemas", Field::array(Field::string().identifier())
                                 .defaultsTo(Json::array({"information_schema", "default"}))
                                 .describe("Schemas to skip"))
      .field("drop_extra", Field::boolean().defaultsTo(false).describe(
                               "Drop schemas and objects the source does not have"));
  return m;
}

Model incrementalRequestModel(bool forSync) {
  Model m = commonFields(forSync ? "IncrementalSyncRequest" : "IncrementalCheckRequest");
  m.field("schema_name", Field::string().required().describe(
                             "Schema to compare (\"*\": every schema but information_schema "
                             "and default)"));
  if (forSync) {
    m.field("serverless",
            Field::boolean().defaultsTo(false).describe(
                "Run on serverless compute (not available: syncs run in this server)"))
        .field("volume", Field::string().describe("UC volume for serverless runs"));
  }
  return m;
}

SyncOptions parseSyncOptions(const Json& body) {
  SyncOptions o = common(body);
  if (body.contains("exclude_schemas") && !body["exclude_schemas"].is_null()) {
    if (!body["exclude_schemas"].is_array()) {
      throw unprocessable(Json::array({"body", "exclude_schemas"}),
                          "exclude_schemas must be a list of schema names");
    }
    o.excludeSchemas.clear();
    for (const auto& s : body["exclude_schemas"]) {
      if (!s.is_string()) {
        throw unprocessable(Json::array({"body", "exclude_schemas"}),
                            "exclude_schemas must be a list of schema names");
      }
      o.excludeSchemas.push_back(s.get<std::string>());
    }
  }
  o.dropExtra = read<bool>(body, "drop_extra", false);
  return o;
}

SyncOptions parseIncrementalOptions(const Json& body) {
  SyncOptions o = common(body);
  const auto schema = read<std::string>(body, "schema_name", "");
  if (schema.empty()) {
    throw unprocessable(Json::array({"body", "schema_name"}), "Field required", "missing");
  }
  if (schema != "*") o.schemas = {schema};
  if (read<bool>(body, "serverless", false)) {
    throw notImplemented(
        "serverless incremental syncs are not available: syncs run as jobs of this server");
  }
  o.tablesOnly = true;
  return o;
}

}  // namespace clxs::clone
