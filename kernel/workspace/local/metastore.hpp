// The local workspace's Unity Catalog metastore: catalogs, schemas and tables in SQLite
// (WAL), so several processes can share one local root.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// A table or view registered in the metastore.
struct MetastoreTable {
  std::string catalog;                ///< catalog name
  std::string schema;                 ///< schema name
  std::string name;                   ///< table name
  std::string tableType = "MANAGED";  ///< MANAGED, EXTERNAL, VIEW
  std::string format = "DELTA";       ///< DELTA, PARQUET, ... ("" for views)
  std::string location;               ///< table directory ("" for views)
  std::string owner;                  ///< owner principal
  std::string comment;                ///< comment
  Json properties = Json::object();   ///< TBLPROPERTIES
  std::string viewText;               ///< view definition (views only)
};

/// Catalog objects of the local workspace. Names compare case-insensitively, as in Unity
/// Catalog, and keep the spelling they were created with.
class Metastore {
 public:
  /// Opens `<root>/metastore/metastore.db`.
  explicit Metastore(const std::filesystem::path& root);

  /// Creates a catalog; Conflict when it exists (unless ifNotExists).
  void createCatalog(const std::string& name, const std::string& owner,
                     const std::string& comment = {}, bool ifNotExists = false);
  /// Drops a catalog; NotFound unless ifExists; Conflict when not empty and not cascade.
  void dropCatalog(const std::string& name, bool ifExists = false, bool cascade = false);
  /// Catalogs by name.
  [[nodiscard]] std::vector<CatalogInfo> catalogs();

  /// Creates a schema in an existing catalog.
  void createSchema(const std::string& catalog, const std::string& name, const std::string& owner,
                    const std::string& comment = {}, bool ifNotExists = false);
  /// Drops a schema; Conflict when it has tables and not cascade.
  void dropSchema(const std::string& catalog, const std::string& name, bool ifExists = false,
                  bool cascade = false);
  /// Schemas of a catalog (NotFound for an unknown catalog).
  [[nodiscard]] std::vector<SchemaInfo> schemas(const std::string& catalog);

  /// Registers a table in an existing schema; Conflict when the name is taken.
  void createTable(const MetastoreTable& table);
  /// The table, or nullopt.
  [[nodiscard]] std::optional<MetastoreTable> table(const std::string& catalog,
                                                    const std::string& schema,
                                                    const std::string& name);
  /// Tables of a schema (NotFound for an unknown schema).
  [[nodiscard]] std::vector<MetastoreTable> tables(const std::string& catalog,
                                                   const std::string& schema);
  /// Removes a table's registration; NotFound unless ifExists. Returns whether it existed.
  bool dropTable(const std::string& catalog, const std::string& schema, const std::string& name,
                 bool ifExists = false);

 private:
  void requireCatalog(const std::string& catalog);
  void requireSchema(const std::string& catalog, const std::string& schema);
  MetastoreTable fromRow(const Json& row) const;

  StateStore db_;
};

}  // namespace clxs::kernel
