// Reads Unity Catalog, SQL warehouse and Files API objects (REST field names) into the
// Workspace port's structs.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::databricks {

/// A CatalogInfo from the REST CatalogInfo.
CatalogInfo catalogFromJson(const Json& j);
/// A SchemaInfo from the REST SchemaInfo.
SchemaInfo schemaFromJson(const Json& j);
/// A TableInfo from the REST TableInfo: columns in position order with upper-cased type
/// text, properties as strings; no size (Unity Catalog does not report one).
TableInfo tableFromJson(const Json& j);
/// A TableSummary from one entry of `table-summaries` (its `full_name` split in three).
TableSummary tableSummaryFromJson(const Json& j);
/// Grants from a permissions answer's `privilege_assignments`, SQL-spelled (USE CATALOG),
/// made on `target` unless an entry names where it is inherited from; in sortGrants() order.
std::vector<GrantInfo> grantsFromJson(const Json& assignments, const GrantTarget& target);
/// A FunctionInfo from the REST FunctionInfo (parameters in position order).
FunctionInfo functionFromJson(const Json& j);
/// A VolumeInfo from the REST VolumeInfo.
VolumeInfo volumeFromJson(const Json& j);
/// A WarehouseInfo from the REST EndpointInfo (type SERVERLESS when serverless compute is
/// enabled, else `warehouse_type`).
WarehouseInfo warehouseFromJson(const Json& j);
/// A FileEntry from one entry of a Files API directory listing.
FileEntry fileEntryFromJson(const Json& j);

}  // namespace clxs::kernel::databricks
