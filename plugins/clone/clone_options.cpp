#include "plugins/clone/clone_options.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/view_rewriter.hpp"

namespace clxs::clone {
namespace {

Json defaultExcludes() {
  return Json::array({"information_schema", "default"});
}

std::string str(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void checkRegex(const Json& body, const char* field) {
  const auto pattern = str(body, field);
  if (pattern.empty()) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  const RE2 re(pattern, opts);
  if (!re.ok()) {
    throw unprocessable(Json::array({"body", field}),
                        std::string("invalid regular expression: ") + re.error());
  }
}

std::map<std::string, std::string> stringMap(const Json& body, const char* field) {
  std::map<std::string, std::string> out;
  const auto it = body.find(field);
  if (it == body.end() || !it->is_object()) return out;
  for (const auto& [k, val] : it->items()) {
    if (!val.is_string()) {
      throw unprocessable(Json::array({"body", field, k}), "value must be a string",
                          "type_error.str");
    }
    if (k.empty()) throw unprocessable(Json::array({"body", field}), "empty key");
    out[k] = val.get<std::string>();
  }
  return out;
}

std::vector<std::string> strings(const Json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& s : v) out.push_back(s.get<std::string>());
  return out;
}

Field flag(bool dflt, std::string text) {
  return Field::boolean().defaultsTo(dflt).describe(std::move(text));
}

}  // namespace

Model cloneRequestModel() {
  Model m("CloneRequest");
  m.field("source_catalog", Field::string().required().identifier().describe("Source catalog"))
      .field("destination_catalog",
             Field::string().required().identifier().describe("Destination catalog"))
      .field("warehouse_id", Field::string().describe("SQL warehouse ID (default: config)"))
      .field("clone_type", Field::string()
                               .oneOf({"DEEP", "SHALLOW"})
                               .caseInsensitive()
                               .defaultsTo("DEEP")
                               .describe("DEEP copies data files, SHALLOW references them"))
      .field("load_type", Field::string()
                              .oneOf({"FULL", "INCREMENTAL"})
                              .caseInsensitive()
                              .defaultsTo("FULL")
                              .describe("INCREMENTAL skips objects the destination has"))
      .field("dry_run", flag(false, "List every statement the run would issue; write nothing"))
      .field("max_workers",
             Field::integer().min(1).max(64).defaultsTo(4).describe("Schemas in parallel"))
      .field("parallel_tables", Field::integer().min(1).max(64).defaultsTo(1).describe(
                                    "Tables cloned simultaneously per schema"))
      .field("include_schemas", Field::array(Field::string().identifier())
                                    .defaultsTo(Json::array())
                                    .describe("Only clone these schemas"))
      .field("exclude_schemas", Field::array(Field::string().identifier())
                                    .defaultsTo(defaultExcludes())
                                    .describe("Schemas to skip"))
      .field("include_tables_regex",
             Field::string().maxLength(1000).describe("RE2 searched in object names"))
      .field("exclude_tables_regex",
             Field::string().maxLength(1000).describe("RE2; matching objects are skipped"))
      .field("copy_permissions", flag(true, "Copy grants"))
      .field("copy_ownership", flag(true, "Copy owners"))
      .field("copy_tags", flag(true, "Copy tags"))
      .field("copy_properties", flag(true, "Copy table properties"))
      .field("copy_security", flag(true, "Copy row filters and column masks"))
      .field("copy_constraints", flag(true, "Copy CHECK constraints"))
      .field("copy_comments", flag(true, "Copy comments"))
      .field("enable_rollback", flag(true, "Keep a rollback log"))
      .field("validate_after_clone", flag(false, "Compare row counts afterwards"))
      .field("validate_checksum", flag(false, "Also compare checksums"))
      .field("order_by_size", Field::string()
                                  .oneOf({"asc", "desc"})
                                  .caseInsensitive()
                                  .nullable()
                                  .describe("Clone tables by size"))
      .field("max_rps", Field::number().min(0).max(10000).defaultsTo(0).describe(
                            "Statements per second (0: unlimited)"))
      .field("as_of_timestamp", Field::string().nullable().maxLength(64).describe(
                                    "Time travel: clone each table as of this timestamp"))
      .field("as_of_version", Field::integer().nullable().min(0).describe(
                                  "Time travel: clone each table at this Delta version"))
      .field("location", Field::string().maxLength(2000).describe(
                             "Managed location of the destination catalog"))
      .field("serverless", flag(false, "Use serverless compute (Databricks)"))
      .field("volume", Field::string().maxLength(2000).describe("UC volume path for serverless"))
      .field(
          "include_objects",
          Field::array(Field::object({{"schema", Field::string().required().identifier()},
                                      {"name", Field::string().required().identifier()},
                                      {"type", Field::string()
                                                   .required()
                                                   .oneOf({"table", "view", "function", "volume"})
                                                   .caseInsensitive()}}))
              .maxLength(100000)
              .defaultsTo(Json::array())
              .describe("Partial scope: only these {schema, name, type} objects"))
      .field("target_workspace",
             Field::object().nullable().describe("Cross-workspace clone (not available yet)"))
      .field("clone_views", flag(true, "Cross-workspace only"))
      .field("clone_functions", flag(true, "Cross-workspace only"))
      .field("clone_volumes", flag(true, "Cross-workspace only"))
      .field("volume_max_file_mb",
             Field::integer().min(1).max(100000).defaultsTo(500).describe("Cross-workspace only"))
      .field("max_duration_min", Field::number().nullable().min(0).describe(
                                     "Abort once the run has taken this many minutes"))
      .field("max_tables", Field::integer().nullable().min(1).describe(
                               "Abort once this many tables have been cloned"))
      .field("source_snapshot_id",
             Field::string().nullable().describe("Clone every table at a captured snapshot"))
      .field("target_format", Field::string()
                                  .oneOf({"DELTA", "ICEBERG"})
                                  .caseInsensitive()
                                  .defaultsTo("DELTA")
                                  .describe("ICEBERG enables UniForm on the destination"))
      .field("iceberg_physical", flag(false, "CTAS USING iceberg instead of UniForm"))
      .field("auto_mask_pii", flag(false, "Mask PII columns (not available yet)"))
      .field("enable_retry", flag(true, "Retry transient failures with backoff"))
      .field("compare_dq_after_clone",
             flag(false, "Compare row counts and per-column NULL counts after each schema"))
      .field("dq_drift_rollback_pct", Field::number().min(0).max(100).defaultsTo(5.0).describe(
                                          "Drift that restores a table"))
      .field("where_clauses",
             Field::object()
                 .defaultsTo(Json::object())
                 .describe("{\"schema.table\" or \"*\": predicate}; DEEP only (CTAS path)"))
      .field("clone_tbl_properties",
             Field::object()
                 .defaultsTo(Json::object())
                 .describe("TBLPROPERTIES rendered on every CLONE statement"))
      .field("quiesce_source",
             flag(false, "Revoke write privileges on the source for the run, then re-grant"))
      .field("resume_job_id",
             Field::string().describe("Finish the objects an earlier run did not reach"));
  return m;
}

Json withDefaults(const Json& body) {
  Json out = body;
  const Model model = cloneRequestModel();
  for (const auto& [name, field] : model.fields()) {
    if ((!out.contains(name) || out[name].is_null()) && field.defaultValue()) {
      out[name] = *field.defaultValue();
    }
  }
  return out;
}

CloneOptions parseCloneOptions(const Json& validated) {
  // Not const: operator[] reads an absent optional field as null.
  Json body = withDefaults(validated);
  CloneOptions o;
  o.sourceCatalog = body["source_catalog"].get<std::string>();
  o.destinationCatalog = body["destination_catalog"].get<std::string>();
  if (upperAscii(o.sourceCatalog) == upperAscii(o.destinationCatalog)) {
    throw unprocessable(Json::array({"body", "destination_catalog"}),
                        "destination_catalog must differ from source_catalog");
  }
  if (body.value("auto_mask_pii", false)) {
    throw notImplemented(
        "auto_mask_pii is not available yet: PII detection and masking "
        "arrive with the privacy plugin");
  }
  if (body.contains("target_workspace") && !body["target_workspace"].is_null()) {
    throw notImplemented(
        "target_workspace is not available yet: cross-workspace clones "
        "arrive with the Databricks workspace");
  }
  if (body.contains("source_snapshot_id") && body["source_snapshot_id"].is_string()) {
    o.sourceSnapshotId = body["source_snapshot_id"].get<std::string>();
    // A snapshot pins every table's version; a second point in time contradicts it.
    for (const char* field : {"as_of_version", "as_of_timestamp"}) {
      if (body.contains(field) && !body[field].is_null()) {
        throw unprocessable(Json::array({"body", field}),
                            std::string(field) + " cannot be combined with source_snapshot_id");
      }
    }
  }
  checkRegex(body, "include_tables_regex");
  checkRegex(body, "exclude_tables_regex");
  o.warehouseId = str(body, "warehouse_id");
  o.cloneType = body["clone_type"] == "SHALLOW" ? CloneType::Shallow : CloneType::Deep;
  o.loadType = body["load_type"] == "INCREMENTAL" ? LoadType::Incremental : LoadType::Full;
  o.dryRun = body["dry_run"].get<bool>();
  o.maxWorkers = body["max_workers"].get<int>();
  o.parallelTables = body["parallel_tables"].get<int>();
  o.includeSchemas = strings(body["include_schemas"]);
  o.excludeSchemas = strings(body["exclude_schemas"]);
  o.includeTablesRegex = str(body, "include_tables_regex");
  o.excludeTablesRegex = str(body, "exclude_tables_regex");
  for (const auto& obj : body["include_objects"]) {
    std::string type = obj["type"].get<std::string>();
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    o.includeObjects.push_back(
        {obj["schema"].get<std::string>(), obj["name"].get<std::string>(), type});
  }
  o.copyPermissions = body["copy_permissions"].get<bool>();
  o.copyOwnership = body["copy_ownership"].get<bool>();
  o.copyTags = body["copy_tags"].get<bool>();
  o.copyProperties = body["copy_properties"].get<bool>();
  o.copySecurity = body["copy_security"].get<bool>();
  o.copyConstraints = body["copy_constraints"].get<bool>();
  o.copyComments = body["copy_comments"].get<bool>();
  o.enableRollback = body["enable_rollback"].get<bool>();
  o.validateAfterClone = body["validate_after_clone"].get<bool>();
  o.validateChecksum = body["validate_checksum"].get<bool>();
  if (body["order_by_size"].is_string()) {
    o.orderBySize = body["order_by_size"] == "desc" ? SizeOrder::Descending : SizeOrder::Ascending;
  }
  o.maxRps = body["max_rps"].get<double>();
  if (body["as_of_timestamp"].is_string() && !body["as_of_timestamp"].get<std::string>().empty())
    o.asOfTimestamp = body["as_of_timestamp"].get<std::string>();
  if (body["as_of_version"].is_number_integer())
    o.asOfVersion = body["as_of_version"].get<std::int64_t>();
  if (o.asOfTimestamp && o.asOfVersion) {
    throw unprocessable(Json::array({"body", "as_of_version"}),
                        "give as_of_timestamp or as_of_version, not both");
  }
  o.location = str(body, "location");
  o.whereClauses = stringMap(body, "where_clauses");
  for (const auto& [key, predicate] : o.whereClauses) {
    const Json loc = Json::array({"body", "where_clauses", key});
    if (key != "*") {
      std::vector<std::string> parts;
      try {
        parts = splitQualified(key);
      } catch (const HttpError&) {
      }
      if (parts.size() != 2) throw unprocessable(loc, "keys are \"schema.table\" or \"*\"");
    }
    if (predicate.find_first_not_of(" \t\r\n") == std::string::npos ||
        !isSingleExpression(predicate)) {
      throw unprocessable(loc,
                          "the predicate must be one boolean expression: balanced "
                          "parentheses, no ';' or comment outside string literals");
    }
  }
  o.cloneTblProperties = stringMap(body, "clone_tbl_properties");
  o.targetFormat = body["target_format"].get<std::string>();
  o.icebergPhysical = body["iceberg_physical"].get<bool>();
  o.enableRetry = body["enable_retry"].get<bool>();
  o.compareDqAfterClone = body["compare_dq_after_clone"].get<bool>();
  o.dqDriftRollbackPct = body["dq_drift_rollback_pct"].get<double>();
  o.quiesceSource = body["quiesce_source"].get<bool>();
  if (body["max_duration_min"].is_number()) o.maxDurationMin = body["max_duration_min"];
  if (body["max_tables"].is_number_integer()) o.maxTables = body["max_tables"];
  o.resumeJobId = str(body, "resume_job_id");

  if (!o.whereClauses.empty() && o.cloneType == CloneType::Shallow) {
    o.warnings.push_back("where_clauses ignored: a SHALLOW clone cannot filter rows");
    o.whereClauses.clear();
  }
  if (o.icebergPhysical && o.targetFormat != "ICEBERG") {
    o.warnings.push_back("iceberg_physical ignored: target_format is not ICEBERG");
    o.icebergPhysical = false;
  }
  if (o.icebergPhysical && (o.asOfTimestamp || o.asOfVersion)) {
    o.warnings.push_back(
        "time travel ignored: a physical Iceberg copy is a CTAS of the "
        "current state");
  }
  return o;
}

Json toJson(const CloneOptions& o) {
  Json j{{"source_catalog", o.sourceCatalog},
         {"destination_catalog", o.destinationCatalog},
         {"clone_type", o.cloneType == CloneType::Deep ? "DEEP" : "SHALLOW"},
         {"load_type", o.loadType == LoadType::Full ? "FULL" : "INCREMENTAL"},
         {"dry_run", o.dryRun},
         {"max_workers", o.maxWorkers},
         {"parallel_tables", o.parallelTables},
         {"include_schemas", o.includeSchemas},
         {"exclude_schemas", o.excludeSchemas},
         {"include_tables_regex", o.includeTablesRegex},
         {"exclude_tables_regex", o.excludeTablesRegex},
         {"copy_permissions", o.copyPermissions},
         {"copy_ownership", o.copyOwnership},
         {"copy_tags", o.copyTags},
         {"copy_properties", o.copyProperties},
         {"copy_security", o.copySecurity},
         {"copy_constraints", o.copyConstraints},
         {"copy_comments", o.copyComments},
         {"enable_rollback", o.enableRollback},
         {"validate_after_clone", o.validateAfterClone},
         {"validate_checksum", o.validateChecksum},
         {"max_rps", o.maxRps},
         {"target_format", o.targetFormat},
         {"enable_retry", o.enableRetry},
         {"quiesce_source", o.quiesceSource}};
  j["order_by_size"] = o.orderBySize == SizeOrder::None        ? Json()
                       : o.orderBySize == SizeOrder::Ascending ? Json("asc")
                                                               : Json("desc");
  j["as_of_timestamp"] = o.asOfTimestamp ? Json(*o.asOfTimestamp) : Json();
  j["as_of_version"] = o.asOfVersion ? Json(*o.asOfVersion) : Json();
  Json objects = Json::array();
  for (const auto& obj : o.includeObjects)
    objects.push_back({{"schema", obj.schema}, {"name", obj.name}, {"type", obj.type}});
  j["include_objects"] = objects;
  j["where_clauses"] = o.whereClauses;
  j["clone_tbl_properties"] = o.cloneTblProperties;
  if (!o.location.empty()) j["location"] = o.location;
  if (o.maxDurationMin) j["max_duration_min"] = *o.maxDurationMin;
  if (o.maxTables) j["max_tables"] = *o.maxTables;
  if (!o.resumeJobId.empty()) j["resume_job_id"] = o.resumeJobId;
  if (!o.sourceSnapshotId.empty()) j["source_snapshot_id"] = o.sourceSnapshotId;
  j["compare_dq_after_clone"] = o.compareDqAfterClone;
  j["dq_drift_rollback_pct"] = o.dqDriftRollbackPct;
  j["iceberg_physical"] = o.icebergPhysical;
  return j;
}

}  // namespace clxs::clone
