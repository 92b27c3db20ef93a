#include "kernel/emulator/unity_catalog_handlers.hpp"

#include <algorithm>
#include <array>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/emulator/scim_handlers.hpp"
#include "kernel/emulator/unity_catalog_json.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

namespace {

[[noreturn]] void notFound(const std::string& code, const std::string& what,
                           const std::string& name) {
  throw ApiError(404, code, what + " '" + name + "' does not exist.");
}

std::string requiredParam(const EmulatorRequest& request, const std::string& name) {
  const auto value = request.param(name);
  if (!value || value->empty()) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE", name + " is required");
  }
  return *value;
}

// SQL LIKE-style pattern with `%` and `*` as "anything" (the UC pattern parameters).
bool matchesPattern(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '%' || pattern[0] == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (matchesPattern(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  const bool same = std::tolower(static_cast<unsigned char>(pattern[0])) ==
                    std::tolower(static_cast<unsigned char>(text[0]));
  return same && matchesPattern(pattern.substr(1), text.substr(1));
}

std::string securableType(const std::string& pathType) {
  auto type = upperAscii(pathType);
  if (type == "CATALOG" || type == "SCHEMA" || type == "TABLE" || type == "VOLUME" ||
      type == "FUNCTION") {
    return type;
  }
  return {};
}

bool validPrivilege(const std::string& privilege) {
  return !privilege.empty() && std::all_of(privilege.begin(), privilege.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ' ';
  });
}

// A securable list endpoint: its kind (whose securablePath() is the URL segment) and the
// field its answer holds the items in.
struct SecurableList {
  SecurableKind kind;
  const char* field;
};

constexpr std::array<SecurableList, 6> kSecurableLists{
    {{SecurableKind::ExternalLocations, "external_locations"},
     {SecurableKind::StorageCredentials, "storage_credentials"},
     {SecurableKind::Connections, "connections"},
     {SecurableKind::RegisteredModels, "registered_models"},
     {SecurableKind::Shares, "shares"},
     {SecurableKind::Recipients, "recipients"}}};

const SecurableList* securableList(const std::string& path) {
  for (const auto& list : kSecurableLists) {
    if (path == securablePath(list.kind)) return &list;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> splitFullName(const std::string& fullName, std::size_t parts) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() + 1 < parts) {
    const auto dot = fullName.find('.', start);
    if (dot == std::string::npos) break;
    out.push_back(fullName.substr(start, dot - start));
    start = dot + 1;
  }
  out.push_back(fullName.substr(start));
  const bool empty = std::any_of(out.begin(), out.end(), [](const auto& p) { return p.empty(); });
  if (out.size() != parts || empty) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE",
                   "'" + fullName + "' is not a full name with " + std::to_string(parts) +
                       " dot-separated parts");
  }
  return out;
}

UnityCatalogHandlers::UnityCatalogHandlers(LocalWorkspace& workspace, ListPager& pager)
    : workspace_(workspace), pager_(pager) {}

EmulatorResponse UnityCatalogHandlers::handle(const EmulatorRequest& request,
                                              const std::vector<std::string>& rest) {
  const auto& m = request.method;
  const auto n = rest.size();
  const std::string first = n > 0 ? rest[0] : std::string();
  if (m == "GET" && n == 1 && first == "catalogs") return jsonResponse(listCatalogs(request));
  if (m == "GET" && n == 2 && first == "catalogs") return jsonResponse(getCatalog(rest[1]));
  if (m == "GET" && n == 1 && first == "schemas") return jsonResponse(listSchemas(request));
  if (m == "GET" && n == 2 && first == "schemas") return jsonResponse(getSchema(rest[1]));
  if (m == "GET" && n == 1 && first == "tables") return jsonResponse(listTables(request));
  if (m == "GET" && n == 2 && first == "tables") return jsonResponse(getTable(rest[1]));
  if (m == "GET" && n == 3 && first == "tables" && rest[2] == "exists") {
    return jsonResponse(tableExists(rest[1]));
  }
  if (m == "GET" && n == 1 && first == "table-summaries") {
    return jsonResponse(tableSummaries(request));
  }
  if (m == "GET" && n == 1 && first == "functions") return jsonResponse(listFunctions(request));
  if (m == "GET" && n == 2 && first == "functions") return jsonResponse(getFunction(rest[1]));
  if (m == "GET" && n == 1 && first == "volumes") return jsonResponse(listVolumes(request));
  if (m == "GET" && n == 2 && first == "volumes") return jsonResponse(getVolume(rest[1]));
  if ((m == "GET" || m == "PATCH") && n == 3 && first == "permissions") {
    return jsonResponse(permissions(request, rest[1], rest[2], false));
  }
  if (m == "GET" && n == 3 && first == "effective-permissions") {
    return jsonResponse(permissions(request, rest[1], rest[2], true));
  }
  if (m == "GET" && n == 1 && first == "metastore_summary") {
    return jsonResponse(metastoreSummary());
  }
  if (m == "GET" && n == 1 && first == "current-metastore-assignment") {
    const auto summary = metastoreSummary();
    return jsonResponse(Json{{"metastore_id", summary.value("metastore_id", std::string())},
                             {"workspace_id", kEmulatorWorkspaceId},
                             {"default_catalog_name", "main"}});
  }
  if (const auto* list = securableList(first); m == "GET" && (n == 1 || n == 2) && list) {
    return jsonResponse(
        securables(request, list->kind, list->field, n == 2 ? rest[1] : std::string()));
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

Json UnityCatalogHandlers::page(const EmulatorRequest& request, const Json& items,
                                const std::string& field) {
  return pager_.page(items, field, request.param("max_results"), request.param("page_token"));
}

CatalogInfo UnityCatalogHandlers::requireCatalog(const std::string& name) {
  for (auto& c : workspace_.catalog().catalogs({})) {
    if (sameName(c.name, name)) return c;
  }
  notFound("CATALOG_DOES_NOT_EXIST", "Catalog", name);
}

SchemaInfo UnityCatalogHandlers::requireSchema(const std::string& catalog,
                                               const std::string& schema) {
  const auto c = requireCatalog(catalog).name;
  for (auto& s : workspace_.catalog().schemas(c, {})) {
    if (!sameName(s.name, schema)) continue;
    s.catalog = c;
    return s;
  }
  notFound("SCHEMA_DOES_NOT_EXIST", "Schema", catalog + "." + schema);
}

Json UnityCatalogHandlers::listCatalogs(const EmulatorRequest& request) {
  Json items = Json::array();
  for (const auto& c : workspace_.catalog().catalogs({})) items.push_back(catalogJson(c));
  return page(request, items, "catalogs");
}

Json UnityCatalogHandlers::getCatalog(const std::string& name) {
  return catalogJson(requireCatalog(name));
}

Json UnityCatalogHandlers::listSchemas(const EmulatorRequest& request) {
  const auto catalog = requireCatalog(requiredParam(request, "catalog_name")).name;
  Json items = Json::array();
  for (const auto& s : workspace_.catalog().schemas(catalog, {})) items.push_back(schemaJson(s));
  return page(request, items, "schemas");
}

Json UnityCatalogHandlers::getSchema(const std::string& fullName) {
  const auto parts = splitFullName(fullName, 2);
  return schemaJson(requireSchema(parts[0], parts[1]));
}

Json UnityCatalogHandlers::listTables(const EmulatorRequest& request) {
  const auto schema =
      requireSchema(requiredParam(request, "catalog_name"), requiredParam(request, "schema_name"));
  const bool omitColumns = request.param("omit_columns").value_or("") == "true";
  const bool omitProperties = request.param("omit_properties").value_or("") == "true";
  Json items = Json::array();
  for (const auto& t : workspace_.catalog().tables(schema.catalog, schema.name, {})) {
    auto table = tableJson(t);
    if (omitColumns) table.erase("columns");
    if (omitProperties) table.erase("properties");
    items.push_back(std::move(table));
  }
  return page(request, items, "tables");
}

Json UnityCatalogHandlers::getTable(const std::string& fullName) {
  const auto parts = splitFullName(fullName, 3);
  const auto schema = requireSchema(parts[0], parts[1]);
  for (const auto& t : workspace_.catalog().tables(schema.catalog, schema.name, {})) {
    if (sameName(t.name, parts[2])) return tableJson(t);
  }
  notFound("TABLE_DOES_NOT_EXIST", "Table", fullName);
}

Json UnityCatalogHandlers::tableExists(const std::string& fullName) {
  try {
    getTable(fullName);
    return Json{{"table_exists", true}};
  } catch (const ApiError& e) {
    if (e.status() != 404) throw;
  }
  return Json{{"table_exists", false}};
}

Json UnityCatalogHandlers::tableSummaries(const EmulatorRequest& request) {
  const auto catalog = requireCatalog(requiredParam(request, "catalog_name")).name;
  const auto schemaPattern = request.param("schema_name_pattern").value_or("%");
  const auto tablePattern = request.param("table_name_pattern").value_or("%");
  Json items = Json::array();
  for (const auto& t : workspace_.catalog().tableSummaries(catalog, {})) {
    if (!matchesPattern(schemaPattern, t.schema) || !matchesPattern(tablePattern, t.name)) continue;
    items.push_back(
        Json{{"full_name", joinDotted({catalog, t.schema, t.name})}, {"table_type", t.tableType}});
  }
  return page(request, items, "tables");
}

Json UnityCatalogHandlers::listFunctions(const EmulatorRequest& request) {
  const auto schema =
      requireSchema(requiredParam(request, "catalog_name"), requiredParam(request, "schema_name"));
  Json items = Json::array();
  for (const auto& f : workspace_.catalog().functions(schema.catalog, schema.name, {})) {
    items.push_back(functionJson(f));
  }
  return page(request, items, "functions");
}

Json UnityCatalogHandlers::getFunction(const std::string& fullName) {
  const auto parts = splitFullName(fullName, 3);
  const auto schema = requireSchema(parts[0], parts[1]);
  for (const auto& f : workspace_.catalog().functions(schema.catalog, schema.name, {})) {
    if (sameName(f.name, parts[2])) return functionJson(f);
  }
  notFound("FUNCTION_DOES_NOT_EXIST", "Function", fullName);
}

Json UnityCatalogHandlers::listVolumes(const EmulatorRequest& request) {
  const auto schema =
      requireSchema(requiredParam(request, "catalog_name"), requiredParam(request, "schema_name"));
  Json items = Json::array();
  for (const auto& v : workspace_.catalog().volumes(schema.catalog, schema.name, {}))
    items.push_back(volumeJson(v));
  return page(request, items, "volumes");
}

Json UnityCatalogHandlers::getVolume(const std::string& fullName) {
  const auto parts = splitFullName(fullName, 3);
  const auto schema = requireSchema(parts[0], parts[1]);
  for (const auto& v : workspace_.catalog().volumes(schema.catalog, schema.name, {})) {
    if (sameName(v.name, parts[2])) return volumeJson(v);
  }
  notFound("VOLUME_DOES_NOT_EXIST", "Volume", fullName);
}

Json UnityCatalogHandlers::permissions(const EmulatorRequest& request, const std::string& type,
                                       const std::string& fullName, bool effective) {
  const auto sqlType = securableType(type);
  const auto principal = request.param("principal").value_or("");
  if (sqlType.empty()) {
    // Securables without local grants (metastore, external_location, ...) hold none here.
    if (request.method == "PATCH") {
      throw ApiError(501, "NOT_IMPLEMENTED",
                     "the local workspace keeps no grants on securable type '" + type + "'");
    }
    return Json{{"privilege_assignments", Json::array()}};
  }
  const auto quoted = quoteQualified(splitFullName(fullName, sqlType == "CATALOG"  ? 1
                                                             : sqlType == "SCHEMA" ? 2
                                                                                   : 3));
  if (request.method == "PATCH") {
    const auto body = request.jsonBody();
    // changes is optional in UpdatePermissions: without it the answer is the grants as they are.
    const auto changes =
        body.contains("changes") && !body["changes"].is_null() ? body["changes"] : Json::array();
    if (!changes.is_array()) {
      throw ApiError(400, "INVALID_PARAMETER_VALUE", "changes must be an array");
    }
    std::vector<std::string> statements;
    for (const auto& change : changes) {
      if (!change.is_object() || !change.contains("principal") ||
          !change["principal"].is_string() || change["principal"].get<std::string>().empty()) {
        throw ApiError(400, "INVALID_PARAMETER_VALUE", "every change needs a principal");
      }
      const auto who = quoteIdentifier(change["principal"].get<std::string>());
      for (const auto& [field, verb, preposition] :
           {std::tuple{"add", "GRANT ", " TO "}, std::tuple{"remove", "REVOKE ", " FROM "}}) {
        if (!change.contains(field)) continue;
        if (!change[field].is_array()) {
          throw ApiError(400, "INVALID_PARAMETER_VALUE", std::string(field) + " must be an array");
        }
        for (const auto& p : change[field]) {
          if (!p.is_string() || !validPrivilege(p.get<std::string>())) {
            throw ApiError(400, "INVALID_PARAMETER_VALUE",
                           "privileges are names such as SELECT or USE_CATALOG");
          }
          std::string statement = verb;
          statement.append(sqlPrivilege(p.get<std::string>()))
              .append(" ON ")
              .append(sqlType)
              .append(" ")
              .append(quoted)
              .append(preposition)
              .append(who);
          statements.push_back(std::move(statement));
        }
      }
    }
    for (const auto& statement : statements) workspace_.sql().execute(statement, {}, {});
  }
  if (effective) {
    return privilegeAssignmentsJson(
        workspace_.catalog().effectiveGrants(sqlType, fullName, principal, {}), true, principal,
        fullName);
  }
  return privilegeAssignmentsJson(workspace_.catalog().grants(sqlType, fullName, {}), false,
                                  principal, fullName);
}

Json UnityCatalogHandlers::metastoreSummary() {
  return workspace_.get<clxs::MetastoreService>().summary({});
}

Json UnityCatalogHandlers::securables(const EmulatorRequest& request, SecurableKind kind,
                                      const char* field, const std::string& name) {
  const Json all = workspace_.get<clxs::MetastoreService>().securables(kind, {});
  if (!name.empty()) {
    for (const auto& item : all) {
      if (item.is_object() && (sameName(item.value("name", std::string()), name) ||
                               sameName(item.value("full_name", std::string()), name))) {
        return item;
      }
    }
    throw ApiError(404, "RESOURCE_DOES_NOT_EXIST", "'" + name + "' does not exist.");
  }
  Json items = Json::array();
  const auto catalog = request.param("catalog_name");
  const auto schema = request.param("schema_name");
  for (const auto& item : all) {
    if (catalog && !sameName(item.value("catalog_name", std::string()), *catalog)) continue;
    if (schema && !sameName(item.value("schema_name", std::string()), *schema)) continue;
    items.push_back(item);
  }
  return page(request, items, field);
}

}  // namespace clxs::kernel::emulator
