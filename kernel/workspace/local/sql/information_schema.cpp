// `<catalog>.information_schema.*` and the `system` catalog, built from the metastore with
// Databricks' view and column names, as relations DuckDB can join like any table.
#include <functional>

#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

struct Col {
  std::string name;
  std::string type;  // DuckDB type
};

// A literal for `v`; objects become MAP or STRUCT literals as the column's type asks.
std::string cell(const Json& v, const std::string& type = "VARCHAR") {
  if (v.is_null()) return "NULL";
  if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
  if (v.is_number()) return v.dump();
  if (v.is_object() && (type.rfind("MAP", 0) == 0 || type.rfind("STRUCT", 0) == 0)) {
    const bool map = type.rfind("MAP", 0) == 0;
    std::string out = map ? "MAP {" : "{";
    bool first = true;
    for (const auto& [k, value] : v.items()) {
      if (!first) out += ", ";
      first = false;
      out += duckdbLiteral(k) + ": " +
             (map && !value.is_null() && !value.is_string() ? duckdbLiteral(value.dump())
                                                            : cell(value));
    }
    return out + "}";
  }
  return duckdbLiteral(v.is_string() ? v.get<std::string>() : v.dump());
}

// A relation with typed columns holding `rows` (cast so an empty one keeps its types).
std::string relation(const std::vector<Col>& cols, const std::vector<std::vector<Json>>& rows) {
  std::string select;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i > 0) select += ", ";
    select += "CAST(" + std::string(rows.empty() ? "NULL" : "c" + std::to_string(i)) + " AS " +
              cols[i].type + ") AS " + duckdbIdentifier(cols[i].name);
  }
  if (rows.empty()) return "(SELECT " + select + " WHERE false)";
  std::string values;
  for (const auto& r : rows) {
    if (!values.empty()) values += ", ";
    values += "(";
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (i > 0) values += ", ";
      values += i < r.size() ? cell(r[i], cols[i].type) : "NULL";
    }
    values += ")";
  }
  std::string names;
  for (std::size_t i = 0; i < cols.size(); ++i) names += (i ? ", c" : "c") + std::to_string(i);
  return "(SELECT " + select + " FROM (VALUES " + values + ") AS v(" + names + "))";
}

const std::vector<Col> kPrivilegeCols{{"grantor", "VARCHAR"},       {"grantee", "VARCHAR"},
                                      {"table_catalog", "VARCHAR"}, {"table_schema", "VARCHAR"},
                                      {"table_name", "VARCHAR"},    {"privilege_type", "VARCHAR"},
                                      {"is_grantable", "VARCHAR"},  {"inherited_from", "VARCHAR"}};

std::string joinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

Json partitionIndex(const std::vector<std::string>& parts, const std::string& column) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == column) return static_cast<std::int64_t>(i);
  }
  return nullptr;
}

std::vector<std::string> split3(const std::string& full) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = full.find('.', start);
    parts.push_back(full.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

std::optional<std::string> StatementExecutor::informationSchema(const std::string& catalogIn,
                                                                const std::string& viewIn) {
  auto& ms = state_.metastore;
  std::string catalog;
  for (const auto& c : ms.catalogs()) {
    if (upperAscii(c.name) == upperAscii(catalogIn)) catalog = c.name;
  }
  if (catalog.empty()) throwCatalogNotFound(backtick(catalogIn));
  const auto view = upperAscii(viewIn);
  // Nested in a listing (a view over information_schema whose columns are being read), the
  // relation keeps its columns but lists nothing: its rows are not needed for that.
  const bool nested = listingInformationSchema_;
  const auto schemas = nested ? std::vector<SchemaInfo>{} : ms.schemas(catalog);
  struct Listing {
    bool& flag;
    bool saved;
    ~Listing() { flag = saved; }
  } listing{listingInformationSchema_, listingInformationSchema_};
  listingInformationSchema_ = true;
  auto forEachTable = [&](const std::function<void(const MetastoreTable&)>& fn) {
    for (const auto& s : schemas) {
      for (const auto& t : ms.tables(catalog, s.name)) fn(t);
    }
  };
  std::vector<std::vector<Json>> rows;
  if (view == "CATALOGS") {
    for (const auto& c : ms.catalogs()) {
      if (c.name != catalog) continue;
      rows.push_back({c.name, c.owner, c.comment, nullptr, nullptr, nullptr, nullptr});
    }
    return relation({{"catalog_name", "VARCHAR"},
                     {"catalog_owner", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"created", "TIMESTAMPTZ"},
                     {"created_by", "VARCHAR"},
                     {"last_altered", "TIMESTAMPTZ"},
                     {"last_altered_by", "VARCHAR"}},
                    rows);
  }
  if (view == "SCHEMATA") {
    for (const auto& s : schemas) {
      rows.push_back({catalog, s.name, s.owner, s.comment, nullptr, nullptr, nullptr, nullptr});
    }
    rows.push_back({catalog, "information_schema", "System user", "Information schema", nullptr,
                    nullptr, nullptr, nullptr});
    return relation({{"catalog_name", "VARCHAR"},
                     {"schema_name", "VARCHAR"},
                     {"schema_owner", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"created", "TIMESTAMPTZ"},
                     {"created_by", "VARCHAR"},
                     {"last_altered", "TIMESTAMPTZ"},
                     {"last_altered_by", "VARCHAR"}},
                    rows);
  }
  if (view == "TABLES") {
    forEachTable([&](const MetastoreTable& t) {
      rows.push_back({t.catalog, t.schema, t.name, t.tableType,
                      t.tableType == "VIEW" ? "NO" : "YES", "PRESERVE", t.owner, t.comment, nullptr,
                      nullptr, nullptr, nullptr,
                      t.tableType == "VIEW" ? Json(nullptr) : Json(t.format), nullptr});
    });
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"table_type", "VARCHAR"},
                     {"is_insertable_into", "VARCHAR"},
                     {"commit_action", "VARCHAR"},
                     {"table_owner", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"created", "TIMESTAMPTZ"},
                     {"created_by", "VARCHAR"},
                     {"last_altered", "TIMESTAMPTZ"},
                     {"last_altered_by", "VARCHAR"},
                     {"data_source_format", "VARCHAR"},
                     {"storage_sub_directory", "VARCHAR"}},
                    rows);
  }
  if (view == "COLUMNS") {
    forEachTable([&](const MetastoreTable& t) {
      std::vector<DeltaColumn> cols;
      std::vector<std::string> parts;
      if (t.tableType == "VIEW") {
        // A view's columns are its query's result columns.
        try {
          const auto r = duck("SELECT * FROM " + relationFor({t.catalog, t.schema, t.name}, {}, 0) +
                              " AS v LIMIT 0");
          for (const auto& c : r.columns) cols.push_back({c.name, deltaTypeFor(c.type)});
        } catch (const WorkspaceError&) {
          return;  // a view whose sources are gone has no columns to report
        }
      } else {
        DeltaTable d(t.location, state_.engine);
        try {
          const auto snap = state_.latestSnapshot(d);
          cols = DeltaTable::columnsOf(snap);
          parts = DeltaTable::partitionColumnsOf(snap);
        } catch (const WorkspaceError&) {
          return;
        }
      }
      for (std::size_t i = 0; i < cols.size(); ++i) {
        const auto type = databricksTypeFor(cols[i].type);
        // data_type is the type's name alone (ARRAY, MAP, STRUCT for nested ones).
        const auto upper = upperAscii(type.substr(0, type.find_first_of("(<")));
        rows.push_back({t.catalog, t.schema, t.name, cols[i].name, static_cast<std::int64_t>(i),
                        nullptr, cols[i].nullable ? "YES" : "NO", type, upper,
                        cols[i].comment.empty() ? Json(nullptr) : Json(cols[i].comment),
                        partitionIndex(parts, cols[i].name)});
      }
    });
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"column_name", "VARCHAR"},
                     {"ordinal_position", "INTEGER"},
                     {"column_default", "VARCHAR"},
                     {"is_nullable", "VARCHAR"},
                     {"full_data_type", "VARCHAR"},
                     {"data_type", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"partition_index", "INTEGER"}},
                    rows);
  }
  if (view == "TABLE_PROPERTIES") {
    // A Delta table's properties as SHOW TBLPROPERTIES lists them (its configuration), a row
    // each; views and tables whose log cannot be read have none.
    forEachTable([&](const MetastoreTable& t) {
      if (t.tableType == "VIEW") return;
      DeltaTable d(t.location, state_.engine);
      Json configuration;
      try {
        configuration = state_.latestSnapshot(d).metadata.value("configuration", Json::object());
      } catch (const WorkspaceError&) {
        return;
      }
      for (const auto& [key, value] : configuration.items()) {
        rows.push_back({t.catalog, t.schema, t.name, key,
                        value.is_string() ? value.get<std::string>() : value.dump()});
      }
    });
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"property_key", "VARCHAR"},
                     {"property_value", "VARCHAR"}},
                    rows);
  }
  if (view == "VIEWS") {
    forEachTable([&](const MetastoreTable& t) {
      if (t.tableType != "VIEW") return;
      rows.push_back({t.catalog, t.schema, t.name, t.viewText, "NONE", "NO", "NO", nullptr});
    });
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"view_definition", "VARCHAR"},
                     {"check_option", "VARCHAR"},
                     {"is_updatable", "VARCHAR"},
                     {"is_insertable_into", "VARCHAR"},
                     {"sql_path", "VARCHAR"}},
                    rows);
  }
  if (view == "PARAMETERS") {
    for (const auto& s : schemas) {
      for (const auto& f : ms.functions(catalog, s.name)) {
        std::int64_t position = 0;
        for (const auto& p : f.parameters) {
          const auto type = p.value("type", std::string());
          rows.push_back({f.catalog, f.schema, f.name, position++, "IN", "NO",
                          p.value("name", std::string()), upperAscii(type), type,
                          p.value("comment", std::string())});
        }
      }
    }
    return relation({{"specific_catalog", "VARCHAR"},
                     {"specific_schema", "VARCHAR"},
                     {"specific_name", "VARCHAR"},
                     {"ordinal_position", "INTEGER"},
                     {"parameter_mode", "VARCHAR"},
                     {"is_result", "VARCHAR"},
                     {"parameter_name", "VARCHAR"},
                     {"data_type", "VARCHAR"},
                     {"full_data_type", "VARCHAR"},
                     {"comment", "VARCHAR"}},
                    rows);
  }
  if (view == "ROUTINES") {
    for (const auto& s : schemas) {
      for (const auto& f : ms.functions(catalog, s.name)) {
        rows.push_back({f.catalog, f.schema, f.name, "FUNCTION", upperAscii(f.returnType),
                        f.returnType, "SQL", f.body, "YES", "CONTAINS SQL", f.comment, f.owner,
                        f.parameters.dump()});
      }
    }
    return relation({{"routine_catalog", "VARCHAR"},
                     {"routine_schema", "VARCHAR"},
                     {"routine_name", "VARCHAR"},
                     {"routine_type", "VARCHAR"},
                     {"data_type", "VARCHAR"},
                     {"full_data_type", "VARCHAR"},
                     {"routine_body", "VARCHAR"},
                     {"routine_definition", "VARCHAR"},
                     {"is_deterministic", "VARCHAR"},
                     {"sql_data_access", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"routine_owner", "VARCHAR"},
                     {"parameters", "VARCHAR"}},
                    rows);
  }
  if (view == "VOLUMES") {
    for (const auto& s : schemas) {
      for (const auto& v : ms.volumes(catalog, s.name)) {
        rows.push_back(
            {v.catalog, v.schema, v.name, v.volumeType, v.owner, v.comment, v.storageLocation});
      }
    }
    return relation({{"volume_catalog", "VARCHAR"},
                     {"volume_schema", "VARCHAR"},
                     {"volume_name", "VARCHAR"},
                     {"volume_type", "VARCHAR"},
                     {"volume_owner", "VARCHAR"},
                     {"comment", "VARCHAR"},
                     {"storage_location", "VARCHAR"}},
                    rows);
  }
  if (view == "TABLE_PRIVILEGES" || view == "SCHEMA_PRIVILEGES" || view == "CATALOG_PRIVILEGES") {
    const auto want = view == "TABLE_PRIVILEGES"    ? Securable::Table
                      : view == "SCHEMA_PRIVILEGES" ? Securable::Schema
                                                    : Securable::Catalog;
    for (const auto& g : ms.grantsInCatalog(catalog)) {
      if (g.securable != want) continue;
      auto parts = split3(g.objectName);
      std::vector<Json> row{g.grantor, g.principal};
      for (const auto& p : parts) row.emplace_back(p);
      row.insert(row.end(), {g.privilege, "NO", nullptr});
      rows.push_back(std::move(row));
    }
    if (want == Securable::Table) return relation(kPrivilegeCols, rows);
    if (want == Securable::Schema) {
      return relation({{"grantor", "VARCHAR"},
                       {"grantee", "VARCHAR"},
                       {"catalog_name", "VARCHAR"},
                       {"schema_name", "VARCHAR"},
                       {"privilege_type", "VARCHAR"},
                       {"is_grantable", "VARCHAR"},
                       {"inherited_from", "VARCHAR"}},
                      rows);
    }
    return relation({{"grantor", "VARCHAR"},
                     {"grantee", "VARCHAR"},
                     {"catalog_name", "VARCHAR"},
                     {"privilege_type", "VARCHAR"},
                     {"is_grantable", "VARCHAR"},
                     {"inherited_from", "VARCHAR"}},
                    rows);
  }
  if (view == "TABLE_TAGS" || view == "COLUMN_TAGS" || view == "SCHEMA_TAGS" ||
      view == "CATALOG_TAGS" || view == "VOLUME_TAGS") {
    const bool columnTags = view == "COLUMN_TAGS";
    const auto want = (view == "TABLE_TAGS" || columnTags) ? Securable::Table
                      : view == "SCHEMA_TAGS"              ? Securable::Schema
                      : view == "VOLUME_TAGS"              ? Securable::Volume
                                                           : Securable::Catalog;
    for (const auto& t : ms.tagsInCatalog(catalog)) {
      if (t.securable != want || columnTags == t.column.empty()) continue;
      std::vector<Json> row;
      for (const auto& p : split3(t.objectName)) row.emplace_back(p);
      if (columnTags) row.emplace_back(t.column);
      row.insert(row.end(), {t.key, t.value});
      rows.push_back(std::move(row));
    }
    std::vector<Col> cols{{"catalog_name", "VARCHAR"}};
    if (want != Securable::Catalog) cols.push_back({"schema_name", "VARCHAR"});
    if (want == Securable::Table) cols.push_back({"table_name", "VARCHAR"});
    if (want == Securable::Volume) cols.push_back({"volume_name", "VARCHAR"});
    if (columnTags) cols.push_back({"column_name", "VARCHAR"});
    cols.push_back({"tag_name", "VARCHAR"});
    cols.push_back({"tag_value", "VARCHAR"});
    return relation(cols, rows);
  }
  if (view == "TABLE_CONSTRAINTS") {
    // Primary and foreign keys, as Databricks lists them (CHECK constraints live in Delta).
    for (const auto& c : ms.constraintsInCatalog(catalog)) {
      const auto p = split3(c.table);
      rows.push_back({p[0], p[1], c.name, p[0], p[1], p[2], c.type, "NO", "NO", "NO", nullptr});
    }
    return relation({{"constraint_catalog", "VARCHAR"},
                     {"constraint_schema", "VARCHAR"},
                     {"constraint_name", "VARCHAR"},
                     {"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"constraint_type", "VARCHAR"},
                     {"is_deferrable", "VARCHAR"},
                     {"initially_deferred", "VARCHAR"},
                     {"enforced", "VARCHAR"},
                     {"comment", "VARCHAR"}},
                    rows);
  }
  if (view == "KEY_COLUMN_USAGE" || view == "CONSTRAINT_COLUMN_USAGE") {
    const bool keyUsage = view == "KEY_COLUMN_USAGE";
    for (const auto& c : ms.constraintsInCatalog(catalog)) {
      const auto p = split3(c.table);
      if (keyUsage) {
        for (std::size_t i = 0; i < c.columns.size(); ++i) {
          Json position = nullptr;
          if (c.type == "FOREIGN KEY") position = static_cast<std::int64_t>(i + 1);
          rows.push_back({p[0], p[1], c.name, p[0], p[1], p[2], c.columns[i],
                          static_cast<std::int64_t>(i + 1), position});
        }
        continue;
      }
      // The columns a constraint uses: the key's own for a primary key, the referenced
      // ones for a foreign key.
      const bool foreign = c.type == "FOREIGN KEY";
      const auto target = split3(foreign ? c.refTable : c.table);
      for (const auto& col : foreign ? c.refColumns : c.columns) {
        rows.push_back({target[0], target[1], target[2], col, p[0], p[1], c.name});
      }
    }
    if (keyUsage) {
      return relation({{"constraint_catalog", "VARCHAR"},
                       {"constraint_schema", "VARCHAR"},
                       {"constraint_name", "VARCHAR"},
                       {"table_catalog", "VARCHAR"},
                       {"table_schema", "VARCHAR"},
                       {"table_name", "VARCHAR"},
                       {"column_name", "VARCHAR"},
                       {"ordinal_position", "INTEGER"},
                       {"position_in_unique_constraint", "INTEGER"}},
                      rows);
    }
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"column_name", "VARCHAR"},
                     {"constraint_catalog", "VARCHAR"},
                     {"constraint_schema", "VARCHAR"},
                     {"constraint_name", "VARCHAR"}},
                    rows);
  }
  if (view == "ROW_FILTERS") {
    for (const auto& f : ms.rowFiltersInCatalog(catalog)) {
      const auto p = split3(f.table);
      rows.push_back({p[0], p[1], p[2], f.function, joinComma(f.columns)});
    }
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"filter_name", "VARCHAR"},
                     {"target_columns", "VARCHAR"}},
                    rows);
  }
  if (view == "COLUMN_MASKS") {
    for (const auto& m : ms.columnMasksInCatalog(catalog)) {
      const auto p = split3(m.table);
      const auto cols = joinComma(m.usingColumns);
      rows.push_back(
          {p[0], p[1], p[2], m.column, m.function, cols.empty() ? Json(nullptr) : Json(cols)});
    }
    return relation({{"table_catalog", "VARCHAR"},
                     {"table_schema", "VARCHAR"},
                     {"table_name", "VARCHAR"},
                     {"column_name", "VARCHAR"},
                     {"mask_name", "VARCHAR"},
                     {"using_columns", "VARCHAR"}},
                    rows);
  }
  return std::nullopt;
}

std::optional<std::string> StatementExecutor::systemTable(const ObjectName& n) {
  // Tables with no local truth (billing, compute, ...) are not found, as on a workspace
  // without those system schemas enabled.
  const auto name = lowerAscii(n.schema) + "." + lowerAscii(n.name);
  const auto columns = SystemTables::columns(name);
  if (!columns) return std::nullopt;
  std::vector<Col> cols;
  for (const auto& c : *columns) cols.push_back({c.name, c.type});
  return relation(cols, state_.system.rows(name));
}

}  // namespace clxs::kernel
