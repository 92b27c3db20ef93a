// Catalog Explorer answers computed from the Workspace port: catalogs, schemas, tables,
// schema objects and table/catalog metadata, in the JSON shapes of the spec.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::explorer {

/// True for the table types Unity Catalog lists among tables but that are views
/// (VIEW, MATERIALIZED_VIEW, METRIC_VIEW); case-insensitive.
bool isViewType(const std::string& tableType);

/// Schemas the explorer never lists: information_schema and default.
bool isHiddenSchema(const std::string& schema);

/// Catalog names, sorted.
Json listCatalogs(Workspace& ws, const CallOptions& options);

/// Schema names of `catalog` without information_schema and default, sorted. NotFound
/// (404) naming the catalog when it does not exist.
Json listSchemas(Workspace& ws, const std::string& catalog, const CallOptions& options);

/// {name, storage_root, owner, comment} from DESCRIBE CATALOG EXTENDED; storage_root is
/// null when the workspace does not report one.
Json catalogInfo(Workspace& ws, const std::string& catalog, const CallOptions& options);

/// Names of the tables (not views) of a schema, sorted.
Json listTables(Workspace& ws, const std::string& catalog, const std::string& schema,
                const CallOptions& options);

/// [{name, table_type, data_source_format}] for the tables (not views) of a schema, sorted by
/// name; data_source_format is null when the workspace reports none.
Json listTablesWithFormat(Workspace& ws, const std::string& catalog, const std::string& schema,
                          const CallOptions& options);

/// {tables, views, functions, volumes}: sorted name lists of a schema's objects.
Json schemaObjects(Workspace& ws, const std::string& catalog, const std::string& schema,
                   const CallOptions& options);

/// {name, catalog, schema, table_type, owner, storage_location, columns, properties, comment,
/// data_source_format, size_bytes} of one table or view; NotFound (404) naming it when the
/// schema has no such table (an exact name wins over a case-insensitive match).
Json tableInfo(Workspace& ws, const std::string& catalog, const std::string& schema,
               const std::string& table, const CallOptions& options);

}  // namespace clxs::explorer
