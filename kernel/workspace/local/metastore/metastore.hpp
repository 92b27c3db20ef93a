// The local workspace's Unity Catalog metastore: catalogs, schemas and tables in SQLite
// (WAL), so several processes can share one local root.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
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

/// A SQL function (`CREATE FUNCTION ... RETURN expr`).
struct MetastoreFunction {
  std::string catalog;              ///< catalog name
  std::string schema;               ///< schema name
  std::string name;                 ///< function name
  Json parameters = Json::array();  ///< [{"name": "x", "type": "INT", "comment": ""}, ...]
  std::string returnType;           ///< Databricks type text of the result
  std::string body;                 ///< the RETURN expression, as written (Databricks SQL)
  std::string owner;                ///< owner principal
  std::string comment;              ///< comment
};

/// A volume: a directory of files under a schema.
struct MetastoreVolume {
  std::string catalog;                 ///< catalog name
  std::string schema;                  ///< schema name
  std::string name;                    ///< volume name
  std::string volumeType = "MANAGED";  ///< MANAGED or EXTERNAL
  std::string storageLocation;         ///< directory holding the files
  std::string owner;                   ///< owner principal
  std::string comment;                 ///< comment
};

/// What a grant, tag or owner applies to.
enum class Securable { Catalog, Schema, Table, Volume, Function };

/// "CATALOG", "SCHEMA", "TABLE", "VOLUME", "FUNCTION".
std::string securableName(Securable s);

/// One privilege held by one principal on one securable.
struct MetastoreGrant {
  Securable securable = Securable::Table;  ///< kind of object
  std::string objectName;                  ///< full name: `cat`, `cat.sch`, `cat.sch.obj`
  std::string principal;                   ///< user, group or service principal
  std::string privilege;                   ///< upper case: SELECT, MODIFY, USE CATALOG, ...
  std::string grantor;                     ///< who granted it
};

/// One tag on a securable or on a column of a table.
struct MetastoreTag {
  Securable securable = Securable::Table;  ///< kind of object
  std::string objectName;                  ///< full name as for grants
  std::string column;                      ///< column name for column tags, else empty
  std::string key;                         ///< tag name
  std::string value;                       ///< tag value (may be empty)
};

/// A row filter: the function decides, per row, from the named columns.
struct MetastoreRowFilter {
  std::string table;                 ///< full name of the table
  std::string function;              ///< full name of the SQL function
  std::vector<std::string> columns;  ///< columns passed to it, in order
};

/// A column mask: the function's result replaces the column's value.
struct MetastoreColumnMask {
  std::string table;                      ///< full name of the table
  std::string column;                     ///< masked column
  std::string function;                   ///< full name of the SQL function
  std::vector<std::string> usingColumns;  ///< extra columns passed after the masked one
};

/// An informational PRIMARY KEY or FOREIGN KEY constraint (not enforced, as on Databricks).
struct MetastoreConstraint {
  std::string table;                    ///< full name of the table
  std::string name;                     ///< constraint name
  std::string type;                     ///< "PRIMARY KEY" or "FOREIGN KEY"
  std::vector<std::string> columns;     ///< key columns
  std::string refTable;                 ///< referenced table (foreign keys)
  std::vector<std::string> refColumns;  ///< referenced columns (foreign keys)
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
  /// Replaces the stored fields of an existing table (matched by catalog/schema/name);
  /// NotFound when it is not registered.
  void updateTable(const MetastoreTable& table);
  /// Renames a table within its schema or to another schema of the same catalog; its grants
  /// and tags follow it. NotFound / Conflict as for create and drop.
  void renameTable(const std::string& catalog, const std::string& schema, const std::string& name,
                   const std::string& newSchema, const std::string& newName);

  /// Sets the owner of a catalog, schema, table, volume or function (NotFound when absent).
  void setOwner(Securable securable, const std::string& objectName, const std::string& owner);
  /// Sets the comment of a catalog, schema, table, volume or function (NotFound when absent).
  void setComment(Securable securable, const std::string& objectName, const std::string& comment);
  /// The owner of an object, or nullopt when it does not exist.
  [[nodiscard]] std::optional<std::string> owner(Securable securable,
                                                 const std::string& objectName);

  /// Creates or (orReplace) replaces a function; Conflict when it exists and not orReplace.
  void createFunction(const MetastoreFunction& function, bool orReplace = false);
  /// The function, or nullopt.
  [[nodiscard]] std::optional<MetastoreFunction> function(const std::string& catalog,
                                                          const std::string& schema,
                                                          const std::string& name);
  /// Functions of a schema, by name (NotFound for an unknown schema).
  [[nodiscard]] std::vector<MetastoreFunction> functions(const std::string& catalog,
                                                         const std::string& schema);
  /// Drops a function; NotFound unless ifExists. Returns whether it existed.
  bool dropFunction(const std::string& catalog, const std::string& schema, const std::string& name,
                    bool ifExists = false);

  /// Creates a volume; Conflict when it exists (unless ifNotExists).
  void createVolume(const MetastoreVolume& volume, bool ifNotExists = false);
  /// The volume, or nullopt.
  [[nodiscard]] std::optional<MetastoreVolume> volume(const std::string& catalog,
                                                      const std::string& schema,
                                                      const std::string& name);
  /// Volumes of a schema, by name (NotFound for an unknown schema).
  [[nodiscard]] std::vector<MetastoreVolume> volumes(const std::string& catalog,
                                                     const std::string& schema);
  /// Drops a volume; NotFound unless ifExists. Returns whether it existed.
  bool dropVolume(const std::string& catalog, const std::string& schema, const std::string& name,
                  bool ifExists = false);

  /// Grants privileges (idempotent); NotFound when the object does not exist.
  void grant(Securable securable, const std::string& objectName, const std::string& principal,
             const std::vector<std::string>& privileges, const std::string& grantor);
  /// Revokes privileges (absent ones are ignored); NotFound when the object does not exist.
  void revoke(Securable securable, const std::string& objectName, const std::string& principal,
              const std::vector<std::string>& privileges);
  /// Grants on one object, optionally of one principal, ordered by principal then privilege.
  [[nodiscard]] std::vector<MetastoreGrant> grants(Securable securable,
                                                   const std::string& objectName,
                                                   const std::string& principal = {});
  /// Every grant on objects of `catalog` (for information_schema), ordered.
  [[nodiscard]] std::vector<MetastoreGrant> grantsInCatalog(const std::string& catalog);

  /// Sets tags (replacing values of existing keys); NotFound when the object does not exist.
  void setTags(Securable securable, const std::string& objectName, const std::string& column,
               const std::vector<std::pair<std::string, std::string>>& tags);
  /// Removes tags by key (absent keys are ignored).
  void unsetTags(Securable securable, const std::string& objectName, const std::string& column,
                 const std::vector<std::string>& keys);
  /// Tags on one object: that column's tags when `column` is given, otherwise the object's
  /// own tags (not its columns'), ordered by key.
  [[nodiscard]] std::vector<MetastoreTag> tags(Securable securable, const std::string& objectName,
                                               const std::string& column = {});
  /// Every tag on objects of `catalog` (for information_schema), ordered.
  [[nodiscard]] std::vector<MetastoreTag> tagsInCatalog(const std::string& catalog);

  /// Sets the managed storage root of a catalog or schema (CREATE ... MANAGED LOCATION).
  void setStorageRoot(Securable securable, const std::string& objectName, const std::string& root);
  /// The managed storage root of a catalog or schema, if one was set.
  [[nodiscard]] std::optional<std::string> storageRoot(Securable securable,
                                                       const std::string& objectName);
  /// Sets (replaces) a table's row filter.
  void setRowFilter(const MetastoreRowFilter& filter);
  /// Removes a table's row filter (nothing when it has none).
  void dropRowFilter(const std::string& table);
  /// A table's row filter, if any.
  [[nodiscard]] std::optional<MetastoreRowFilter> rowFilter(const std::string& table);
  /// Sets (replaces) a column mask.
  void setColumnMask(const MetastoreColumnMask& mask);
  /// Removes a column mask (nothing when there is none).
  void dropColumnMask(const std::string& table, const std::string& column);
  /// A table's column masks, by column.
  [[nodiscard]] std::vector<MetastoreColumnMask> columnMasks(const std::string& table);
  /// Adds a constraint; Conflict when the name is taken or a second primary key is added.
  void addConstraint(const MetastoreConstraint& constraint);
  /// Drops a constraint; returns whether it existed.
  bool dropConstraint(const std::string& table, const std::string& name);
  /// A table's constraints, by name.
  [[nodiscard]] std::vector<MetastoreConstraint> constraints(const std::string& table);
  /// Row filters, masks and constraints of every table of `catalog` (information_schema).
  [[nodiscard]] std::vector<MetastoreRowFilter> rowFiltersInCatalog(const std::string& catalog);
  /// See rowFiltersInCatalog.
  [[nodiscard]] std::vector<MetastoreColumnMask> columnMasksInCatalog(const std::string& catalog);
  /// See rowFiltersInCatalog.
  [[nodiscard]] std::vector<MetastoreConstraint> constraintsInCatalog(const std::string& catalog);

  /// A counter that changes whenever any process changes the metastore (SQLite's
  /// `PRAGMA data_version` plus this handle's own writes), so callers can cache.
  [[nodiscard]] std::int64_t generation();

 private:
  void requireCatalog(const std::string& catalog);
  void requireSchema(const std::string& catalog, const std::string& schema);
  MetastoreTable fromRow(const Json& row) const;

  StateStore db_;
};

}  // namespace clxs::kernel
