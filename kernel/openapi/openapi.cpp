#include "kernel/openapi/openapi.hpp"

#include <set>

namespace clxs::kernel {

namespace {

// JSON Schema leaves "any" untyped.
const char* typeName(FieldType t) {
  return t == FieldType::Any ? "" : fieldTypeName(t);
}

Json parameter(const std::string& name, const Field& f, const char* in, bool required) {
  Json p{{"name", name}, {"in", in}, {"required", required}, {"schema", fieldSchema(f)}};
  if (!f.description().empty()) p["description"] = f.description();
  return p;
}

Json validationErrorSchema() {
  Json item{{"type", "object"},
            {"properties",
             {{"loc", {{"type", "array"}, {"items", Json::object()}}},
              {"msg", {{"type", "string"}}},
              {"type", {{"type", "string"}}}}}};
  Json detail{{"type", "array"}, {"items", item}};
  return Json{{"type", "object"}, {"properties", {{"detail", detail}}}};
}

}  // namespace

Json fieldSchema(const Field& f) {
  Json s = Json::object();
  if (const char* t = typeName(f.type()); *t != '\0') s["type"] = t;
  if (f.isNullable()) s["nullable"] = true;
  if (!f.description().empty()) s["description"] = f.description();
  if (f.defaultValue()) s["default"] = *f.defaultValue();
  if (!f.enumValues().empty()) s["enum"] = f.enumValues();
  if (f.minimum()) s["minimum"] = *f.minimum();
  if (f.maximum()) s["maximum"] = *f.maximum();
  const bool isArray = f.type() == FieldType::Array;
  if (f.minimumLength()) s[isArray ? "minItems" : "minLength"] = *f.minimumLength();
  if (f.maximumLength()) s[isArray ? "maxItems" : "maxLength"] = *f.maximumLength();
  if (f.isIdentifier()) {
    s["minLength"] = 1;
    s["maxLength"] = 255;
  }
  if (f.regex()) s["pattern"] = *f.regex();
  if (!f.items().empty()) s["items"] = fieldSchema(f.items().front());
  if (!f.properties().empty()) {
    Json props = Json::object();
    Json required = Json::array();
    for (const auto& [n, p] : f.properties()) {
      props[n] = fieldSchema(p);
      if (p.isRequired()) required.push_back(n);
    }
    s["properties"] = props;
    if (!required.empty()) s["required"] = required;
  }
  return s;
}

Json modelSchema(const Model& model) {
  Json props = Json::object();
  Json required = Json::array();
  for (const auto& [n, f] : model.fields()) {
    props[n] = fieldSchema(f);
    if (f.isRequired()) required.push_back(n);
  }
  Json s{{"title", model.name()}, {"type", "object"}, {"properties", props}};
  if (!required.empty()) s["required"] = required;
  return s;
}

Json buildOpenApi(const RouteTable& table, const std::string& version) {
  Json paths = Json::object();
  Json schemas = Json::object();
  Json sockets = Json::array();
  std::set<std::string> tags;
  for (const auto& r : table.routes()) {
    if (r->disabled) continue;
    if (r->isSocket()) {
      sockets.push_back(r->spec.path);
      continue;
    }
    const auto& spec = r->spec;
    Json op{{"tags", Json::array({r->owner})},
            {"summary", spec.summary},
            {"operationId", std::string(methodName(spec.method)) + spec.path}};
    if (!spec.description.empty()) op["description"] = spec.description;
    tags.insert(r->owner);
    Json params = Json::array();
    std::set<std::string> declaredPath;
    for (const auto& [n, f] : spec.pathParams) {
      params.push_back(parameter(n, f, "path", true));
      declaredPath.insert(n);
    }
    for (const auto& seg : r->segments) {
      if (seg.size() > 2 && seg.front() == '{') {
        const auto n = seg.substr(1, seg.size() - 2);
        if (!declaredPath.count(n)) params.push_back(parameter(n, Field::string(), "path", true));
      }
    }
    for (const auto& [n, f] : spec.query)
      params.push_back(parameter(n, f, "query", f.isRequired()));
    if (!params.empty()) op["parameters"] = params;
    if (spec.body) {
      schemas[spec.body->name()] = modelSchema(*spec.body);
      op["requestBody"] =
          Json{{"required", true},
               {"content",
                {{"application/json",
                  {{"schema", {{"$ref", "#/components/schemas/" + spec.body->name()}}}}}}}};
    }
    Json responses{{"200", {{"description", "Successful Response"}}}};
    if (!spec.responseMediaType.empty()) {
      responses["200"]["content"] =
          Json{{spec.responseMediaType, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    } else if (spec.responseListItem) {
      responses["200"]["content"] =
          Json{{"application/json",
                {{"schema", {{"type", "array"}, {"items", fieldSchema(*spec.responseListItem)}}}}}};
    } else if (spec.response) {
      schemas[spec.response->name()] = modelSchema(*spec.response);
      Json schema{{"$ref", "#/components/schemas/" + spec.response->name()}};
      if (spec.responseIsList) schema = Json{{"type", "array"}, {"items", schema}};
      responses["200"]["content"] = Json{{"application/json", {{"schema", schema}}}};
    }
    if (spec.body || !spec.query.empty() || !spec.pathParams.empty()) {
      responses["422"] =
          Json{{"description", "Validation Error"},
               {"content",
                {{"application/json",
                  {{"schema", {{"$ref", "#/components/schemas/HTTPValidationError"}}}}}}}};
    }
    op["responses"] = responses;
    std::string method = methodName(spec.method);
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[spec.path][method] = op;
  }
  schemas["HTTPValidationError"] = validationErrorSchema();
  Json tagList = Json::array();
  for (const auto& t : tags) tagList.push_back(Json{{"name", t}});
  return Json{{"openapi", "3.0.3"},
              {"info",
               {{"title", "clxs"},
                {"description",
                 "Clone-Xs compatible API for managing Unity Catalog estates. Tags name the "
                 "plugin that serves each route."},
                {"version", version}}},
              {"tags", tagList},
              {"paths", paths},
              {"components", {{"schemas", schemas}}},
              {"x-websocket-routes", sockets}};
}

}  // namespace clxs::kernel
