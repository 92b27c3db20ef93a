// The audit trail as Delta tables in the workspace (Unity Catalog), as the original kept it:
// run_logs and clone_operations in <catalog>.<schema>, clone_metrics in <catalog>.metrics.
// The plugin's state store stays the source of truth; these tables are a mirror that
// POST /api/audit/init creates and back-fills, and that mirrorRunToTargets() appends each
// finished run to. Every write is a MERGE keyed by job id, so repeating it adds nothing.
//
// Types differ from the original where the local workspace lacks one: log_lines and tags are
// STRING holding JSON (an array / an object) instead of ARRAY<STRING> / MAP<STRING,STRING>,
// so the tables read the same on both workspaces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/audit/audit_runs.hpp"
#include "plugins/clone/audit/audit_state.hpp"

namespace clxs::clone::audit {

/// One column of an audit table.
struct AuditColumn {
  std::string name;      ///< column name
  std::string type;      ///< Databricks SQL type
  bool notNull = false;  ///< NOT NULL (key columns)
  std::string comment;   ///< column comment (may be empty)
};

/// One audit table: where it lives relative to the target and its columns.
struct AuditTableSpec {
  std::string name;                  ///< run_logs, clone_operations, clone_metrics
  bool inMetricsSchema = false;      ///< lives in <catalog>.metrics rather than the target schema
  std::string key;                   ///< the job-id column MERGE matches on
  std::string comment;               ///< table comment
  std::vector<AuditColumn> columns;  ///< columns in order
};

/// The three audit tables.
const std::vector<AuditTableSpec>& auditTableSpecs();
/// Name parts {catalog, schema, table} of a table of `target`.
std::vector<std::string> tableParts(const AuditTarget& target, const AuditTableSpec& spec);
/// "catalog.schema.table" as the responses show it (unquoted).
std::string dottedName(const std::vector<std::string>& parts);

/// What a mirrored row records besides the run itself.
struct MirrorContext {
  std::string recordedAt;     ///< ISO-8601 UTC time of the write
  std::string workspaceHost;  ///< `host` column
  Json config;                ///< the run's options (secrets are removed), or null
};

/// The row of table `spec` for a run, as column → value (values of the column's type; JSON
/// documents as text).
Json auditRow(const AuditTableSpec& spec, const RunDetail& run, const MirrorContext& context);

/// The MERGE that inserts `rows` (from auditRow) into `parts` unless their key is there.
std::string mergeStatement(const std::vector<std::string>& parts, const AuditTableSpec& spec,
                           const std::vector<Json>& rows);

/// Rows inserted per table ("catalog.schema.table" → count).
using MirrorCounts = Json;

/// Appends one run's rows to the target's tables; rows already there are left alone.
/// Throws WorkspaceError when the workspace refuses.
MirrorCounts mirrorRun(Workspace& workspace, const AuditTarget& target, const RunDetail& run,
                       const MirrorContext& context);

/// Appends a finished run's audit rows (already written to the state store) to every target
/// initialised on this workspace. Never throws: returns one warning per target that failed
/// (and none when no target was initialised). Meant to be called right after
/// CloneStore::audit() with the run's options as `config`.
std::vector<std::string> mirrorRunToTargets(Store& store, Workspace& workspace,
                                            const std::string& jobId, const std::string& recordedAt,
                                            const Json& config = nullptr);

/// POST /api/audit/init: creates the catalog and schemas when missing, the three tables
/// (adding columns an older table lacks), remembers the target, and copies every audited run
/// of the state store into them. Returns {status, catalog, schema, tables_created,
/// already_existed, columns_added, rows_copied, schemas}.
Json initAuditTables(Workspace& workspace, Store& store, const AuditTarget& target,
                     const std::string& now);

/// POST /api/audit/describe: {catalog, schema, schemas: {table: [columns]}, missing: [...]}
/// from the workspace; HttpError 404 when none of the tables exists.
Json describeAuditTables(Workspace& workspace, const AuditTarget& target);

/// `config` without keys that name secrets (token, secret, password, credential), at any depth.
Json withoutSecrets(const Json& config);

}  // namespace clxs::clone::audit
