// The POST /api/clone request: its typed model (validation, defaults, OpenAPI, parsing, job
// parameters) and the options a clone run works from.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/schema.hpp"
#include "clxs/workspace/types.hpp"
#include "plugins/clone/shared_models.hpp"

namespace clxs::clone {

/// DEEP copies data files; SHALLOW references the source's.
enum class CloneType { Deep, Shallow };
/// FULL (re)clones every object; INCREMENTAL skips objects that exist in the destination.
enum class LoadType { Full, Incremental };
/// Order of the tables inside a schema.
enum class SizeOrder { None, Ascending, Descending };

/// Table listings a caller already made (a sync's plan), by lower-case schema name: a clone
/// run takes a schema's tables from here instead of listing it again.
struct KnownListings {
  std::map<std::string, std::vector<TableInfo>> sourceTables;       ///< tables and views
  std::map<std::string, std::vector<TableInfo>> destinationTables;  ///< tables and views
};

/// One object named in include_objects.
struct IncludedObject {
  std::string schemaName;  ///< schema name
  std::string name;        ///< object name
  std::string type;        ///< table, view, function or volume
  static const Schema<IncludedObject>& schema();
};

/// Every field of POST /api/clone but the catalogs and resume_job_id: the configuration a
/// multi-clone applies to each destination.
struct CloneSettings {
  RunBasics basics;
  std::string loadType = "FULL";
  int parallelTables = 1;
  std::vector<std::string> includeSchemas;
  ExcludedSchemas excluded;
  std::string includeTablesRegex;
  std::string excludeTablesRegex;
  bool copyPermissions = true;
  bool copyOwnership = true;
  bool copyTags = true;
  bool copyProperties = true;
  bool copySecurity = true;
  bool copyConstraints = true;
  bool copyComments = true;
  bool enableRollback = true;
  bool validateAfterClone = false;
  bool validateChecksum = false;
  std::optional<std::string> orderBySize;
  double maxRps = 0;
  std::optional<std::string> asOfTimestamp;
  std::optional<std::int64_t> asOfVersion;
  std::string location;
  bool serverless = false;
  std::string volume;
  std::vector<IncludedObject> includeObjects;
  std::optional<Json> targetWorkspace;
  bool cloneViews = true;
  bool cloneFunctions = true;
  bool cloneVolumes = true;
  int volumeMaxFileMb = 500;
  std::optional<double> maxDurationMin;
  std::optional<std::int64_t> maxTables;
  std::optional<std::string> sourceSnapshotId;
  std::string targetFormat = "DELTA";
  bool icebergPhysical = false;
  bool autoMaskPii = false;
  bool enableRetry = true;
  bool compareDqAfterClone = false;
  double dqDriftRollbackPct = 5.0;
  Json whereClauses = Json::object();
  Json cloneTblProperties = Json::object();
  bool quiesceSource = false;
  /// Refuses with 422 what the model cannot express (bad regexes, malformed where_clauses,
  /// two points in time) and with 501 features not available yet.
  static const Schema<CloneSettings>& schema();
};

/// The body of POST /api/clone; its schema is the CloneRequest model.
struct CloneRequest {
  CatalogPair catalogs;
  CloneSettings settings;
  std::string resumeJobId;
  static const Schema<CloneRequest>& schema();
};

/// Everything a clone run is told, after validation.
struct CloneOptions {
  std::string sourceCatalog;                              ///< source catalog
  std::string destinationCatalog;                         ///< destination catalog
  std::string warehouseId;                                ///< SQL warehouse (Databricks)
  CloneType cloneType = CloneType::Deep;                  ///< DEEP or SHALLOW
  LoadType loadType = LoadType::Full;                     ///< FULL or INCREMENTAL
  bool dryRun = false;                                    ///< plan only, write nothing
  int maxWorkers = 4;                                     ///< schemas in parallel
  int parallelTables = 1;                                 ///< tables in parallel per schema
  std::vector<std::string> includeSchemas;                ///< only these schemas (empty: all)
  std::vector<std::string> excludeSchemas;                ///< never these schemas
  std::string includeTablesRegex;                         ///< RE2, searched in object names
  std::string excludeTablesRegex;                         ///< RE2, searched in object names
  std::vector<IncludedObject> includeObjects;             ///< partial scope (empty: everything)
  bool copyPermissions = true;                            ///< grants
  bool copyOwnership = true;                              ///< owners
  bool copyTags = true;                                   ///< tags (column tags included)
  bool copyProperties = true;                             ///< user table properties
  bool copySecurity = true;                               ///< row filters and column masks
  bool copyConstraints = true;                            ///< CHECK constraints
  bool copyComments = true;                               ///< table, column and object comments
  bool enableRollback = true;                             ///< keep a rollback log
  bool validateAfterClone = false;                        ///< compare row counts afterwards
  bool validateChecksum = false;                          ///< ...and checksums
  SizeOrder orderBySize = SizeOrder::None;                ///< table order by size
  double maxRps = 0;                                      ///< statements per second (0: unlimited)
  std::optional<std::string> asOfTimestamp;               ///< time travel by timestamp
  std::optional<std::int64_t> asOfVersion;                ///< time travel by version
  std::string location;                                   ///< managed location of a new catalog
  std::map<std::string, std::string> whereClauses;        ///< "schema.table" or "*" → predicate
  std::map<std::string, std::string> cloneTblProperties;  ///< inline TBLPROPERTIES
  std::string targetFormat = "DELTA";                     ///< DELTA or ICEBERG
  bool icebergPhysical = false;                           ///< CTAS USING iceberg instead of UniForm
  bool enableRetry = true;                                ///< retry transient failures
  int maxRetries = 3;                                     ///< attempts after the first
  bool compareDqAfterClone = false;                       ///< row count + NULL counts per column
  double dqDriftRollbackPct = 5.0;                        ///< drift that restores a table
  bool quiesceSource = false;                             ///< revoke writes on the source meanwhile
  std::optional<double> maxDurationMin;                   ///< abort after this many minutes
  std::optional<std::int64_t> maxTables;                  ///< abort after this many tables
  std::string resumeJobId;                                ///< finish this earlier run
  std::string sourceSnapshotId;                           ///< clone the state of this snapshot
  /// Per-table pinned versions by lower-case "schema.table" (a snapshot, an incremental
  /// sync). When `pinnedBy` is set, tables without a pin are skipped.
  std::map<std::string, std::int64_t> tableVersions;
  std::string pinnedBy;  ///< what pinned the versions ("snapshot <id>"); empty: no pins
  std::vector<std::string> warnings;           ///< options ignored, with the reason
  std::shared_ptr<const KnownListings> known;  ///< listings to reuse (null: list every schema)
};

/// The options of a run of `request`. What the run cannot apply (where_clauses of a SHALLOW
/// clone, iceberg_physical without target_format ICEBERG) is also cleared in `request`, each
/// with a warning, so the job's parameters say what runs.
CloneOptions cloneOptionsOf(CloneRequest& request);

/// The options of a clone body built in code (a benchmark, a test): checked as the route
/// checks a body (HttpError 422/501), so it needs only the catalogs.
CloneOptions parseCloneOptions(const Json& body);

}  // namespace clxs::clone
