// Unity Catalog objects of the local workspace in the REST API's shapes (CatalogInfo,
// SchemaInfo, TableInfo, FunctionInfo, VolumeInfo, privilege assignments).
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel::emulator {

/// CatalogInfo {name, full_name, owner, comment, catalog_type, ...}.
Json catalogJson(const CatalogInfo& catalog);
/// SchemaInfo {name, catalog_name, full_name, owner, comment, ...}.
Json schemaJson(const SchemaInfo& schema);
/// TableInfo with 0-based column positions, string-valued properties and view_definition
/// for views.
Json tableJson(const TableInfo& table);
/// FunctionInfo with input_params.parameters.
Json functionJson(const FunctionInfo& function);
/// VolumeInfo.
Json volumeJson(const VolumeInfo& volume);
/// {privilege_assignments: [{principal, privileges: [...]}]}: privileges grouped per
/// principal in first-seen order, spelled with underscores. `effective` gives each privilege
/// as {privilege} as the effective-permissions endpoint does, with inherited_from_type and
/// inherited_from_name when the grant is on a securable other than `securable` (its dotted
/// name). Only `principal`'s assignment when it is not empty.
Json privilegeAssignmentsJson(const std::vector<GrantInfo>& grants, bool effective,
                              const std::string& principal, const std::string& securable);
/// {catalog_name, schema_name, name} of a TableInfo, FunctionInfo or VolumeInfo.
std::vector<std::string> nameParts(const Json& info);
/// "USE CATALOG" → "USE_CATALOG".
std::string apiPrivilege(std::string sqlPrivilege);
/// "USE_CATALOG" → "USE CATALOG" (upper-cased).
std::string sqlPrivilege(std::string apiPrivilege);

}  // namespace clxs::kernel::emulator
