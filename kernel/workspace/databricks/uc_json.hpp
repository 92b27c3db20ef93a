// Reads Unity Catalog, SQL warehouse and Files API objects (REST field names) into the
// Workspace port's structs.
#pragma once

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
