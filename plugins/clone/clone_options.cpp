#include "plugins/clone/clone_options.hpp"

#include <re2/re2.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "plugins/clone/body_check.hpp"
#include "plugins/clone/view_rewriter.hpp"

namespace clxs::clone {
namespace {

void checkRegex(const std::string& pattern, const char* field) {
  if (pattern.empty()) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  const RE2 re(pattern, opts);
  if (!re.ok()) {
    throw unprocessable(Json::array({"body", field}),
                        std::string("invalid regular expression: ") + re.error());
  }
}

// A free-form object of strings (where_clauses, clone_tbl_properties) as a map; 422 on a
// value that is not a string or an empty key. Null (a body built in code) is empty.
std::map<std::string, std::string> stringMap(const Json& value, const char* field) {
  std::map<std::string, std::string> out;
  if (!value.is_object()) return out;
  for (const auto& [k, val] : value.items()) {
    if (!val.is_string()) {
      throw unprocessable(Json::array({"body", field, k}), "value must be a string",
                          "type_error.str");
    }
    if (k.empty()) throw unprocessable(Json::array({"body", field}), "empty key");
    out[k] = val.get<std::string>();
  }
  return out;
}

void checkWhereClauses(const Json& whereClauses) {
  for (const auto& [key, predicate] : stringMap(whereClauses, "where_clauses")) {
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
}

// An empty as_of_timestamp means no time travel, as when it is absent.
std::optional<std::string> timestampOf(const CloneSettings& s) {
  if (s.asOfTimestamp && !s.asOfTimestamp->empty()) return s.asOfTimestamp;
  return std::nullopt;
}

void checkSettings(const CloneSettings& s) {
  if (s.autoMaskPii) {
    throw notImplemented(
        "auto_mask_pii is not available yet: PII detection and masking "
        "arrive with the privacy plugin");
  }
  if (s.targetWorkspace) {
    throw notImplemented(
        "target_workspace is not available yet: cross-workspace clones "
        "arrive with the Databricks workspace");
  }
  if (s.sourceSnapshotId) {
    // A snapshot pins every table's version; a second point in time contradicts it.
    if (s.asOfVersion) {
      throw unprocessable(Json::array({"body", "as_of_version"}),
                          "as_of_version cannot be combined with source_snapshot_id");
    }
    if (s.asOfTimestamp) {
      throw unprocessable(Json::array({"body", "as_of_timestamp"}),
                          "as_of_timestamp cannot be combined with source_snapshot_id");
    }
  }
  checkRegex(s.includeTablesRegex, "include_tables_regex");
  checkRegex(s.excludeTablesRegex, "exclude_tables_regex");
  if (timestampOf(s) && s.asOfVersion) {
    throw unprocessable(Json::array({"body", "as_of_version"}),
                        "give as_of_timestamp or as_of_version, not both");
  }
  checkWhereClauses(s.whereClauses);
  (void)stringMap(s.cloneTblProperties, "clone_tbl_properties");
}

}  // namespace

const Schema<IncludedObject>& IncludedObject::schema() {
  static const auto s =
      Schema<IncludedObject>("IncludedObject")
          .field("schema", &IncludedObject::schemaName, Field::string().required().identifier())
          .field("name", &IncludedObject::name, Field::string().required().identifier())
          .field("type", &IncludedObject::type,
                 Field::string()
                     .required()
                     .oneOf({"table", "view", "function", "volume"})
                     .caseInsensitive());
  return s;
}

const Schema<CloneSettings>& CloneSettings::schema() {
  using S = CloneSettings;
  static const auto s =
      Schema<S>("CloneSettings")
          .include(&S::basics)
          .field("load_type", &S::loadType,
                 Field::string()
                     .oneOf({"FULL", "INCREMENTAL"})
                     .caseInsensitive()
                     .describe("INCREMENTAL skips objects the destination has"))
          .field(
              "parallel_tables", &S::parallelTables,
              Field::integer().min(1).max(64).describe("Tables cloned simultaneously per schema"))
          .field("include_schemas", &S::includeSchemas,
                 Field::array(Field::string().identifier()).describe("Only clone these schemas"))
          .include(&S::excluded)
          .field("include_tables_regex", &S::includeTablesRegex,
                 Field::string().maxLength(1000).describe("RE2 searched in object names"))
          .field("exclude_tables_regex", &S::excludeTablesRegex,
                 Field::string().maxLength(1000).describe("RE2; matching objects are skipped"))
          .field("copy_permissions", &S::copyPermissions, "Copy grants")
          .field("copy_ownership", &S::copyOwnership, "Copy owners")
          .field("copy_tags", &S::copyTags, "Copy tags")
          .field("copy_properties", &S::copyProperties, "Copy table properties")
          .field("copy_security", &S::copySecurity, "Copy row filters and column masks")
          .field("copy_constraints", &S::copyConstraints, "Copy CHECK constraints")
          .field("copy_comments", &S::copyComments, "Copy comments")
          .field("enable_rollback", &S::enableRollback, "Keep a rollback log")
          .field("validate_after_clone", &S::validateAfterClone, "Compare row counts afterwards")
          .field("validate_checksum", &S::validateChecksum, "Also compare checksums")
          .field("order_by_size", &S::orderBySize,
                 Field::string()
                     .oneOf({"asc", "desc"})
                     .caseInsensitive()
                     .describe("Clone tables by size"))
          .field("max_rps", &S::maxRps,
                 Field::number().min(0).max(10000).describe("Statements per second (0: unlimited)"))
          .field("as_of_timestamp", &S::asOfTimestamp,
                 Field::string().maxLength(64).describe(
                     "Time travel: clone each table as of this timestamp"))
          .field("as_of_version", &S::asOfVersion,
                 Field::integer().min(0).describe(
                     "Time travel: clone each table at this Delta version"))
          .field("location", &S::location,
                 Field::string().maxLength(2000).describe(
                     "Managed location of the destination catalog"))
          .field("serverless", &S::serverless, "Use serverless compute (Databricks)")
          .field("volume", &S::volume,
                 Field::string().maxLength(2000).describe("UC volume path for serverless"))
          .field("include_objects", &S::includeObjects,
                 Field::array(IncludedObject::schema().asField())
                     .maxLength(100000)
                     .describe("Partial scope: only these {schema, name, type} objects"))
          .field("target_workspace", &S::targetWorkspace,
                 Field::object().describe("Cross-workspace clone (not available yet)"))
          .field("clone_views", &S::cloneViews, "Cross-workspace only")
          .field("clone_functions", &S::cloneFunctions, "Cross-workspace only")
          .field("clone_volumes", &S::cloneVolumes, "Cross-workspace only")
          .field("volume_max_file_mb", &S::volumeMaxFileMb,
                 Field::integer().min(1).max(100000).describe("Cross-workspace only"))
          .field("max_duration_min", &S::maxDurationMin,
                 Field::number().min(0).describe("Abort once the run has taken this many minutes"))
          .field("max_tables", &S::maxTables,
                 Field::integer().min(1).describe("Abort once this many tables have been cloned"))
          .field("source_snapshot_id", &S::sourceSnapshotId,
                 Field::string().describe("Clone every table at a captured snapshot"))
          .field("target_format", &S::targetFormat,
                 Field::string()
                     .oneOf({"DELTA", "ICEBERG"})
                     .caseInsensitive()
                     .describe("ICEBERG enables UniForm on the destination"))
          .field("iceberg_physical", &S::icebergPhysical, "CTAS USING iceberg instead of UniForm")
          .field("auto_mask_pii", &S::autoMaskPii, "Mask PII columns (not available yet)")
          .field("enable_retry", &S::enableRetry, "Retry transient failures with backoff")
          .field("compare_dq_after_clone", &S::compareDqAfterClone,
                 "Compare row counts and per-column NULL counts after each schema")
          .field("dq_drift_rollback_pct", &S::dqDriftRollbackPct,
                 Field::number().min(0).max(100).describe("Drift that restores a table"))
          .field("where_clauses", &S::whereClauses,
                 Field::object().describe(
                     "{\"schema.table\" or \"*\": predicate}; DEEP only (CTAS path)"))
          .field("clone_tbl_properties", &S::cloneTblProperties,
                 Field::object().describe("TBLPROPERTIES rendered on every CLONE statement"))
          .field("quiesce_source", &S::quiesceSource,
                 "Revoke write privileges on the source for the run, then re-grant")
          .check(checkSettings);
  return s;
}

const Schema<CloneRequest>& CloneRequest::schema() {
  static const auto s = Schema<CloneRequest>("CloneRequest")
                            .include(&CloneRequest::catalogs)
                            .include(&CloneRequest::settings)
                            .field("resume_job_id", &CloneRequest::resumeJobId,
                                   "Finish the objects an earlier run did not reach");
  return s;
}

CloneOptions cloneOptionsOf(CloneRequest& request) {
  CloneSettings& s = request.settings;
  CloneOptions o;
  if (s.whereClauses.is_object() && !s.whereClauses.empty() && s.basics.cloneType == "SHALLOW") {
    o.warnings.push_back("where_clauses ignored: a SHALLOW clone cannot filter rows");
    s.whereClauses = Json::object();
  }
  if (s.icebergPhysical && s.targetFormat != "ICEBERG") {
    o.warnings.push_back("iceberg_physical ignored: target_format is not ICEBERG");
    s.icebergPhysical = false;
  }
  if (s.icebergPhysical && (timestampOf(s) || s.asOfVersion)) {
    o.warnings.push_back(
        "time travel ignored: a physical Iceberg copy is a CTAS of the "
        "current state");
  }
  o.sourceCatalog = request.catalogs.source.name;
  o.destinationCatalog = request.catalogs.destination;
  o.warehouseId = s.basics.warehouseId;
  o.cloneType = s.basics.cloneType == "SHALLOW" ? CloneType::Shallow : CloneType::Deep;
  o.loadType = s.loadType == "INCREMENTAL" ? LoadType::Incremental : LoadType::Full;
  o.dryRun = s.basics.dryRun;
  o.maxWorkers = s.basics.maxWorkers;
  o.parallelTables = s.parallelTables;
  o.includeSchemas = s.includeSchemas;
  o.excludeSchemas = s.excluded.names;
  o.includeTablesRegex = s.includeTablesRegex;
  o.excludeTablesRegex = s.excludeTablesRegex;
  o.includeObjects = s.includeObjects;
  o.copyPermissions = s.copyPermissions;
  o.copyOwnership = s.copyOwnership;
  o.copyTags = s.copyTags;
  o.copyProperties = s.copyProperties;
  o.copySecurity = s.copySecurity;
  o.copyConstraints = s.copyConstraints;
  o.copyComments = s.copyComments;
  o.enableRollback = s.enableRollback;
  o.validateAfterClone = s.validateAfterClone;
  o.validateChecksum = s.validateChecksum;
  if (s.orderBySize) {
    o.orderBySize = *s.orderBySize == "desc" ? SizeOrder::Descending : SizeOrder::Ascending;
  }
  o.maxRps = s.maxRps;
  o.asOfTimestamp = timestampOf(s);
  o.asOfVersion = s.asOfVersion;
  o.location = s.location;
  o.whereClauses = stringMap(s.whereClauses, "where_clauses");
  o.cloneTblProperties = stringMap(s.cloneTblProperties, "clone_tbl_properties");
  o.targetFormat = s.targetFormat;
  o.icebergPhysical = s.icebergPhysical;
  o.enableRetry = s.enableRetry;
  o.compareDqAfterClone = s.compareDqAfterClone;
  o.dqDriftRollbackPct = s.dqDriftRollbackPct;
  o.quiesceSource = s.quiesceSource;
  o.maxDurationMin = s.maxDurationMin;
  o.maxTables = s.maxTables;
  o.resumeJobId = request.resumeJobId;
  o.sourceSnapshotId = s.sourceSnapshotId.value_or("");
  return o;
}

CloneOptions parseCloneOptions(const Json& body) {
  auto request = parseUnvalidated<CloneRequest>(body);
  return cloneOptionsOf(request);
}

}  // namespace clxs::clone
