// The in-memory Workspace for plugin and kernel tests and benchmarks: a catalog model to list,
// SQL answered by canned results or a handler, and a record of every call it received, so a
// test can check what reached the workspace. Faults are added with a FaultInjector.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/visibility.hpp"
#include "clxs/workspace.hpp"

namespace clxs::testing {

/// One call a MemoryWorkspace received.
struct RecordedCall {
  /// WorkspaceCall::describe() of the call: the statement text for SQL, otherwise the method
  /// name then its arguments separated by spaces ("tables main sales").
  std::string call;
  /// When it arrived.
  std::chrono::steady_clock::time_point at;
  /// Whether it was a SQL statement.
  bool statement = false;
};

/// A workspace with the SQL, catalog, identity, volume files, warehouse and metastore
/// services; Model Serving and Genie once their answers are set.
///
/// - Catalog metadata lists what was added (addCatalog/addSchema/addTable/addFunction/
///   addVolume); grants, effective grants and tags are the SDK's defaults, read with SQL.
/// - A statement is answered by the result registered for its exact text (onSql(text,
///   result)), else by the handler (onSql(handler)); with neither it fails InvalidSql naming
///   the statement, so a test never passes on an answer nobody wrote. Statements do not
///   change the model.
/// - Volume files live in memory by path; a directory exists when a file is under it.
/// - Every call that reaches it is recorded. Thread-safe.
class CLXS_VISIBLE MemoryWorkspace final : public Workspace,
                                           public SqlService,
                                           public CatalogService,
                                           public IdentityService,
                                           public FileService,
                                           public WarehouseService,
                                           public MetastoreService,
                                           public ServingService,
                                           public GenieService {
 public:
  /// Answers a statement (may throw WorkspaceError to fail it).
  using SqlHandler = std::function<ResultSet(std::string_view statement)>;

  /// An empty workspace whose current user is `user`.
  explicit MemoryWorkspace(std::string user = "tester");

  /// Registers a catalog (a second one of the same name replaces the first).
  void addCatalog(CatalogInfo catalog);
  /// Registers a schema, and its catalog when unknown.
  void addSchema(SchemaInfo schema);
  /// Registers a table or view, and its catalog and schema when unknown.
  void addTable(TableInfo table);
  /// Registers a SQL function, listed by functions() of its catalog and schema.
  void addFunction(FunctionInfo function);
  /// Registers a volume, listed by volumes() of its catalog and schema.
  void addVolume(VolumeInfo volume);
  /// Answers history(`table`) with `entries` (newest first); a table without entries has no
  /// history (NotFound).
  void setHistory(const ObjectName& table, std::vector<HistoryEntry> entries);
  /// Answers the statement whose text is exactly `statement` with `result`.
  void onSql(const std::string& statement, ResultSet result);
  /// Answers the statements without a canned result.
  void onSql(SqlHandler handler);
  /// Replaces the warehouses listed (default: one RUNNING "memory-wh").
  void setWarehouses(std::vector<WarehouseInfo> warehouses);
  /// Answers securables(`kind`) with `objects` (kinds not set answer an empty array).
  void setSecurables(SecurableKind kind, Json objects);
  /// Answers the metastore summary with `summary` (not set: Unavailable).
  void setMetastoreSummary(Json summary);
  /// Provides Model Serving, answering `endpoints` (call before the workspace is shared).
  void setServingEndpoints(Json endpoints);
  /// Provides Genie, answering `spaces` (call before the workspace is shared).
  void setGenieSpaces(Json spaces);

  /// Makes the call described as `call` (RecordedCall::call, e.g. "functions main sales",
  /// "securables connections", "metastoreSummary") fail with `errorClass` and `message`
  /// whenever it arrives (it is still recorded).
  void fail(std::string call, WorkspaceErrorClass errorClass, std::string message);

  /// Every call received, in order of arrival.
  [[nodiscard]] std::vector<RecordedCall> calls() const;
  /// The statements received, in order of arrival.
  [[nodiscard]] std::vector<std::string> statements() const;
  /// The volume files written, by path.
  [[nodiscard]] std::map<std::string, std::string> volumeFiles() const;
  /// Ids passed to start(), in order.
  [[nodiscard]] std::vector<std::string> startedWarehouses() const;
  /// Ids passed to stop(), in order.
  [[nodiscard]] std::vector<std::string> stoppedWarehouses() const;

  /// "memory".
  [[nodiscard]] std::string kind() const override;
  /// "memory".
  [[nodiscard]] std::string host() const override;

 protected:
  ResultSet runStatement(std::string_view statement, const std::vector<SqlParam>& params,
                         const CallOptions& options) override;
  std::vector<CatalogInfo> listCatalogs(const CallOptions& options) override;
  std::vector<SchemaInfo> listSchemas(const std::string& catalog,
                                      const CallOptions& options) override;
  std::vector<TableInfo> listTables(const std::string& catalog, const std::string& schema,
                                    const CallOptions& options) override;
  std::vector<FunctionInfo> listFunctions(const std::string& catalog, const std::string& schema,
                                          const CallOptions& options) override;
  std::vector<VolumeInfo> listVolumes(const std::string& catalog, const std::string& schema,
                                      const CallOptions& options) override;
  std::vector<HistoryEntry> readHistory(const ObjectName& table, std::optional<std::int64_t> limit,
                                        const CallOptions& options) override;
  std::string whoAmI(const CallOptions& options) override;
  std::vector<FileEntry> listFiles(const std::string& path, const CallOptions& options) override;
  std::string readVolumeFile(const std::string& path, const CallOptions& options) override;
  void writeVolumeFile(const std::string& path, std::string_view contents, bool overwrite,
                       const CallOptions& options) override;
  std::vector<WarehouseInfo> listWarehouses(const CallOptions& options) override;
  // A started warehouse reports STARTING and a stopped one STOPPING, as Databricks does
  // right after the call; unknown ids are NotFound.
  WarehouseInfo startWarehouse(const std::string& id, const CallOptions& options) override;
  WarehouseInfo stopWarehouse(const std::string& id, const CallOptions& options) override;
  Json listSecurables(SecurableKind kind, const CallOptions& options) override;
  Json metastoreSummary(const CallOptions& options) override;
  Json servingEndpoints(const CallOptions& options) override;
  Json genieSpaces(const CallOptions& options) override;

 private:
  void record(std::string call, bool statement = false);
  // The helpers below expect mu_ to be held.
  void putCatalog(CatalogInfo catalog);
  void putSchema(SchemaInfo schema);
  bool hasSchema(const std::string& catalog, const std::string& schema) const;
  WarehouseInfo changeWarehouse(const std::string& id, const std::string& state);

  std::string user_;
  mutable std::mutex mu_;
  std::vector<CatalogInfo> catalogs_;
  std::vector<SchemaInfo> schemas_;
  std::vector<TableInfo> tables_;
  std::vector<FunctionInfo> functions_;
  std::vector<VolumeInfo> volumes_;
  std::map<std::string, std::vector<HistoryEntry>> history_;
  std::map<std::string, ResultSet, std::less<>> answers_;
  SqlHandler handler_;
  std::map<std::string, std::string> files_;
  std::vector<WarehouseInfo> warehouses_;
  std::vector<std::string> started_;
  std::vector<std::string> stopped_;
  std::map<SecurableKind, Json> securables_;
  std::optional<Json> metastore_;
  Json endpoints_ = Json::array();
  Json spaces_ = Json::array();
  std::vector<RecordedCall> calls_;
  std::map<std::string, std::pair<WorkspaceErrorClass, std::string>, std::less<>> failures_;
};

/// A table of `tableType` with no columns, for tests that only need names and kinds.
TableInfo makeTable(const std::string& catalog, const std::string& schema, const std::string& name,
                    const std::string& tableType = "MANAGED");

/// A column with no comment.
ColumnInfo makeColumn(const std::string& name, const std::string& type = "INT",
                      bool nullable = true);

}  // namespace clxs::testing
