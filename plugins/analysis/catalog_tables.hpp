// The tables of a catalog with their columns: the one listing every analysis route builds on
// (diff, validate, compare, schema-drift, diff-detail, monitor), so they all see the same
// schemas, the same exclusions and the same column metadata.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs::analysis {

/// Key of a table within a catalog: (schema, name). A pair rather than "schema.name" because
/// names may contain dots.
using TableKey = std::pair<std::string, std::string>;

/// The schemas and tables of one catalog, as the Workspace port lists them.
struct CatalogTables {
  std::string catalog;               ///< the catalog as requested
  std::vector<std::string> schemas;  ///< listed schemas outside the exclusions, sorted
  /// Every table and view of those schemas (columns, size and properties included), sorted
  /// by schema then name; catalog and schema are set to the requested catalog and the
  /// listed schema.
  std::map<TableKey, TableInfo> tables;

  /// Whether `schema` was listed.
  [[nodiscard]] bool hasSchema(const std::string& schema) const;
};

/// Whether `schema` is skipped: information_schema always (any case), otherwise exact
/// members of `excludeSchemas`.
bool excludedSchema(const std::string& schema, const std::vector<std::string>& excludeSchemas);

/// Whether a table is a view (VIEW, MATERIALIZED_VIEW, METRIC_VIEW) rather than a table.
bool isView(const TableInfo& table);

/// Whether a table holds data a clone copies (MANAGED or EXTERNAL, any case).
bool holdsData(const TableInfo& table);

/// "schema.name", as the diff documents name tables.
std::string displayName(const TableKey& key);

/// Lists the schemas of `catalog` outside `excludeSchemas` and the tables of each,
/// `workers` schemas at a time. Workspace errors (an unknown catalog included),
/// cancellation and deadlines are thrown.
CatalogTables catalogTables(Workspace& ws, const std::string& catalog,
                            const std::vector<std::string>& excludeSchemas, std::size_t workers,
                            const CallOptions& call);

}  // namespace clxs::analysis
