// Runs one Databricks SQL statement on the local workspace. Internal to the local
// workspace: each statement family lives in its own source file (catalog_statements.cpp,
// table_statements.cpp, alter_table_statements.cpp, dml_statements.cpp,
// maintenance_statements.cpp, query_translator.cpp, information_schema.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace.hpp"
#include "kernel/workspace/local/delta/delta_table.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/local_workspace.hpp"
#include "kernel/workspace/local/metastore/metastore.hpp"
#include "kernel/workspace/local/metastore/system_tables.hpp"
#include "kernel/workspace/local/sql/result_types.hpp"
#include "kernel/workspace/local/sql/sql_cursor.hpp"

namespace clxs::kernel {

/// The session conf key of the time zone (keys are kept lower-cased).
inline constexpr const char* kSessionTimeZoneKey = "spark.sql.session.timezone";

/// What every statement shares: the metastore, the engine and the per-table write locks.
struct LocalState {
  LocalWorkspaceOptions options;  ///< resolved options
  Metastore metastore;            ///< Unity Catalog objects
  SystemTables system;            ///< query history, audit and lineage
  DuckDbEngine engine;            ///< in-memory DuckDB (the data lives in Parquet files)
  std::mutex locksMutex;          ///< guards tableLocks
  std::map<std::string, std::shared_ptr<std::mutex>> tableLocks;  ///< by table directory
  std::mutex snapshotsMutex;                                      ///< guards snapshots
  /// A cached snapshot and the identity of the commit file it ends at.
  struct CachedSnapshot {
    DeltaSnapshot snapshot;  ///< replayed state
    std::string identity;    ///< inode, mtime and size of its last commit file
  };
  std::map<std::string, std::shared_ptr<const CachedSnapshot>> snapshots;  ///< latest, by dir
  std::mutex macrosMutex;                     ///< guards macros (DuckDB catalog writes)
  std::map<std::string, std::string> macros;  ///< SQL function macro name -> definition
  ResultTypeCache resultTypes;  ///< statements already written in Spark's result types

  std::string defaultTimeZone = "UTC";  ///< a new session's time zone (see the ctor)

  explicit LocalState(LocalWorkspaceOptions o);
  std::mutex poolMutex;                                 ///< guards pool
  std::vector<std::unique_ptr<DuckDbConnection>> pool;  ///< idle connections (UTC set)
  /// A connection from the pool, or a new one.
  std::unique_ptr<DuckDbConnection> acquire();
  /// Returns a connection to the pool.
  void release(std::unique_ptr<DuckDbConnection> conn);
  /// The write lock of one table directory (one writer per table in this process).
  std::shared_ptr<std::mutex> lockFor(const std::filesystem::path& tableRoot);
  /// `<root>/warehouse/<catalog>/<schema>/<table>` (lower-cased names: UC is case-blind).
  [[nodiscard]] std::filesystem::path managedLocation(const std::string& catalog,
                                                      const std::string& schema,
                                                      const std::string& table);
  /// The latest snapshot of a table: cached per directory and advanced incrementally.
  DeltaSnapshot latestSnapshot(const DeltaTable& table);
  /// Creates or replaces a DuckDB macro when its definition changed.
  void ensureMacro(DuckDbConnection& conn, const std::string& name, const std::string& sql);
  /// `<root>/volumes/<catalog>/<schema>/<volume>`.
  [[nodiscard]] std::filesystem::path volumeLocation(const std::string& catalog,
                                                     const std::string& schema,
                                                     const std::string& volume) const;
};

/// A resolved three-part name.
struct ObjectName {
  std::string catalog;  ///< catalog
  std::string schema;   ///< schema
  std::string name;     ///< object
  /// `a.b.c` (unquoted, for messages and metastore keys).
  [[nodiscard]] std::string full() const { return catalog + "." + schema + "." + name; }
  /// `` `a`.`b`.`c` `` (quoted, as Databricks prints names in errors).
  [[nodiscard]] std::string quoted() const;
};

/// Time travel on a table reference.
struct TimeTravel {
  std::optional<std::int64_t> version;   ///< VERSION AS OF n / @vN
  std::optional<std::string> timestamp;  ///< TIMESTAMP AS OF '...' (text of a timestamp)
};

/// A table resolved for reading or writing.
struct ResolvedTable {
  ObjectName name;                    ///< as stored (catalog spelling of the metastore)
  MetastoreTable entry;               ///< metastore row
  std::unique_ptr<DeltaTable> delta;  ///< null for views
};

/// One statement's run.
class StatementExecutor {
 public:
  StatementExecutor(LocalState& state, LocalSession& session, std::string_view sql,
                    const std::vector<SqlParam>& params, const CallOptions& options);
  ~StatementExecutor();
  StatementExecutor(const StatementExecutor&) = delete;
  StatementExecutor& operator=(const StatementExecutor&) = delete;
  /// Recognises and runs the statement.
  ResultSet run();
  /// Tables the statement read (full names, in order, repeats possible).
  [[nodiscard]] const std::vector<std::string>& reads() const { return reads_; }
  /// Tables and views the statement wrote, with "TABLE" or "VIEW".
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& writes() const {
    return writes_;
  }
  /// Column lineage the statement established.
  [[nodiscard]] const std::vector<ColumnLineageEdge>& columnLineage() const {
    return columnLineage_;
  }

 private:
  // --- shared helpers (statement_executor.cpp)
  ObjectName resolve(const std::vector<std::string>& parts) const;
  ObjectName resolveSchema(const std::vector<std::string>& parts) const;
  ResolvedTable table(const ObjectName& n, bool allowView = true);
  std::optional<ResolvedTable> findTable(const ObjectName& n);
  void requireSchemaExists(const std::string& catalog, const std::string& schema);
  void requireFunction(const ObjectName& fn);
  // Grant checks (only when local_workspace.enforce_grants is on; grants.cpp).
  void requirePrivilege(Securable kind, const ObjectName& n, const std::string& privilege);
  void requireOwnership(Securable kind, const ObjectName& n);
  std::string governed(const ResolvedTable& t, const std::string& scan,
                       const std::vector<DeltaColumn>& columns);
  DuckDbConnection& conn();
  /// `sql` (translated, one query) in Spark's result types, through the shared cache.
  std::string sparkTyped(const std::string& sql);
  ResultSet duck(const std::string& sql);
  void checkCancelled() const;
  [[nodiscard]] std::string user() const { return state_.options.currentUser; }
  [[nodiscard]] bool confEnabled(const std::string& key, bool dflt) const;
  /// The session's time zone: SET TIME ZONE's, else the process's TZ, else UTC.
  [[nodiscard]] std::string sessionTimeZone() const;
  /// Checks `zone` and makes it the session's time zone.
  void setTimeZone(const std::string& zone);
  static ResultSet rows(std::vector<ResultColumn> columns, std::vector<std::vector<Json>> rows);
  static ResultSet empty() { return {}; }

  // --- queries (query_translator.cpp)
  ResultSet query(std::size_t from);
  std::string translate(std::size_t from, std::size_t to, int depth = 0,
                        bool startsWithRelation = false);
  std::optional<std::string> sqlFunction(const std::vector<std::string>& parts, bool required);
  std::optional<std::string> systemTable(const ObjectName& n);
  void recordRead(const ObjectName& n) { reads_.push_back(n.full()); }
  void recordColumnLineage(const ObjectName& target, const std::string& duckSelect,
                           const std::vector<std::string>& targetColumns);
  void recordWrite(const ObjectName& n, const std::string& type = "TABLE") {
    writes_.emplace_back(n.full(), type);
  }
  std::string translateText(std::string_view text, int depth);
  std::string lateralView(std::size_t& i, std::size_t to, int depth);
  std::string tableChanges(std::size_t& i, std::size_t to);
  ResultSet createTableWithConstraints(bool orReplace, bool external);
  std::string relationFor(const ObjectName& n, const TimeTravel& tt, int depth);
  DeltaSnapshot snapshotAt(const DeltaTable& t, const TimeTravel& tt);

  // --- information_schema (information_schema.cpp)
  std::optional<std::string> informationSchema(const std::string& catalog, const std::string& view);

  // --- catalogs, schemas, governance (catalog_statements.cpp)
  std::string managedRoot(const std::string& location);
  ResultSet createCatalog();
  ResultSet createSchema();
  ResultSet drop();
  ResultSet use();
  ResultSet show();
  ResultSet describe();
  ResultSet grantOrRevoke(bool grant);
  ResultSet showGrants();
  ResultSet commentOn();
  ResultSet alterCatalogOrSchema(Securable kind);
  ResultSet set();
  Securable parseSecurable(ObjectName& name, std::string& display);
  std::vector<std::pair<std::string, std::string>> parseTagPairs();
  std::vector<std::string> parseStringList();

  // --- tables, views, functions, volumes (table_statements.cpp)
  ResultSet createTable(bool orReplace, bool external);
  ResultSet createView(bool orReplace);
  ResultSet createFunction(bool orReplace);
  ResultSet createVolume(bool external);
  ResultSet describeTable(const ObjectName& n, bool extended);
  ResultSet describeDetail();
  ResultSet describeHistory();
  ResultSet showTblProperties();
  ResultSet showCreateTable();
  ResultSet cloneTable(const ObjectName& target, bool orReplace, bool ifNotExists);
  std::vector<DeltaColumn> parseColumns();
  Json parseProperties();
  ResultSet replaceData(ResolvedTable& t, const DeltaSnapshot& read, const std::string& select,
                        const std::vector<DeltaColumn>& columns, const std::string& operation,
                        const Json& parameters, Json configuration = nullptr,
                        const std::vector<std::string>* partitions = nullptr);

  // --- ALTER TABLE / ALTER VIEW, one handler per sub-command (alter_table_statements.cpp)
  struct AlterState;
  ResultSet alterTable();
  ResolvedTable alterTarget(bool isView);
  ResultSet alterOwner(const std::string& full);
  ResultSet alterRename(const ObjectName& from);
  ResultSet alterSetTags(const std::string& full, const std::string& column);
  ResultSet alterUnsetTags(const std::string& full, const std::string& column);
  ResultSet alterViewQuery(MetastoreTable& view);
  ResultSet alterLocked(ResolvedTable& t);
  ResultSet commitAlter(AlterState& a, const std::string& operation, const Json& parameters);
  ResultSet rewriteAlter(AlterState& a, const std::string& projection, const std::string& operation,
                         const Json& parameters);
  ResultSet alterSetProperties(AlterState& a);
  ResultSet alterUnsetProperties(AlterState& a);
  ResultSet alterColumn(AlterState& a);
  ResultSet alterColumnComment(AlterState& a, DeltaColumn& column);
  ResultSet alterColumnNullability(AlterState& a, DeltaColumn& column, bool nullable);
  ResultSet alterSetColumnMask(const AlterState& a, const std::string& column);
  ResultSet alterDropColumnMask(const std::string& full, const std::string& column);
  ResultSet alterAddColumns(AlterState& a);
  ResultSet alterRenameColumn(AlterState& a);
  ResultSet alterDropColumns(AlterState& a);
  ResultSet alterAddKey(const AlterState& a);
  void parseForeignKeyReference(MetastoreConstraint& c, const ObjectName& from);
  ResultSet alterDropPrimaryKey(const ObjectName& name);
  ResultSet alterSetRowFilter(const AlterState& a);
  ResultSet alterDropRowFilter(const std::string& full);
  ResultSet alterAddCheck(AlterState& a);
  ResultSet alterDropConstraint(AlterState& a);

  // --- DML (dml_statements.cpp)
  ResultSet insert();
  ResultSet updateDeleteMerge(const std::string& kind);
  ResultSet deleteWithDeletionVectors(const ResolvedTable& t, const DeltaSnapshot& read,
                                      const DeltaSnapshot& touched, const std::string& alias,
                                      const std::string& whereSql, bool changeFeed);
  /// What marking rows deleted in deletion vectors did.
  struct MarkedRows {
    std::vector<Json> actions;        ///< remove, and add back with its new vector
    std::int64_t rows = 0;            ///< rows newly marked
    std::int64_t vectorsAdded = 0;    ///< files given a new vector
    std::int64_t vectorsRemoved = 0;  ///< vectors replaced
    std::int64_t filesRemoved = 0;    ///< files left with no row
  };
  MarkedRows markDeleted(const ResolvedTable& t, const DeltaSnapshot& touched,
                         const std::string& positions);
  void expandMergeColumnLists(std::size_t usingAt, std::size_t firstWhen, std::size_t end,
                              const DeltaSnapshot& read);
  ResultSet truncate();
  void checkConstraints(const ResolvedTable& t, const std::string& relation);

  // --- Delta maintenance (maintenance_statements.cpp)
  ResultSet restore();
  ResultSet vacuum();
  ResultSet optimize();
  ResultSet reorg();
  ResultSet convertToDelta();

  LocalState& state_;
  LocalSession& session_;
  std::string sql_;  // the statement, IDENTIFIER clauses resolved; cur_ reads it
  SqlCursor cur_;
  const std::vector<SqlParam>& params_;
  const CallOptions& options_;
  std::unique_ptr<DuckDbConnection> conn_;
  std::vector<std::string> reads_;                           // tables read, for audit and lineage
  std::vector<std::pair<std::string, std::string>> writes_;  // tables written
  std::vector<ColumnLineageEdge> columnLineage_;
  bool governing_ = false;  // resolving row filter / mask functions
  // Listing information_schema rows: a view over information_schema met while listing (its
  // columns are read by preparing it) sees the relation's columns and no rows, instead of
  // listing again without end.
  bool listingInformationSchema_ = false;
  std::vector<std::string> pendingConstraints_;  // CREATE TABLE's, added once it exists
  std::optional<ObjectName> createdTable_;       // what CREATE TABLE made or replaced
  bool createdNew_ = false;                      // CREATE TABLE made it (it did not replace one)
  struct RelationAlias {
    std::string alias;                 // lower-cased alias the query uses
    std::string table;                 // full name
    std::vector<std::string> columns;  // its columns
  };
  std::vector<RelationAlias> relationAliases_;  // tables the translated query reads
  std::vector<std::string> lastReadColumns_;    // columns of the last table relationFor read
  std::vector<bool> skip_;                      // token indices translate() leaves out
  std::map<std::size_t, std::string> replace_;  // token indices translate() writes as given
};

/// `[CLASS] message SQLSTATE: s` errors with the workspace error class they map to.
[[noreturn]] void throwTableNotFound(const std::string& quotedName);
[[noreturn]] void throwSchemaNotFound(const std::string& quotedName);
[[noreturn]] void throwCatalogNotFound(const std::string& quotedName);
[[noreturn]] void throwTableAlreadyExists(const ObjectName& n);
[[noreturn]] void throwUnsupported(const std::string& what);
/// Whether a token starts a query (SELECT, WITH, FROM, VALUES).
bool isQueryStart(const Token& t);
/// Backticks one name part (`` ` `` doubled).
std::string backtick(const std::string& part);

}  // namespace clxs::kernel
