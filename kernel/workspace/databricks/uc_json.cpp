#include "kernel/workspace/databricks/uc_json.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/workspace/databricks/type_text.hpp"

namespace clxs::kernel::databricks {
namespace {

// REST objects omit empty fields and may carry nulls; both read as "".
std::string text(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool flag(const Json& j, const char* key, bool fallback) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

std::int64_t number(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number()) return static_cast<std::int64_t>(it->get<double>());
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

// Entries of `j[key]` ordered by their 0-based `position` (entries without one keep
// their place after those with one).
std::vector<const Json*> byPosition(const Json& j, const char* key) {
  std::vector<const Json*> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_object()) out.push_back(&e);
  }
  std::stable_sort(out.begin(), out.end(), [](const Json* a, const Json* b) {
    const auto pa =
        a->contains("position") ? number(*a, "position") : std::numeric_limits<std::int64_t>::max();
    const auto pb =
        b->contains("position") ? number(*b, "position") : std::numeric_limits<std::int64_t>::max();
    return pa < pb;
  });
  return out;
}

}  // namespace

CatalogInfo catalogFromJson(const Json& j) {
  return {text(j, "name"), text(j, "comment"), text(j, "owner")};
}

SchemaInfo schemaFromJson(const Json& j) {
  return {text(j, "catalog_name"), text(j, "name"), text(j, "comment"), text(j, "owner")};
}

TableInfo tableFromJson(const Json& j) {
  TableInfo t;
  t.catalog = text(j, "catalog_name");
  t.schema = text(j, "schema_name");
  t.name = text(j, "name");
  t.tableType = text(j, "table_type");
  t.format = text(j, "data_source_format");
  t.owner = text(j, "owner");
  t.comment = text(j, "comment");
  for (const Json* c : byPosition(j, "columns")) {
    t.columns.push_back({text(*c, "name"), columnType(text(*c, "type_text"), text(*c, "type_name")),
                         flag(*c, "nullable", true), text(*c, "comment")});
  }
  t.location = text(j, "storage_location");
  if (const auto p = j.find("properties"); p != j.end() && p->is_object()) {
    for (const auto& [k, v] : p->items()) {
      t.properties[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  t.viewText = text(j, "view_definition");
  return t;
}

FunctionInfo functionFromJson(const Json& j) {
  FunctionInfo f;
  f.catalog = text(j, "catalog_name");
  f.schema = text(j, "schema_name");
  f.name = text(j, "name");
  f.returnType = text(j, "full_data_type");
  if (f.returnType.empty()) f.returnType = sqlTypeName(text(j, "data_type"));
  f.body = text(j, "routine_definition");
  f.owner = text(j, "owner");
  f.comment = text(j, "comment");
  if (const auto in = j.find("input_params"); in != j.end() && in->is_object()) {
    for (const Json* p : byPosition(*in, "parameters")) {
      f.parameters.push_back({{"name", text(*p, "name")},
                              {"type", columnType(text(*p, "type_text"), text(*p, "type_name"))}});
    }
  }
  return f;
}

VolumeInfo volumeFromJson(const Json& j) {
  return {text(j, "catalog_name"), text(j, "schema_name"),      text(j, "name"),
          text(j, "volume_type"),  text(j, "storage_location"), text(j, "owner"),
          text(j, "comment")};
}

WarehouseInfo warehouseFromJson(const Json& j) {
  WarehouseInfo w;
  w.id = text(j, "id");
  w.name = text(j, "name");
  w.size = text(j, "cluster_size");
  w.state = text(j, "state");
  w.type = flag(j, "enable_serverless_compute", false) ? "SERVERLESS" : text(j, "warehouse_type");
  return w;
}

FileEntry fileEntryFromJson(const Json& j) {
  FileEntry e;
  e.path = text(j, "path");
  e.isDirectory = flag(j, "is_directory", false);
  e.size = e.isDirectory ? 0 : number(j, "file_size");
  return e;
}

TableSummary tableSummaryFromJson(const Json& j) {
  const auto fullName = text(j, "full_name");
  const auto parts = splitQualified(fullName);
  if (parts.size() != 3) {
    throw WorkspaceError(WorkspaceErrorClass::Remote,
                         "table summary with an unexpected full_name '" + fullName + "'");
  }
  return {parts[0], parts[1], parts[2], text(j, "table_type")};
}

std::vector<GrantInfo> grantsFromJson(const Json& assignments, const GrantTarget& target) {
  const auto fullName = joinDotted(target.parts);
  std::vector<GrantInfo> out;
  if (!assignments.is_array()) return out;
  for (const auto& a : assignments) {
    if (!a.is_object()) continue;
    const auto principal = text(a, "principal");
    const auto privileges = a.find("privileges");
    if (privileges == a.end() || !privileges->is_array()) continue;
    for (const auto& p : *privileges) {
      // PermissionsList holds names; EffectivePermissionsList holds objects naming their origin.
      const bool detailed = p.is_object();
      auto privilege = detailed ? text(p, "privilege") : p.is_string() ? p.get<std::string>() : "";
      if (privilege.empty()) continue;
      std::replace(privilege.begin(), privilege.end(), '_', ' ');
      GrantInfo g{principal, std::move(privilege), target.type, fullName};
      if (detailed && !text(p, "inherited_from_name").empty()) {
        g.objectType = upperAscii(text(p, "inherited_from_type"));
        g.objectName = text(p, "inherited_from_name");
      }
      out.push_back(std::move(g));
    }
  }
  sortGrants(out);
  return out;
}

}  // namespace clxs::kernel::databricks
