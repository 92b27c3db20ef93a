// The POST /api/clone request: its model (validation, defaults, OpenAPI) and the options a
// clone run works from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"

namespace clxs::clone {

/// DEEP copies data files; SHALLOW references the source's.
enum class CloneType { Deep, Shallow };
/// FULL (re)clones every object; INCREMENTAL skips objects that exist in the destination.
enum class LoadType { Full, Incremental };
/// Order of the tables inside a schema.
enum class SizeOrder { None, Ascending, Descending };

/// One object named in include_objects.
struct IncludedObject {
  std::string schema;  ///< schema name
  std::string name;    ///< object name
  std::string type;    ///< table, view, function or volume
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
  std::vector<std::string> warnings;  ///< options ignored, with the reason
};

/// The request model of POST /api/clone (every field of the spec).
Model cloneRequestModel();

/// `body` with the model's defaults filled in where a field is absent or null.
Json withDefaults(const Json& body);

/// Options from a body the model validated (defaults are filled in again, so a body built
/// in code needs only the catalogs). Throws HttpError 422 for values the model
/// cannot express (bad regexes, same source and destination, malformed include_objects)
/// and 501 for features not available yet.
CloneOptions parseCloneOptions(const Json& body);

/// The options as stored with the job (and shown in its params).
Json toJson(const CloneOptions& options);

}  // namespace clxs::clone
