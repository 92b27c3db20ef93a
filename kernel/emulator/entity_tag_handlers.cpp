#include "kernel/emulator/entity_tag_handlers.hpp"

#include <algorithm>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/emulator/unity_catalog_handlers.hpp"
#include "kernel/emulator/unity_catalog_json.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

namespace {

// The SDK sends the assignment itself as the body; the REST reference nests it under
// tag_assignment. Both are taken.
Json assignmentBody(const EmulatorRequest& request) {
  auto body = request.jsonBody();
  if (body.contains("tag_assignment") && body["tag_assignment"].is_object()) {
    return body["tag_assignment"];
  }
  return body;
}

std::string textOf(const Json& value) {
  return value.is_string() ? value.get<std::string>() : std::string();
}

}  // namespace

EntityTagHandlers::EntityTagHandlers(LocalWorkspace& workspace, UnityCatalogHandlers& reads)
    : workspace_(workspace), reads_(reads) {}

EmulatorResponse EntityTagHandlers::handle(const EmulatorRequest& request,
                                           const std::vector<std::string>& rest) {
  const auto& m = request.method;
  if (rest.empty() && m == "POST") {
    const auto body = assignmentBody(request);
    const auto entity =
        resolve(requiredStringField(body, "entity_type"), requiredStringField(body, "entity_name"));
    const auto key = requiredStringField(body, "tag_key");
    const auto value = stringField(body, "tag_value").value_or("");
    for (const auto& [k, v] : tagsOf(entity)) {
      if (k == key) {
        throw ApiError(409, "RESOURCE_ALREADY_EXISTS",
                       "Tag assignment '" + key + "' on " + entity.type + " '" +
                           joinDotted(entity.parts) + "' already exists; update it with PATCH");
      }
    }
    setTag(entity, key, value);
    return jsonResponse(assignmentJson(entity, key, value));
  }
  const bool list = rest.size() == 3 && m == "GET";
  const bool one = rest.size() == 4 && (m == "GET" || m == "PATCH" || m == "DELETE");
  if ((list || one) && rest[2] == "tags") {
    const auto entity = resolve(rest[0], rest[1]);
    const auto tags = tagsOf(entity);
    if (list) {
      Json items = Json::array();
      for (const auto& [k, v] : tags) items.push_back(assignmentJson(entity, k, v));
      return jsonResponse(reads_.page(request, items, "tag_assignments"));
    }
    const auto& key = rest[3];
    const auto found =
        std::find_if(tags.begin(), tags.end(), [&](const auto& t) { return t.first == key; });
    if (found == tags.end()) {
      throw ApiError(404, "RESOURCE_DOES_NOT_EXIST",
                     "Tag assignment '" + key + "' on " + entity.type + " '" +
                         joinDotted(entity.parts) + "' does not exist.");
    }
    if (m == "GET") return jsonResponse(assignmentJson(entity, key, found->second));
    if (m == "PATCH") {
      const auto mask = request.param("update_mask").value_or("");
      if (mask.find("tag_value") == std::string::npos) {
        throw ApiError(400, "INVALID_PARAMETER_VALUE",
                       "update_mask must name tag_value, the only field a tag assignment "
                       "updates");
      }
      const auto value = stringField(assignmentBody(request), "tag_value").value_or("");
      setTag(entity, key, value);
      return jsonResponse(assignmentJson(entity, key, value));
    }
    // What is left of `one` is DELETE.
    workspace_.sql().execute(alterPrefix(entity) + "UNSET TAGS (" + quoteLiteral(key) + ")", {},
                             {});
    return jsonResponse(Json::object());
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

EntityTagHandlers::Entity EntityTagHandlers::resolve(const std::string& type,
                                                     const std::string& name) {
  if (type == "catalogs") return {type, {reads_.requireCatalog(name).name}};
  if (type == "schemas") {
    const auto parts = splitFullName(name, 2);
    const auto schema = reads_.requireSchema(parts[0], parts[1]);
    return {type, {schema.catalog, schema.name}};
  }
  if (type == "tables") return {type, nameParts(reads_.getTable(name))};
  if (type == "volumes") return {type, nameParts(reads_.getVolume(name))};
  if (type == "columns") {
    const auto parts = splitFullName(name, 4);
    const auto table = reads_.getTable(joinDotted({parts[0], parts[1], parts[2]}));
    for (const auto& column : table.value("columns", Json::array())) {
      const auto columnName = column.value("name", std::string());
      if (!sameName(columnName, parts[3])) continue;
      auto stored = nameParts(table);
      stored.push_back(columnName);
      return {type, stored};
    }
    throw ApiError(404, "RESOURCE_DOES_NOT_EXIST",
                   "Column '" + parts[3] + "' does not exist in table '" +
                       joinDotted(nameParts(table)) + "'.");
  }
  throw ApiError(
      400, "INVALID_PARAMETER_VALUE",
      "entity_type must be catalogs, schemas, tables, columns or volumes, not '" + type + "'");
}

std::vector<std::pair<std::string, std::string>> EntityTagHandlers::tagsOf(const Entity& entity) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto& p = entity.parts;
  if (entity.type == "volumes") {
    // The catalog service reads catalog, schema and table tags; volume tags have their own
    // information_schema view.
    const auto rows = workspace_.sql().execute(
        "SELECT tag_name, tag_value FROM " + quoteIdentifier(p[0]) +
            ".information_schema.volume_tags WHERE schema_name = :s AND volume_name = :v "
            "ORDER BY tag_name",
        {{"s", p[1]}, {"v", p[2]}}, {});
    for (const auto& row : rows.rows) out.emplace_back(textOf(row.at(0)), textOf(row.at(1)));
    return out;
  }
  const bool column = entity.type == "columns";
  const std::vector<std::string> securable(p.begin(), column ? p.end() - 1 : p.end());
  const char* kind = entity.type == "catalogs"  ? "CATALOG"
                     : entity.type == "schemas" ? "SCHEMA"
                                                : "TABLE";
  for (const auto& tag : workspace_.catalog().tags(kind, quoteQualified(securable), {})) {
    const bool wanted = column ? sameName(tag.column, p.back()) : tag.column.empty();
    if (wanted) out.emplace_back(tag.key, tag.value);
  }
  return out;
}

std::string EntityTagHandlers::alterPrefix(const Entity& entity) {
  const auto& p = entity.parts;
  if (entity.type == "catalogs") return "ALTER CATALOG " + quoteIdentifier(p[0]) + " ";
  if (entity.type == "schemas") return "ALTER SCHEMA " + quoteQualified(p) + " ";
  if (entity.type == "volumes") return "ALTER VOLUME " + quoteQualified(p) + " ";
  if (entity.type == "columns") {
    return "ALTER TABLE " + quoteQualified({p[0], p[1], p[2]}) + " ALTER COLUMN " +
           quoteIdentifier(p[3]) + " ";
  }
  return "ALTER TABLE " + quoteQualified(p) + " ";
}

void EntityTagHandlers::setTag(const Entity& entity, const std::string& key,
                               const std::string& value) {
  workspace_.sql().execute(
      alterPrefix(entity) + "SET TAGS (" + quoteLiteral(key) + " = " + quoteLiteral(value) + ")",
      {}, {});
}

Json EntityTagHandlers::assignmentJson(const Entity& entity, const std::string& key,
                                       const std::string& value) {
  Json out{
      {"entity_type", entity.type}, {"entity_name", joinDotted(entity.parts)}, {"tag_key", key}};
  if (!value.empty()) out["tag_value"] = value;
  return out;
}

}  // namespace clxs::kernel::emulator
