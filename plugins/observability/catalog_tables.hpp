// The tables of a catalog that observability measures: every table of every schema (or of
// one), views left out (they hold no data of their own), information_schema skipped.
#pragma once

#include <string>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs::observability {

/// Catalogs a whole-estate summary leaves out: system catalogs and those named `__*`.
bool isSystemCatalog(const std::string& name);

/// The schemas of `catalog` (only `schema` when not empty), information_schema left out.
/// 404 naming what is missing when the catalog or the schema does not exist.
std::vector<SchemaInfo> catalogSchemas(Workspace& ws, const std::string& catalog,
                                       const std::string& schema, const CallOptions& options);

/// The tables of `catalog` (of `schema` only when not empty). 404 naming what is missing
/// when the catalog or the schema does not exist.
std::vector<TableInfo> catalogTables(Workspace& ws, const std::string& catalog,
                                     const std::string& schema, const CallOptions& options);

/// "catalog.schema.table" of a listed table.
std::string fqnOf(const TableInfo& table);

}  // namespace clxs::observability
