// Contracts drafted from Unity Catalog: a table's columns and types (physicalType and
// logicalType), comments, nullability (required), primary and foreign keys from
// information_schema (primaryKey, primaryKeyPosition, relationships), tags (classification,
// pii, critical data elements, domain) and properties (customProperties).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::governance {

/// A primary or foreign key of a table.
struct OdcsTableKey {
  std::string name;                     ///< constraint name
  std::string type;                     ///< PRIMARY KEY or FOREIGN KEY
  std::vector<std::string> columns;     ///< its columns in key order
  std::string refTable;                 ///< catalog.schema.table referenced (foreign keys)
  std::vector<std::string> refColumns;  ///< the columns referenced
};

/// The keys of every table of a catalog, read once from its information_schema
/// (table_constraints, key_column_usage, constraint_column_usage) with bound names.
class OdcsCatalogKeys {
 public:
  /// Reads the catalog's keys; a catalog without those views has none.
  OdcsCatalogKeys(Workspace& ws, const std::string& catalog, const CallOptions& call);
  /// The keys of schema.table (names without ASCII case).
  [[nodiscard]] std::vector<OdcsTableKey> of(const std::string& schema,
                                             const std::string& table) const;

 private:
  std::map<std::string, std::vector<OdcsTableKey>> keys_;  // "schema.table" lower case
};

/// The logicalType of a Databricks type.
std::string odcsLogicalTypeOf(const std::string& type);

/// A draft contract (status draft, version 1.0.0, the id given) for `table`.
Json generateContract(Workspace& ws, const TableInfo& table, const OdcsCatalogKeys& keys,
                      const std::string& id, const CallOptions& call);

}  // namespace clxs::governance
