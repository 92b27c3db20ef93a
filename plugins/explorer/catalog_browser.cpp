#include "plugins/explorer/catalog_browser.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::explorer {
namespace {

Json sortedNames(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return Json(std::move(names));
}

Json nullIfEmpty(const std::string& s) {
  return s.empty() ? Json() : Json(s);
}

bool catalogExists(Workspace& ws, const std::string& catalog, const CallOptions& options) {
  const auto all = ws.catalog().catalogs(options);
  return std::any_of(all.begin(), all.end(), [&](const auto& c) { return c.name == catalog; });
}

// Implementations differ on an unknown schema: some throw NotFound, some list nothing. An
// empty listing is checked so that both answer the same 404.
std::vector<TableInfo> tablesOf(Workspace& ws, const std::string& catalog,
                                const std::string& schema, const CallOptions& options) {
  auto tables = ws.catalog().tables(catalog, schema, options);
  if (!tables.empty()) return tables;
  const auto schemas = ws.catalog().schemas(catalog, options);
  const bool found = std::any_of(schemas.begin(), schemas.end(),
                                 [&](const SchemaInfo& s) { return s.name == schema; });
  if (!found) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "Schema " + quoteQualified({catalog, schema}) + " not found.");
  }
  return tables;
}

Json columnsJson(const std::vector<ColumnInfo>& columns) {
  Json out = Json::array();
  for (const auto& c : columns) {
    // name/type as the spec's example; column_name/data_type as the original answered and
    // its web UI reads them.
    out.push_back(Json{{"name", c.name},
                       {"type", c.type},
                       {"column_name", c.name},
                       {"data_type", c.type},
                       {"nullable", c.nullable},
                       {"comment", nullIfEmpty(c.comment)}});
  }
  return out;
}

}  // namespace

bool isViewType(const std::string& tableType) {
  const auto t = upperAscii(tableType);
  return t == "VIEW" || t == "MATERIALIZED_VIEW" || t == "METRIC_VIEW";
}

bool isHiddenSchema(const std::string& schema) {
  const auto s = lowerAscii(schema);
  return s == "information_schema" || s == "default";
}

Json listCatalogs(Workspace& ws, const CallOptions& options) {
  std::vector<std::string> names;
  for (const auto& c : ws.catalog().catalogs(options)) names.push_back(c.name);
  return sortedNames(std::move(names));
}

Json listSchemas(Workspace& ws, const std::string& catalog, const CallOptions& options) {
  const auto schemas = ws.catalog().schemas(catalog, options);
  if (schemas.empty() && !catalogExists(ws, catalog, options)) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "Catalog " + quoteIdentifier(catalog) + " not found.");
  }
  std::vector<std::string> names;
  for (const auto& s : schemas) {
    if (!isHiddenSchema(s.name)) names.push_back(s.name);
  }
  return sortedNames(std::move(names));
}

Json catalogInfo(Workspace& ws, const std::string& catalog, const CallOptions& options) {
  const auto r =
      ws.sql().execute("DESCRIBE CATALOG EXTENDED " + quoteIdentifier(catalog), {}, options);
  // Databricks answers (info_name, info_value) rows; the storage root has had several labels.
  std::string owner;
  std::string comment;
  std::optional<std::string> storageRoot;
  for (const auto& row : r.rows) {
    if (row.size() < 2) continue;
    const auto key = lowerAscii(jsonText(row[0]));
    const auto value = jsonText(row[1]);
    if (key == "owner") {
      owner = value;
    } else if (key == "comment") {
      comment = value;
    } else if ((key == "storage root" || key == "storage location" || key == "managed location" ||
                key == "storage_root") &&
               !value.empty() && !storageRoot) {
      storageRoot = value;
    }
  }
  return Json{{"name", catalog},
              {"storage_root", storageRoot ? Json(*storageRoot) : Json()},
              {"owner", nullIfEmpty(owner)},
              {"comment", nullIfEmpty(comment)}};
}

Json listTables(Workspace& ws, const std::string& catalog, const std::string& schema,
                const CallOptions& options) {
  std::vector<std::string> names;
  for (const auto& t : tablesOf(ws, catalog, schema, options)) {
    if (!isViewType(t.tableType)) names.push_back(t.name);
  }
  return sortedNames(std::move(names));
}

Json listTablesWithFormat(Workspace& ws, const std::string& catalog, const std::string& schema,
                          const CallOptions& options) {
  auto tables = tablesOf(ws, catalog, schema, options);
  std::sort(tables.begin(), tables.end(),
            [](const TableInfo& a, const TableInfo& b) { return a.name < b.name; });
  Json out = Json::array();
  for (const auto& t : tables) {
    if (isViewType(t.tableType)) continue;
    out.push_back(
        Json{{"name", t.name},
             {"table_type", upperAscii(t.tableType)},
             {"data_source_format", t.format.empty() ? Json() : Json(upperAscii(t.format))}});
  }
  return out;
}

Json schemaObjects(Workspace& ws, const std::string& catalog, const std::string& schema,
                   const CallOptions& options) {
  std::vector<std::string> tables;
  std::vector<std::string> views;
  for (const auto& t : tablesOf(ws, catalog, schema, options)) {
    (isViewType(t.tableType) ? views : tables).push_back(t.name);
  }
  std::vector<std::string> functions;
  for (const auto& f : ws.catalog().functions(catalog, schema, options))
    functions.push_back(f.name);
  std::vector<std::string> volumes;
  for (const auto& v : ws.catalog().volumes(catalog, schema, options)) volumes.push_back(v.name);
  return Json{{"tables", sortedNames(std::move(tables))},
              {"views", sortedNames(std::move(views))},
              {"functions", sortedNames(std::move(functions))},
              {"volumes", sortedNames(std::move(volumes))}};
}

Json tableInfo(Workspace& ws, const std::string& catalog, const std::string& schema,
               const std::string& table, const CallOptions& options) {
  TableInfo t;
  try {
    t = ws.catalog().table(ObjectName{catalog, schema, table}, options);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
    // Say which level is missing, in the same words on every workspace.
    (void)tablesOf(ws, catalog, schema, options);
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "Table " + quoteQualified({catalog, schema, table}) + " not found.");
  }
  Json out{{"name", t.name},
           {"catalog", t.catalog.empty() ? catalog : t.catalog},
           {"schema", t.schema.empty() ? schema : t.schema},
           {"table_type", upperAscii(t.tableType)},
           {"owner", nullIfEmpty(t.owner)},
           {"storage_location", nullIfEmpty(t.location)},
           {"columns", columnsJson(t.columns)},
           {"properties", t.properties.is_object() ? t.properties : Json::object()},
           {"comment", nullIfEmpty(t.comment)},
           {"data_source_format", t.format.empty() ? Json() : Json(upperAscii(t.format))},
           {"size_bytes", t.sizeBytes ? Json(*t.sizeBytes) : Json()}};
  if (isViewType(t.tableType)) out["view_definition"] = t.viewText;
  return out;
}

}  // namespace clxs::explorer
