#include "plugins/clone/audit/delta_audit.hpp"

#include <map>
#include <optional>
#include <set>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::audit {
namespace {

// Flush a MERGE once its text passes this size (Databricks statements are capped at 16 MiB;
// one run's log alone may hold 10 000 lines).
constexpr std::size_t kMaxStatementBytes = 1 << 20;

AuditColumn col(std::string name, std::string type, std::string comment = {}) {
  return {std::move(name), std::move(type), false, std::move(comment)};
}
AuditColumn key(std::string name, std::string comment) {
  return {std::move(name), "STRING", true, std::move(comment)};
}

std::vector<AuditTableSpec> buildSpecs() {
  AuditTableSpec runLogs{
      "run_logs",
      false,
      "job_id",
      "Clone-Xs run logs: one row per run with its log lines",
      {key("job_id", "Job id"), col("job_type", "STRING", "clone, sync or incremental_sync"),
       col("source_catalog", "STRING"), col("destination_catalog", "STRING"),
       col("clone_type", "STRING", "DEEP or SHALLOW"),
       col("status", "STRING", "completed, completed_with_errors, failed or cancelled"),
       col("started_at", "TIMESTAMP"), col("completed_at", "TIMESTAMP"),
       col("duration_seconds", "DOUBLE"),
       col("log_lines", "STRING", "JSON array of the run's log lines"),
       col("result_json", "STRING", "The run's result document (JSON)"),
       col("error_message", "STRING"),
       col("config_json", "STRING", "The run's options (JSON, secrets removed)"),
       col("user_name", "STRING"), col("host", "STRING", "Workspace host"),
       col("tables_cloned", "BIGINT"), col("tables_failed", "BIGINT"),
       col("total_size_bytes", "BIGINT"),
       col("recorded_at", "TIMESTAMP", "When this row was written")}};
  AuditTableSpec operations{
      "clone_operations",
      false,
      "operation_id",
      "Clone-Xs operations: one row per finished run",
      {key("operation_id", "Job id"),
       col("operation_type", "STRING", "clone, sync or incremental_sync"),
       col("source_catalog", "STRING"),
       col("destination_catalog", "STRING"),
       col("clone_type", "STRING", "DEEP or SHALLOW"),
       col("started_at", "TIMESTAMP"),
       col("completed_at", "TIMESTAMP"),
       col("duration_seconds", "DOUBLE"),
       col("status", "STRING", "completed, completed_with_errors, failed or cancelled"),
       col("user_name", "STRING"),
       col("host", "STRING", "Workspace host"),
       col("tables_cloned", "BIGINT"),
       col("tables_failed", "BIGINT"),
       col("views_cloned", "BIGINT"),
       col("functions_cloned", "BIGINT"),
       col("volumes_cloned", "BIGINT"),
       col("total_size_bytes", "BIGINT"),
       col("tables_skipped", "BIGINT"),
       col("clone_mode", "STRING", "full, filtered or incremental"),
       col("trigger", "STRING", "manual unless the run's options say otherwise"),
       col("destination_existed", "BOOLEAN"),
       col("config_json", "STRING", "The run's options (JSON, secrets removed)"),
       col("summary_json", "STRING", "The run's result document (JSON)"),
       col("error_message", "STRING"),
       col("tags", "STRING", "JSON object of tags")}};
  AuditTableSpec metrics{
      "clone_metrics",
      true,
      "operation_id",
      "Clone-Xs run metrics: one row per finished run",
      {key("operation_id", "Job id"),
       col("source_catalog", "STRING"),
       col("destination_catalog", "STRING"),
       col("clone_type", "STRING"),
       col("started_at", "TIMESTAMP"),
       col("completed_at", "TIMESTAMP"),
       col("duration_seconds", "DOUBLE"),
       col("total_tables", "BIGINT", "Tables cloned, failed and skipped"),
       col("successful", "BIGINT"),
       col("failed", "BIGINT"),
       col("failure_rate", "DOUBLE", "Percent (0-100) of attempted tables that failed"),
       col("throughput_tables_per_min", "DOUBLE"),
       col("avg_table_clone_seconds", "DOUBLE"),
       col("total_row_count", "BIGINT", "Rows copied, when counted"),
       col("total_size_bytes", "BIGINT"),
       col("user_name", "STRING"),
       col("status", "STRING"),
       col("job_type", "STRING"),
       col("metrics_json", "STRING", "Every metric of the run (JSON)"),
       col("recorded_at", "TIMESTAMP", "When this row was written")}};
  return {runLogs, operations, metrics};
}

Json documentText(const Json& doc) {
  return doc.is_null() ? Json() : Json(doc.dump());
}

std::string cast(const Json& v, const std::string& type) {
  std::string literal = "NULL";
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (!s.empty() || type == "STRING") literal = quoteLiteral(s);
  } else if (v.is_boolean()) {
    literal = v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    literal = v.dump();
  } else if (!v.is_null()) {
    literal = quoteLiteral(v.dump());
  }
  return "CAST(" + literal + " AS " + type + ")";
}

bool nonEmpty(const Json& v) {
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_array() || v.is_object()) return !v.empty();
  return false;
}

std::string cloneMode(const RunDetail& d, const Json& config) {
  if (d.run.operation == "incremental_sync") return "incremental";
  if (!config.is_object()) return "full";
  if (config.value("load_type", Json()) == "INCREMENTAL") return "incremental";
  for (const char* k : {"include_schemas", "exclude_schemas", "include_tables_regex",
                        "exclude_tables_regex", "include_objects", "where_clauses"}) {
    if (config.contains(k) && nonEmpty(config[k])) return "filtered";
  }
  return "full";
}

std::string triggerOf(const Json& config) {
  if (!config.is_object()) return "manual";
  for (const char* k : {"_trigger", "trigger"}) {
    if (config.contains(k) && config[k].is_string() && !config[k].get<std::string>().empty()) {
      return config[k].get<std::string>();
    }
  }
  return "manual";
}

Json avgTableSeconds(const Json& summary) {
  if (!summary.is_object() || !summary.contains("objects") || !summary["objects"].is_array()) {
    return nullptr;
  }
  double sum = 0;
  int n = 0;
  for (const auto& o : summary["objects"]) {
    if (!o.is_object() || jsonText(o.value("type", Json())) != "table" ||
        jsonText(o.value("status", Json())) != "success" ||
        !o.value("duration_seconds", Json()).is_number()) {
      continue;
    }
    sum += o["duration_seconds"].get<double>();
    ++n;
  }
  return n > 0 ? Json(sum / n) : Json();
}

std::int64_t insertedRows(const ResultSet& rs) {
  for (const char* name : {"num_inserted_rows", "num_affected_rows"}) {
    const auto i = rs.columnIndex(name);
    if (!i || rs.rows.empty() || *i >= rs.rows[0].size()) continue;
    const auto& v = rs.rows[0][*i];
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_string()) return std::stoll(v.get<std::string>());
  }
  return 0;
}

std::string tuple(const AuditTableSpec& spec, const Json& row) {
  std::string out = "(";
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const auto& c = spec.columns[i];
    if (i > 0) out += ", ";
    out += cast(row.contains(c.name) ? row[c.name] : Json(), c.type);
  }
  return out + ")";
}

std::string mergeOfTuples(const std::vector<std::string>& parts, const AuditTableSpec& spec,
                          const std::vector<std::string>& tuples) {
  std::string names;
  std::string sourced;
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const auto q = quoteIdentifier(spec.columns[i].name);
    names += (i > 0 ? ", " : "") + q;
    sourced += (i > 0 ? ", s." : "s.") + q;
  }
  std::string values;
  for (std::size_t i = 0; i < tuples.size(); ++i) values += (i > 0 ? ", " : "") + tuples[i];
  const auto keyColumn = quoteIdentifier(spec.key);
  return "MERGE INTO " + quoteQualified(parts) + " AS t USING (SELECT * FROM VALUES " + values +
         " AS s(" + names + ")) AS s ON t." + keyColumn + " = s." + keyColumn +
         " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + sourced + ")";
}

/// Collects rows of one table and writes them in as few MERGEs as the size cap allows.
class MergeBatch {
 public:
  MergeBatch(Workspace& ws, const CallOptions& options, std::vector<std::string> parts,
             const AuditTableSpec& spec)
      : ws_(ws), options_(options), parts_(std::move(parts)), spec_(spec) {}

  void add(const Json& row) {
    tuples_.push_back(tuple(spec_, row));
    bytes_ += tuples_.back().size();
    if (bytes_ >= kMaxStatementBytes) flush();
  }
  std::int64_t finish() {
    flush();
    return inserted_;
  }

 private:
  void flush() {
    if (tuples_.empty()) return;
    inserted_ +=
        insertedRows(ws_.sql().execute(mergeOfTuples(parts_, spec_, tuples_), {}, options_));
    tuples_.clear();
    bytes_ = 0;
  }

  Workspace& ws_;
  const CallOptions& options_;
  std::vector<std::string> parts_;
  const AuditTableSpec& spec_;
  std::vector<std::string> tuples_;
  std::size_t bytes_ = 0;
  std::int64_t inserted_ = 0;
};

/// One batch per table of a target.
class TargetWriter {
 public:
  TargetWriter(Workspace& ws, const AuditTarget& target, const CallOptions& options) {
    for (const auto& spec : auditTableSpecs()) {
      names_.push_back(dottedName(tableParts(target, spec)));
      batches_.emplace_back(ws, options, tableParts(target, spec), spec);
    }
  }
  void add(const RunDetail& run, const MirrorContext& context) {
    for (std::size_t i = 0; i < batches_.size(); ++i) {
      batches_[i].add(auditRow(auditTableSpecs()[i], run, context));
    }
  }
  MirrorCounts finish() {
    Json out = Json::object();
    for (std::size_t i = 0; i < batches_.size(); ++i) out[names_[i]] = batches_[i].finish();
    return out;
  }

 private:
  std::vector<std::string> names_;
  std::vector<MergeBatch> batches_;
};

CallOptions optionsFor(const AuditTarget& target) {
  CallOptions o;
  o.warehouseId = target.warehouseId;
  return o;
}

Json columnsJson(const TableInfo& t) {
  Json cols = Json::array();
  for (const auto& c : t.columns) {
    cols.push_back({{"name", c.name},
                    {"type", c.type},
                    {"nullable", c.nullable},
                    {"comment", textOrNull(c.comment)}});
  }
  return cols;
}

/// Tables of a schema by lower-case name; empty when the schema (or catalog) does not exist.
std::map<std::string, TableInfo> tablesOf(Workspace& ws, const std::string& catalog,
                                          const std::string& schema, const CallOptions& options) {
  std::map<std::string, TableInfo> out;
  try {
    for (auto& t : ws.catalog().tables(catalog, schema, options))
      out[lowerAscii(t.name)] = std::move(t);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
  }
  return out;
}

std::string columnDefinition(const AuditColumn& c, bool forAlter) {
  std::string out = quoteIdentifier(c.name) + " " + c.type;
  // Databricks cannot add a NOT NULL column to a table that has rows.
  if (c.notNull && !forAlter) out += " NOT NULL";
  if (!c.comment.empty()) out += " COMMENT " + quoteLiteral(c.comment);
  return out;
}

void ensureCatalog(Workspace& ws, const std::string& catalog, const CallOptions& options) {
  // Checking first spares a user who may use but not create catalogs.
  for (const auto& c : ws.catalog().catalogs(options)) {
    if (sameName(c.name, catalog)) return;
  }
  ws.sql().execute("CREATE CATALOG IF NOT EXISTS " + quoteIdentifier(catalog) + " COMMENT " +
                       quoteLiteral("Clone-Xs audit trail"),
                   {}, options);
}

void ensureSchema(Workspace& ws, const std::string& catalog, const std::string& schema,
                  const CallOptions& options) {
  try {
    for (const auto& s : ws.catalog().schemas(catalog, options)) {
      if (sameName(s.name, schema)) return;
    }
  } catch (const WorkspaceError& e) {
    // A catalog created a moment ago may not be listed yet; the statement below settles it.
    if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
  }
  ws.sql().execute("CREATE SCHEMA IF NOT EXISTS " + quoteQualified({catalog, schema}), {}, options);
}

}  // namespace

const std::vector<AuditTableSpec>& auditTableSpecs() {
  static const std::vector<AuditTableSpec> kSpecs = buildSpecs();
  return kSpecs;
}

std::vector<std::string> tableParts(const AuditTarget& target, const AuditTableSpec& spec) {
  return {target.catalog, spec.inMetricsSchema ? std::string("metrics") : target.schema, spec.name};
}

std::string dottedName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

Json withoutSecrets(const Json& config) {
  if (config.is_array()) {
    Json out = Json::array();
    for (const auto& v : config) out.push_back(withoutSecrets(v));
    return out;
  }
  if (!config.is_object()) return config;
  Json out = Json::object();
  for (const auto& [k, v] : config.items()) {
    const auto lower = lowerAscii(k);
    bool secret = false;
    for (const char* word : {"token", "secret", "password", "credential"}) {
      secret = secret || lower.find(word) != std::string::npos;
    }
    if (!secret) out[k] = withoutSecrets(v);
  }
  return out;
}

Json auditRow(const AuditTableSpec& spec, const RunDetail& d, const MirrorContext& ctx) {
  const auto& r = d.run;
  const Json config = ctx.config.is_null() ? Json() : withoutSecrets(ctx.config);
  const Json error = textOrNull(r.errorMessage);
  const Json completed = textOrNull(r.finishedAt);
  const Json started = textOrNull(r.startedAt);
  if (spec.name == "run_logs") {
    return Json{{"job_id", r.jobId},
                {"job_type", r.operation},
                {"source_catalog", r.sourceCatalog},
                {"destination_catalog", r.destinationCatalog},
                {"clone_type", textOrNull(r.cloneType)},
                {"status", r.status},
                {"started_at", started},
                {"completed_at", completed},
                {"duration_seconds", r.durationSeconds},
                {"log_lines", Json(d.logLines).dump()},
                {"result_json", documentText(d.summary)},
                {"error_message", error},
                {"config_json", documentText(config)},
                {"user_name", textOrNull(r.userName)},
                {"host", textOrNull(ctx.workspaceHost)},
                {"tables_cloned", r.tablesSuccess},
                {"tables_failed", r.tablesFailed},
                {"total_size_bytes", r.bytesCopied},
                {"recorded_at", textOrNull(ctx.recordedAt)}};
  }
  if (spec.name == "clone_operations") {
    return Json{
        {"operation_id", r.jobId},
        {"operation_type", r.operation},
        {"source_catalog", r.sourceCatalog},
        {"destination_catalog", r.destinationCatalog},
        {"clone_type", textOrNull(r.cloneType)},
        {"started_at", started},
        {"completed_at", completed},
        {"duration_seconds", r.durationSeconds},
        {"status", r.status},
        {"user_name", textOrNull(r.userName)},
        {"host", textOrNull(ctx.workspaceHost)},
        {"tables_cloned", r.tablesSuccess},
        {"tables_failed", r.tablesFailed},
        {"views_cloned", r.viewsSuccess},
        {"functions_cloned", r.functionsSuccess},
        {"volumes_cloned", r.volumesSuccess},
        {"total_size_bytes", r.bytesCopied},
        {"tables_skipped", r.tablesSkipped},
        {"clone_mode", cloneMode(d, config)},
        {"trigger", triggerOf(config)},
        {"destination_existed", d.destinationExisted ? Json(*d.destinationExisted) : Json()},
        {"config_json", documentText(config)},
        {"summary_json", documentText(d.summary)},
        {"error_message", error},
        {"tags", nullptr}};
  }
  const std::int64_t attempted = r.tablesSuccess + r.tablesFailed;
  return Json{
      {"operation_id", r.jobId},
      {"source_catalog", r.sourceCatalog},
      {"destination_catalog", r.destinationCatalog},
      {"clone_type", textOrNull(r.cloneType)},
      {"started_at", started},
      {"completed_at", completed},
      {"duration_seconds", r.durationSeconds},
      {"total_tables", attempted + r.tablesSkipped},
      {"successful", r.tablesSuccess},
      {"failed", r.tablesFailed},
      {"failure_rate", attempted > 0 ? Json(100.0 * static_cast<double>(r.tablesFailed) /
                                            static_cast<double>(attempted))
                                     : Json()},
      {"throughput_tables_per_min",
       r.durationSeconds > 0 ? Json(static_cast<double>(r.tablesSuccess) * 60.0 / r.durationSeconds)
                             : Json()},
      {"avg_table_clone_seconds", avgTableSeconds(d.summary)},
      {"total_row_count", nullptr},
      {"total_size_bytes", r.bytesCopied},
      {"user_name", textOrNull(r.userName)},
      {"status", r.status},
      {"job_type", r.operation},
      {"metrics_json", d.metrics.dump()},
      {"recorded_at", textOrNull(ctx.recordedAt)}};
}

std::string mergeStatement(const std::vector<std::string>& parts, const AuditTableSpec& spec,
                           const std::vector<Json>& rows) {
  std::vector<std::string> tuples;
  tuples.reserve(rows.size());
  for (const auto& r : rows) tuples.push_back(tuple(spec, r));
  return mergeOfTuples(parts, spec, tuples);
}

MirrorCounts mirrorRun(Workspace& workspace, const AuditTarget& target, const RunDetail& run,
                       const MirrorContext& context) {
  const auto options = optionsFor(target);
  TargetWriter writer(workspace, target, options);
  writer.add(run, context);
  return writer.finish();
}

std::vector<std::string> mirrorRunToTargets(Store& store, Workspace& workspace,
                                            const std::string& jobId, const std::string& recordedAt,
                                            const Json& config) {
  std::vector<std::string> warnings;
  try {
    ensureAuditState(store);
    std::vector<AuditTarget> mine;
    for (auto& t : targets(store)) {
      if (t.workspaceHost == workspace.host()) mine.push_back(std::move(t));
    }
    if (mine.empty()) return warnings;
    const auto detail = loadRunDetail(store, jobId);
    if (!detail) return {"No audit rows for job '" + jobId + "' to copy to the Delta audit tables"};
    const MirrorContext context{recordedAt, workspace.host(), config};
    for (const auto& t : mine) {
      try {
        mirrorRun(workspace, t, *detail, context);
      } catch (const std::exception& e) {
        warnings.push_back("Audit rows of job " + jobId + " not copied to " +
                           quoteQualified({t.catalog, t.schema}) + ": " + e.what());
      }
    }
  } catch (const std::exception& e) {
    warnings.push_back("Audit rows of job " + jobId + " not copied: " + e.what());
  }
  return warnings;
}

Json initAuditTables(Workspace& ws, Store& store, const AuditTarget& target,
                     const std::string& now) {
  const auto options = optionsFor(target);
  ensureCatalog(ws, target.catalog, options);
  std::set<std::string> schemaNames;
  for (const auto& spec : auditTableSpecs()) schemaNames.insert(tableParts(target, spec)[1]);
  for (const auto& s : schemaNames) ensureSchema(ws, target.catalog, s, options);

  Json created = Json::array();
  Json existed = Json::array();
  Json added = Json::object();
  for (const auto& spec : auditTableSpecs()) {
    const auto parts = tableParts(target, spec);
    const auto name = dottedName(parts);
    created.push_back(name);
    const auto present = tablesOf(ws, parts[0], parts[1], options);
    const auto it = present.find(lowerAscii(spec.name));
    if (it == present.end()) {
      std::string defs;
      for (const auto& c : spec.columns)
        defs += (defs.empty() ? "" : ", ") + columnDefinition(c, false);
      ws.sql().execute("CREATE TABLE IF NOT EXISTS " + quoteQualified(parts) + " (" + defs +
                           ") USING DELTA COMMENT " + quoteLiteral(spec.comment) +
                           " TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')",
                       {}, options);
      continue;
    }
    existed.push_back(name);
    // A table from an older release (or the original) gets the columns it lacks.
    std::set<std::string> have;
    for (const auto& c : it->second.columns) have.insert(lowerAscii(c.name));
    std::string defs;
    Json names = Json::array();
    for (const auto& c : spec.columns) {
      if (have.count(lowerAscii(c.name)) != 0) continue;
      defs += (defs.empty() ? "" : ", ") + columnDefinition(c, true);
      names.push_back(c.name);
    }
    if (defs.empty()) continue;
    ws.sql().execute("ALTER TABLE " + quoteQualified(parts) + " ADD COLUMNS (" + defs + ")", {},
                     options);
    added[name] = names;
  }

  // Remembered before the copy so a run that ends meanwhile is mirrored too (MERGE keeps the
  // overlap single).
  saveTarget(store, target, now);
  TargetWriter writer(ws, target, options);
  const MirrorContext context{now, ws.host(), nullptr};
  for (const auto& id : runIds(store)) {
    if (const auto detail = loadRunDetail(store, id)) writer.add(*detail, context);
  }
  const auto copied = writer.finish();

  Json schemas = Json::object();
  for (const auto& spec : auditTableSpecs()) {
    const auto parts = tableParts(target, spec);
    const auto present = tablesOf(ws, parts[0], parts[1], options);
    const auto it = present.find(lowerAscii(spec.name));
    schemas[dottedName(parts)] = it == present.end() ? Json::array() : columnsJson(it->second);
  }
  return Json{{"status", "ok"},
              {"catalog", target.catalog},
              {"schema", target.schema},
              {"tables_created", created},
              {"already_existed", existed},
              {"columns_added", added},
              {"rows_copied", copied},
              {"schemas", schemas}};
}

Json describeAuditTables(Workspace& ws, const AuditTarget& target) {
  const auto options = optionsFor(target);
  Json schemas = Json::object();
  Json missing = Json::array();
  std::map<std::string, std::map<std::string, TableInfo>> bySchema;
  for (const auto& spec : auditTableSpecs()) {
    const auto parts = tableParts(target, spec);
    auto found = bySchema.find(parts[1]);
    if (found == bySchema.end()) {
      found = bySchema.emplace(parts[1], tablesOf(ws, parts[0], parts[1], options)).first;
    }
    const auto it = found->second.find(lowerAscii(spec.name));
    if (it == found->second.end()) {
      missing.push_back(dottedName(parts));
    } else {
      schemas[dottedName(parts)] = columnsJson(it->second);
    }
  }
  if (schemas.empty()) {
    throw notFound("The audit tables are not initialised in " +
                   quoteQualified({target.catalog, target.schema}) +
                   "; POST /api/audit/init creates them");
  }
  return Json{{"catalog", target.catalog},
              {"schema", target.schema},
              {"schemas", schemas},
              {"missing", missing}};
}

}  // namespace clxs::clone::audit
