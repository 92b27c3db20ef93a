// Unity Catalog metadata: catalogs, schemas, tables and what hangs off them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/object_name.hpp"
#include "clxs/workspace/service.hpp"

namespace clxs {

class SqlService;

/// Catalog metadata. Implementations list catalogs, schemas and tables; the rest has defaults
/// that read it with Databricks SQL through the SqlService given at construction
/// (information_schema, SHOW GRANTS, DESCRIBE HISTORY), overridden where an implementation
/// has a faster path. Every call may throw WorkspaceError.
class CLXS_VISIBLE CatalogService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "catalog";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "Unity Catalog metadata";

  /// Lists catalogs.
  std::vector<CatalogInfo> catalogs(const CallOptions& options) {
    const Scope scope(*this, kId, "catalogs", {}, options);
    return listCatalogs(options);
  }
  /// Lists schemas of a catalog (NotFound for an unknown catalog).
  std::vector<SchemaInfo> schemas(const std::string& catalog, const CallOptions& options) {
    const Scope scope(*this, kId, "schemas", {catalog}, options);
    return listSchemas(catalog, options);
  }
  /// Lists tables and views of a schema, columns included.
  std::vector<TableInfo> tables(const std::string& catalog, const std::string& schema,
                                const CallOptions& options) {
    const Scope scope(*this, kId, "tables", {catalog, schema}, options);
    return listTables(catalog, schema, options);
  }
  /// One table or view; NotFound when it, its schema or its catalog does not exist.
  TableInfo table(const ObjectName& name, const CallOptions& options) {
    const auto dotted = name.dotted();
    const Scope scope(*this, kId, "table", {dotted}, options);
    return getTable(name, options);
  }
  /// Every table and view of a catalog (information_schema included), schema by schema, with
  /// names and types only: the cheap listing of a whole catalog. NotFound for an unknown
  /// catalog.
  std::vector<TableSummary> tableSummaries(const std::string& catalog, const CallOptions& options) {
    const Scope scope(*this, kId, "tableSummaries", {catalog}, options);
    return listTableSummaries(catalog, options);
  }
  /// SQL functions of a schema.
  std::vector<FunctionInfo> functions(const std::string& catalog, const std::string& schema,
                                      const CallOptions& options) {
    const Scope scope(*this, kId, "functions", {catalog, schema}, options);
    return listFunctions(catalog, schema, options);
  }
  /// Volumes of a schema.
  std::vector<VolumeInfo> volumes(const std::string& catalog, const std::string& schema,
                                  const CallOptions& options) {
    const Scope scope(*this, kId, "volumes", {catalog, schema}, options);
    return listVolumes(catalog, schema, options);
  }
  /// Grants made on a securable itself: `objectType` is CATALOG, SCHEMA, TABLE, VIEW, VOLUME
  /// or FUNCTION and `fullName` its dotted name (quoted or not). Ordered as sortGrants().
  std::vector<GrantInfo> grants(const std::string& objectType, const std::string& fullName,
                                const CallOptions& options) {
    const Scope scope(*this, kId, "grants", {objectType, fullName}, options);
    return listGrants(objectType, fullName, options);
  }
  /// Privileges held on a securable, granted on it or inherited from its catalog and schema;
  /// each GrantInfo's objectType and objectName name the securable the grant is made on.
  /// Only `principal`'s when it is not empty (grants to its groups are not expanded).
  /// Ordered as sortGrants() orders.
  std::vector<GrantInfo> effectiveGrants(const std::string& objectType, const std::string& fullName,
                                         const std::string& principal, const CallOptions& options) {
    const Scope scope(*this, kId, "effectiveGrants", {objectType, fullName, principal}, options);
    return listEffectiveGrants(objectType, fullName, principal, options);
  }
  /// Tags on a catalog, schema or table (a table's column tags included, with `column` set).
  std::vector<TagInfo> tags(const std::string& objectType, const std::string& fullName,
                            const CallOptions& options) {
    const Scope scope(*this, kId, "tags", {objectType, fullName}, options);
    return listTags(objectType, fullName, options);
  }
  /// History of a Delta table, newest first (at most `limit` entries when given).
  std::vector<HistoryEntry> history(const ObjectName& table, std::optional<std::int64_t> limit,
                                    const CallOptions& options) {
    const auto dotted = table.dotted();
    const Scope scope(*this, kId, "history", {dotted}, options);
    return readHistory(table, limit, options);
  }

 protected:
  /// `statements` runs the SQL of the defaults (may be null: the defaults then answer
  /// Unavailable); it must outlive this service.
  explicit CatalogService(SqlService* statements) : statements_(statements) {}

  /// Implements catalogs().
  virtual std::vector<CatalogInfo> listCatalogs(const CallOptions& options) = 0;
  /// Implements schemas().
  virtual std::vector<SchemaInfo> listSchemas(const std::string& catalog,
                                              const CallOptions& options) = 0;
  /// Implements tables().
  virtual std::vector<TableInfo> listTables(const std::string& catalog, const std::string& schema,
                                            const CallOptions& options) = 0;
  /// Implements table(); the default searches tables().
  virtual TableInfo getTable(const ObjectName& name, const CallOptions& options);
  /// Implements tableSummaries(); the default walks schemas() and tables().
  virtual std::vector<TableSummary> listTableSummaries(const std::string& catalog,
                                                       const CallOptions& options);
  /// Implements functions(); the default reads information_schema.routines and parameters.
  virtual std::vector<FunctionInfo> listFunctions(const std::string& catalog,
                                                  const std::string& schema,
                                                  const CallOptions& options);
  /// Implements volumes(); the default reads information_schema.volumes.
  virtual std::vector<VolumeInfo> listVolumes(const std::string& catalog, const std::string& schema,
                                              const CallOptions& options);
  /// Implements grants(); the default runs SHOW GRANTS.
  virtual std::vector<GrantInfo> listGrants(const std::string& objectType,
                                            const std::string& fullName,
                                            const CallOptions& options);
  /// Implements effectiveGrants(); the default reads grants() of the securable and its
  /// parents.
  virtual std::vector<GrantInfo> listEffectiveGrants(const std::string& objectType,
                                                     const std::string& fullName,
                                                     const std::string& principal,
                                                     const CallOptions& options);
  /// Implements tags(); the default reads the information_schema tag views.
  virtual std::vector<TagInfo> listTags(const std::string& objectType, const std::string& fullName,
                                        const CallOptions& options);
  /// Implements history(); the default runs DESCRIBE HISTORY.
  virtual std::vector<HistoryEntry> readHistory(const ObjectName& table,
                                                std::optional<std::int64_t> limit,
                                                const CallOptions& options);

 private:
  // The SQL service of the defaults; Unavailable when there is none.
  SqlService& statements() const;

  SqlService* statements_;
};

}  // namespace clxs
