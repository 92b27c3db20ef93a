// An in-memory Workspace for plugin tests and benchmarks: a fixed catalog model to list, and
// a record of every call it received, so a test can check what reached the workspace.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
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
  /// The statement text for sql(); otherwise the method name then its arguments separated by
  /// spaces ("tables main sales"), as FaultSettings::permanentFailure sees them.
  std::string call;
  /// When it arrived.
  std::chrono::steady_clock::time_point at;
  /// Whether it came through sql().
  bool statement = false;
};

/// Lists the catalogs, schemas and tables it was given and answers every statement with
/// the result of a handler (an empty result by default); statements do not change the model.
/// Functions, volumes, grants, tags and history are empty lists; volume files are
/// Unavailable. Every call is recorded. Thread-safe.
class CLXS_VISIBLE MemoryWorkspace final : public Workspace {
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
  /// Sets how statements are answered.
  void onSql(SqlHandler handler);

  /// Every call received, in order of arrival.
  [[nodiscard]] std::vector<RecordedCall> calls() const;
  /// The statements sql() received, in order of arrival.
  [[nodiscard]] std::vector<std::string> statements() const;

  /// "memory".
  [[nodiscard]] std::string kind() const override;
  /// "memory".
  [[nodiscard]] std::string host() const override;
  /// Records the statement and answers it with the handler.
  ResultSet sql(std::string_view statement, const std::vector<SqlParam>& params,
                const CallOptions& options) override;
  /// The registered catalogs.
  std::vector<CatalogInfo> catalogs(const CallOptions& options) override;
  /// The registered schemas of `catalog` (NotFound when the catalog is unknown).
  std::vector<SchemaInfo> schemas(const std::string& catalog, const CallOptions& options) override;
  /// The registered tables of a schema (NotFound when the schema is unknown).
  std::vector<TableInfo> tables(const std::string& catalog, const std::string& schema,
                                const CallOptions& options) override;
  /// The user given at construction.
  std::string currentUser(const CallOptions& options) override;
  /// One running warehouse.
  std::vector<WarehouseInfo> warehouses(const CallOptions& options) override;
  /// None.
  std::vector<FunctionInfo> functions(const std::string& catalog, const std::string& schema,
                                      const CallOptions& options) override;
  /// None.
  std::vector<VolumeInfo> volumes(const std::string& catalog, const std::string& schema,
                                  const CallOptions& options) override;
  /// None.
  std::vector<GrantInfo> grants(const std::string& objectType, const std::string& fullName,
                                const CallOptions& options) override;
  /// None.
  std::vector<TagInfo> tags(const std::string& objectType, const std::string& fullName,
                            const CallOptions& options) override;
  /// None.
  std::vector<HistoryEntry> history(const std::string& fullName, std::optional<std::int64_t> limit,
                                    const CallOptions& options) override;

 private:
  void record(std::string call, bool statement = false);
  // The helpers below expect mu_ to be held.
  void putCatalog(CatalogInfo catalog);
  void putSchema(SchemaInfo schema);
  bool hasSchema(const std::string& catalog, const std::string& schema) const;

  std::string user_;
  mutable std::mutex mu_;
  std::vector<CatalogInfo> catalogs_;
  std::vector<SchemaInfo> schemas_;
  std::vector<TableInfo> tables_;
  SqlHandler handler_;
  std::vector<RecordedCall> calls_;
};

}  // namespace clxs::testing
