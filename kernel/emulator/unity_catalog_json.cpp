#include "kernel/emulator/unity_catalog_json.hpp"

#include <algorithm>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/emulator/result_encoding.hpp"

namespace clxs::kernel::emulator {

namespace {

Json stringMap(const Json& properties) {
  Json out = Json::object();
  if (!properties.is_object()) return out;
  for (const auto& [key, value] : properties.items()) {
    out[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return out;
}

}  // namespace

Json catalogJson(const CatalogInfo& catalog) {
  return Json{{"name", catalog.name},
              {"full_name", catalog.name},
              {"owner", catalog.owner},
              {"comment", catalog.comment},
              {"catalog_type", catalog.name == "system" ? "SYSTEM_CATALOG" : "MANAGED_CATALOG"},
              {"securable_type", "CATALOG"},
              {"isolation_mode", "OPEN"}};
}

Json schemaJson(const SchemaInfo& schema) {
  return Json{{"name", schema.name},
              {"catalog_name", schema.catalog},
              {"full_name", joinDotted({schema.catalog, schema.name})},
              {"owner", schema.owner},
              {"comment", schema.comment},
              {"catalog_type", schema.catalog == "system" ? "SYSTEM_CATALOG" : "MANAGED_CATALOG"}};
}

Json tableJson(const TableInfo& table) {
  Json columns = Json::array();
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const auto& c = table.columns[i];
    columns.push_back(Json{{"name", c.name},
                           {"type_text", c.type},
                           {"type_name", columnTypeName(c.type)},
                           {"position", i},
                           {"nullable", c.nullable},
                           {"comment", c.comment}});
  }
  const bool view = upperAscii(table.tableType) == "VIEW";
  Json out{{"name", table.name},
           {"catalog_name", table.catalog},
           {"schema_name", table.schema},
           {"full_name", joinDotted({table.catalog, table.schema, table.name})},
           {"table_type", table.tableType},
           {"data_source_format", view ? std::string() : table.format},
           {"owner", table.owner},
           {"comment", table.comment},
           {"columns", columns},
           {"storage_location", table.location},
           {"properties", stringMap(table.properties)}};
  if (view) {
    out.erase("data_source_format");
    out.erase("storage_location");
    out["view_definition"] = table.viewText;
  }
  return out;
}

Json functionJson(const FunctionInfo& function) {
  Json parameters = Json::array();
  std::size_t position = 0;
  if (function.parameters.is_array()) {
    for (const auto& p : function.parameters) {
      const auto type = p.value("type", std::string("STRING"));
      parameters.push_back(Json{{"name", p.value("name", std::string())},
                                {"type_text", type},
                                {"type_name", columnTypeName(type)},
                                {"position", position++},
                                {"parameter_mode", "IN"},
                                {"parameter_type", "PARAM"}});
    }
  }
  return Json{{"name", function.name},
              {"catalog_name", function.catalog},
              {"schema_name", function.schema},
              {"full_name", joinDotted({function.catalog, function.schema, function.name})},
              {"data_type", columnTypeName(function.returnType)},
              {"full_data_type", function.returnType},
              {"routine_body", "SQL"},
              {"routine_definition", function.body},
              {"input_params", {{"parameters", parameters}}},
              {"parameter_style", "S"},
              {"security_type", "DEFINER"},
              {"specific_name", function.name},
              {"owner", function.owner},
              {"comment", function.comment}};
}

Json volumeJson(const VolumeInfo& volume) {
  return Json{{"name", volume.name},
              {"catalog_name", volume.catalog},
              {"schema_name", volume.schema},
              {"full_name", joinDotted({volume.catalog, volume.schema, volume.name})},
              {"volume_type", volume.volumeType},
              {"storage_location", volume.storageLocation},
              {"owner", volume.owner},
              {"comment", volume.comment}};
}

std::vector<std::string> nameParts(const Json& info) {
  return {info.value("catalog_name", std::string()), info.value("schema_name", std::string()),
          info.value("name", std::string())};
}

std::string apiPrivilege(std::string sqlPrivilege) {
  sqlPrivilege = upperAscii(sqlPrivilege);
  std::replace(sqlPrivilege.begin(), sqlPrivilege.end(), ' ', '_');
  return sqlPrivilege;
}

std::string sqlPrivilege(std::string apiPrivilege) {
  apiPrivilege = upperAscii(apiPrivilege);
  std::replace(apiPrivilege.begin(), apiPrivilege.end(), '_', ' ');
  return apiPrivilege;
}

Json privilegeAssignmentsJson(const std::vector<GrantInfo>& grants, bool effective,
                              const std::string& principal, const std::string& securable) {
  Json assignments = Json::array();
  for (const auto& g : grants) {
    if (!principal.empty() && g.principal != principal) continue;
    auto it = std::find_if(assignments.begin(), assignments.end(),
                           [&](const Json& a) { return a["principal"] == g.principal; });
    if (it == assignments.end()) {
      assignments.push_back(Json{{"principal", g.principal}, {"privileges", Json::array()}});
      it = assignments.end() - 1;
    }
    const auto privilege = apiPrivilege(g.privilege);
    if (effective) {
      Json entry{{"privilege", privilege}};
      if (!sameName(g.objectName, securable)) {
        entry["inherited_from_type"] = g.objectType;
        entry["inherited_from_name"] = g.objectName;
      }
      (*it)["privileges"].push_back(std::move(entry));
    } else {
      (*it)["privileges"].push_back(privilege);
    }
  }
  return Json{{"privilege_assignments", assignments}};
}

}  // namespace clxs::kernel::emulator
