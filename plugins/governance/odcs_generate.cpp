#include "plugins/governance/odcs_generate.hpp"

#include <algorithm>

#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/odcs_document.hpp"

namespace clxs::governance {

namespace {

std::string odcsCell(const ResultSet& r, std::size_t row, const char* column) {
  const auto i = r.columnIndex(column);
  return i && row < r.rows.size() ? jsonText(r.rows[row][*i]) : std::string();
}

ResultSet odcsReadKeys(Workspace& ws, const std::string& sql, const CallOptions& call) {
  try {
    return ws.sql().execute(sql, {}, call);
  } catch (const WorkspaceError& e) {
    // A catalog (or workspace) without the constraint views has no keys to tell.
    if (e.errorClass() == WorkspaceErrorClass::NotFound ||
        e.errorClass() == WorkspaceErrorClass::InvalidSql) {
      return {};
    }
    throw;
  }
}

bool odcsTruthy(const std::string& v) {
  const std::string l = lowerAscii(v);
  return l == "true" || l == "yes" || l == "1" || l == "y";
}

}  // namespace

OdcsCatalogKeys::OdcsCatalogKeys(Workspace& ws, const std::string& catalog,
                                 const CallOptions& call) {
  const std::string is = quoteIdentifier(catalog) + ".information_schema.";
  const ResultSet constraints = odcsReadKeys(
      ws,
      "SELECT constraint_schema, constraint_name, table_schema, table_name, constraint_type FROM " +
          is + "table_constraints WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')",
      call);
  if (constraints.rows.empty()) return;
  const ResultSet columns = odcsReadKeys(
      ws,
      "SELECT constraint_schema, constraint_name, column_name, ordinal_position FROM " + is +
          "key_column_usage ORDER BY constraint_schema, constraint_name, ordinal_position",
      call);
  const ResultSet referenced = odcsReadKeys(
      ws,
      "SELECT constraint_schema, constraint_name, table_catalog, table_schema, table_name, "
      "column_name FROM " +
          is + "constraint_column_usage",
      call);
  for (std::size_t r = 0; r < constraints.rows.size(); ++r) {
    OdcsTableKey key;
    const std::string schema = odcsCell(constraints, r, "constraint_schema");
    key.name = odcsCell(constraints, r, "constraint_name");
    key.type = upperAscii(odcsCell(constraints, r, "constraint_type"));
    const auto same = [&](const ResultSet& set, std::size_t row) {
      return sameName(odcsCell(set, row, "constraint_schema"), schema) &&
             odcsCell(set, row, "constraint_name") == key.name;
    };
    for (std::size_t c = 0; c < columns.rows.size(); ++c) {
      if (same(columns, c)) key.columns.push_back(odcsCell(columns, c, "column_name"));
    }
    if (key.type == "FOREIGN KEY") {
      for (std::size_t c = 0; c < referenced.rows.size(); ++c) {
        if (!same(referenced, c)) continue;
        key.refTable = odcsCell(referenced, c, "table_catalog") + "." +
                       odcsCell(referenced, c, "table_schema") + "." +
                       odcsCell(referenced, c, "table_name");
        key.refColumns.push_back(odcsCell(referenced, c, "column_name"));
      }
    }
    keys_[lowerAscii(odcsCell(constraints, r, "table_schema") + "." +
                     odcsCell(constraints, r, "table_name"))]
        .push_back(std::move(key));
  }
}

std::vector<OdcsTableKey> OdcsCatalogKeys::of(const std::string& schema,
                                              const std::string& table) const {
  const auto it = keys_.find(lowerAscii(schema + "." + table));
  return it == keys_.end() ? std::vector<OdcsTableKey>{} : it->second;
}

std::string odcsLogicalTypeOf(const std::string& type) {
  const std::string t = upperAscii(type);
  const auto starts = [&](const char* p) { return t.rfind(p, 0) == 0; };
  if (starts("ARRAY")) return "array";
  if (starts("STRUCT") || starts("MAP") || starts("VARIANT")) return "object";
  if (starts("TINYINT") || starts("SMALLINT") || starts("BIGINT") || starts("INT") ||
      starts("LONG") || starts("SHORT") || starts("BYTE")) {
    return "integer";
  }
  if (starts("DECIMAL") || starts("DEC") || starts("NUMERIC") || starts("DOUBLE") ||
      starts("FLOAT") || starts("REAL")) {
    return "number";
  }
  if (starts("BOOLEAN")) return "boolean";
  if (starts("TIMESTAMP")) return "timestamp";
  if (starts("DATE")) return "date";
  return "string";
}

Json generateContract(Workspace& ws, const TableInfo& table, const OdcsCatalogKeys& keys,
                      const std::string& id, const CallOptions& call) {
  const std::string fqn = table.catalog + "." + table.schema + "." + table.name;
  std::vector<TagInfo> tags;
  try {
    tags = ws.catalog().tags("TABLE", ObjectName{table.catalog, table.schema, table.name}.quoted(),
                             call);
  } catch (const WorkspaceError& e) {
    if (e.interrupts()) throw;  // a workspace without tags describes the table without them
  }
  const auto tableKeys = keys.of(table.schema, table.name);
  std::map<std::string, int> pkPosition;  // lower-case column → 1-based position
  Json relationships = Json::array();
  std::map<std::string, Json> columnRelations;
  for (const auto& k : tableKeys) {
    if (k.type == "PRIMARY KEY") {
      for (std::size_t i = 0; i < k.columns.size(); ++i) {
        pkPosition[lowerAscii(k.columns[i])] = static_cast<int>(i) + 1;
      }
    } else if (k.type == "FOREIGN KEY" && !k.refTable.empty()) {
      if (k.columns.size() == 1 && k.refColumns.size() == 1) {
        columnRelations[lowerAscii(k.columns[0])] =
            Json{{"type", "foreignKey"},
                 {"to", k.refTable + "." + k.refColumns[0]},
                 {"customProperties",
                  Json::array({Json{{"property", "constraintName"}, {"value", k.name}}})}};
      } else {
        Json from = Json::array();
        Json to = Json::array();
        for (const auto& c : k.columns) from.push_back(table.name + "." + c);
        for (const auto& c : k.refColumns) to.push_back(k.refTable + "." + c);
        relationships.push_back(
            Json{{"type", "foreignKey"},
                 {"from", from},
                 {"to", to},
                 {"customProperties",
                  Json::array({Json{{"property", "constraintName"}, {"value", k.name}}})}});
      }
    }
  }
  std::string domain;
  std::string dataProduct;
  Json tableTags = Json::array();
  std::map<std::string, std::vector<TagInfo>> columnTags;
  for (const auto& t : tags) {
    if (!t.column.empty()) {
      columnTags[lowerAscii(t.column)].push_back(t);
      continue;
    }
    const std::string key = lowerAscii(t.key);
    if (key == "domain") domain = t.value;
    if (key == "data_product" || key == "dataproduct") dataProduct = t.value;
    tableTags.push_back(t.value.empty() ? t.key : t.key + ":" + t.value);
  }

  Json properties = Json::array();
  Json quality = Json::array();
  const bool singleKey = pkPosition.size() == 1;
  for (const auto& c : table.columns) {
    const std::string lower = lowerAscii(c.name);
    const auto pk = pkPosition.find(lower);
    Json p{{"name", c.name}, {"physicalType", c.type}, {"logicalType", odcsLogicalTypeOf(c.type)}};
    if (!c.comment.empty()) p["description"] = c.comment;
    p["required"] = !c.nullable || pk != pkPosition.end();
    p["unique"] = pk != pkPosition.end() && singleKey;
    p["primaryKey"] = pk != pkPosition.end();
    p["primaryKeyPosition"] = pk != pkPosition.end() ? pk->second : -1;
    Json colTags = Json::array();
    for (const auto& t : columnTags[lower]) {
      const std::string key = lowerAscii(t.key);
      if (key == "classification" || key == "data_classification" || key == "sensitivity") {
        p["classification"] = t.value;
      } else if ((key == "pii" || key == "contains_pii") &&
                 (t.value.empty() || odcsTruthy(t.value))) {
        if (!p.contains("classification")) p["classification"] = "pii";
      } else if (key == "pii_type" || key == "pii") {
        p["classification"] = "pii";
        colTags.push_back("pii:" + t.value);
        continue;
      } else if (key == "cde" || key == "critical" || key == "critical_data_element") {
        p["criticalDataElement"] = t.value.empty() || odcsTruthy(t.value);
      }
      colTags.push_back(t.value.empty() ? t.key : t.key + ":" + t.value);
    }
    if (!colTags.empty()) p["tags"] = colTags;
    if (const auto rel = columnRelations.find(lower); rel != columnRelations.end()) {
      p["relationships"] = Json::array({rel->second});
    }
    Json rules = Json::array();
    if (p["required"].get<bool>()) {
      rules.push_back(Json{{"type", "library"},
                           {"metric", "nullValues"},
                           {"mustBe", 0},
                           {"description", "Required: no NULL values"}});
    }
    if (p["unique"].get<bool>()) {
      rules.push_back(Json{{"type", "library"},
                           {"metric", "duplicateValues"},
                           {"mustBe", 0},
                           {"description", "Primary key: no duplicate values"}});
    }
    if (!rules.empty()) p["quality"] = rules;
    properties.push_back(std::move(p));
  }
  Json object{{"name", table.name},
              {"physicalName", fqn},
              {"physicalType", lowerAscii(table.tableType) == "view" ? "view" : "table"},
              {"logicalType", "object"}};
  if (!table.comment.empty()) object["description"] = table.comment;
  object["properties"] = properties;
  if (pkPosition.size() > 1) {
    Json cols = Json::array();
    std::vector<std::pair<int, std::string>> ordered;
    for (const auto& c : table.columns) {
      const auto it = pkPosition.find(lowerAscii(c.name));
      if (it != pkPosition.end()) ordered.emplace_back(it->second, c.name);
    }
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [pos, name] : ordered) cols.push_back(name);
    object["quality"] = Json::array({Json{{"type", "library"},
                                          {"metric", "duplicateValues"},
                                          {"arguments", Json{{"properties", cols}}},
                                          {"mustBe", 0},
                                          {"description", "Primary key: no duplicate keys"}}});
  }
  if (!relationships.empty()) object["relationships"] = relationships;
  if (!tableTags.empty()) object["tags"] = tableTags;

  Json custom = Json::array();
  for (const auto& [k, v] : table.properties.items()) {
    custom.push_back(Json{{"property", k}, {"value", v.is_string() ? v : Json(v.dump())}});
  }
  Json doc{{"apiVersion", kOdcsApiVersion},
           {"kind", "DataContract"},
           {"id", id},
           {"name", table.name},
           {"version", "1.0.0"},
           {"status", "draft"}};
  if (!domain.empty()) doc["domain"] = domain;
  if (!dataProduct.empty()) doc["dataProduct"] = dataProduct;
  Json description{{"purpose", table.comment.empty() ? "Data contract for " + fqn : table.comment}};
  doc["description"] = description;
  doc["schema"] = Json::array({object});
  doc["servers"] = Json::array({Json{{"server", "databricks"},
                                     {"type", "databricks"},
                                     {"catalog", table.catalog},
                                     {"schema", table.schema}}});
  if (!table.owner.empty()) {
    doc["team"] =
        Json{{"members", Json::array({Json{{"username", table.owner}, {"role", "owner"}}})}};
  }
  if (!custom.empty()) doc["customProperties"] = custom;
  return doc;
}

}  // namespace clxs::governance
