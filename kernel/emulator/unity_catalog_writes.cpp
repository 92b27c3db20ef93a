#include "kernel/emulator/unity_catalog_writes.hpp"

#include <array>
#include <cctype>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "kernel/emulator/error_mapping.hpp"
#include "kernel/emulator/unity_catalog_handlers.hpp"
#include "kernel/emulator/unity_catalog_json.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

namespace {

[[noreturn]] void badInput(const std::string& message) {
  throw ApiError(400, "INVALID_PARAMETER_VALUE", message);
}

[[noreturn]] void notEmulated(const std::string& message) {
  throw ApiError(501, "NOT_IMPLEMENTED", message);
}

// Whether a body field asks for something: present, not null, and not an empty string,
// object or array.
bool asksFor(const Json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return false;
  const auto& value = body[field];
  if (value.is_string()) return !value.get<std::string>().empty();
  if (value.is_object() || value.is_array()) return !value.empty();
  return true;
}

// Refused before anything runs: fields the local workspace keeps nothing of, so accepting
// them would answer as if they had been applied.
void refuseUnkept(const Json& body, std::initializer_list<const char*> fields,
                  const std::string& what) {
  for (const auto* field : fields) {
    if (asksFor(body, field)) {
      notEmulated(std::string(field) + " of " + what +
                  " is not emulated: the local workspace keeps no such setting");
    }
  }
}

std::optional<std::string> ownerField(const Json& body) {
  auto owner = stringField(body, "owner");
  if (owner && owner->empty()) badInput("owner must not be empty");
  return owner;
}

// " COMMENT '...'" for the body's comment, or nothing.
std::string commentClause(const Json& body) {
  const auto comment = stringField(body, "comment");
  return comment ? " COMMENT " + quoteLiteral(*comment) : std::string();
}

bool trueParam(const EmulatorRequest& request, const std::string& name) {
  return lowerAscii(request.param(name).value_or("")) == "true";
}

// Words that end a type in CREATE FUNCTION; a type holding one would move the clause.
bool functionClauseWord(const std::string& word) {
  static constexpr std::array<std::string_view, 10> kWords{
      "RETURN", "RETURNS", "COMMENT",  "DEFAULT", "LANGUAGE",
      "NOT",    "READS",   "CONTAINS", "AS",      "DETERMINISTIC"};
  const auto upper = upperAscii(word);
  for (const auto w : kWords) {
    if (upper == w) return true;
  }
  return false;
}

// A SQL type as the API spells it (INT, DECIMAL(10,2), ARRAY<STRING>, STRUCT<a: INT>):
// letters, digits, `_` and spaces, brackets balanced, commas and colons inside brackets only,
// and no clause keyword outside them, so it cannot end the clause it is written into.
std::string sqlTypeText(const std::string& text, const std::string& what) {
  int depth = 0;
  std::string word;
  bool ok = text.find_first_not_of(' ') != std::string::npos;
  for (const char c : text) {
    const bool wordChar = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    if (wordChar) {
      word.push_back(c);
      continue;
    }
    if (depth == 0 && functionClauseWord(word)) ok = false;
    word.clear();
    if (c == '(' || c == '<') {
      ++depth;
    } else if (c == ')' || c == '>') {
      ok = ok && --depth >= 0;
    } else if (!(c == ' ' || ((c == ',' || c == ':') && depth > 0))) {
      ok = false;
    }
  }
  if (depth == 0 && functionClauseWord(word)) ok = false;
  if (!ok || depth != 0) badInput(what + " '" + text + "' is not a SQL type");
  return text;
}

// Resources under /api/2.1/unity-catalog that Databricks serves and the emulator does not
// change: a write to them answers 501 rather than 404.
bool knownUnityCatalogResource(const std::string& first) {
  static constexpr std::array<std::string_view, 17> kResources{
      "tables",        "external-locations",  "storage-credentials",
      "credentials",   "connections",         "models",
      "shares",        "recipients",          "providers",
      "constraints",   "metastores",          "workspace-bindings",
      "bindings",      "artifact-allowlists", "policies",
      "online-tables", "system-schemas"};
  for (const auto r : kResources) {
    if (first == r) return true;
  }
  return false;
}

}  // namespace

UnityCatalogWrites::UnityCatalogWrites(LocalWorkspace& workspace, UnityCatalogHandlers& reads)
    : workspace_(workspace), reads_(reads) {}

EmulatorResponse UnityCatalogWrites::handle(const EmulatorRequest& request,
                                            const std::vector<std::string>& rest) {
  const auto& m = request.method;
  const auto n = rest.size();
  const std::string first = n > 0 ? rest[0] : std::string();
  const std::string name = n > 1 ? rest[1] : std::string();
  const auto done = [] { return jsonResponse(Json::object()); };
  if (first == "catalogs") {
    if (m == "POST" && n == 1) return jsonResponse(createCatalog(request.jsonBody()));
    if (m == "PATCH" && n == 2) return jsonResponse(updateCatalog(name, request.jsonBody()));
    if (m == "DELETE" && n == 2) {
      deleteCatalog(name, trueParam(request, "force"));
      return done();
    }
  }
  if (first == "schemas") {
    if (m == "POST" && n == 1) return jsonResponse(createSchema(request.jsonBody()));
    if (m == "PATCH" && n == 2) return jsonResponse(updateSchema(name, request.jsonBody()));
    if (m == "DELETE" && n == 2) {
      deleteSchema(name, trueParam(request, "force"));
      return done();
    }
  }
  if (first == "volumes") {
    if (m == "POST" && n == 1) return jsonResponse(createVolume(request.jsonBody()));
    if (m == "PATCH" && n == 2) return jsonResponse(updateVolume(name, request.jsonBody()));
    if (m == "DELETE" && n == 2) {
      deleteVolume(name);
      return done();
    }
  }
  if (first == "functions") {
    if (m == "POST" && n == 1) return jsonResponse(createFunction(request.jsonBody()));
    if (m == "PATCH" && n == 2) return jsonResponse(updateFunction(name, request.jsonBody()));
    if (m == "DELETE" && n == 2) {
      deleteFunction(name);
      return done();
    }
  }
  if (first == "tables" && n == 2) {
    if (m == "PATCH") {
      updateTable(name, request.jsonBody());
      return done();
    }
    if (m == "DELETE") {
      deleteTable(name);
      return done();
    }
  }
  if (knownUnityCatalogResource(first) && (m == "POST" || m == "PATCH" || m == "DELETE")) {
    notEmulated("'" + m + " " + request.rawPath +
                "' is not emulated: the local workspace keeps no such object (create tables "
                "with CREATE TABLE through /api/2.0/sql/statements)");
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

void UnityCatalogWrites::run(const std::string& statement) {
  try {
    workspace_.sql().execute(statement, {}, {});
  } catch (const WorkspaceError& e) {
    // The SQL error class ("[SCHEMA_ALREADY_EXISTS] ...") is the code the REST API gives.
    const std::string message = e.what();
    const auto close = message.find(']');
    if (e.errorClass() == WorkspaceErrorClass::Conflict && !message.empty() &&
        message.front() == '[' && close != std::string::npos) {
      throw ApiError(409, message.substr(1, close - 1), message);
    }
    throw restError(e.errorClass(), message);
  }
}

void UnityCatalogWrites::setOwnerAndComment(const std::string& kind, const std::string& quotedName,
                                            const Json& body) {
  const auto owner = ownerField(body);
  const auto comment = stringField(body, "comment");
  if (comment) run("COMMENT ON " + kind + " " + quotedName + " IS " + quoteLiteral(*comment));
  if (owner) run("ALTER " + kind + " " + quotedName + " OWNER TO " + quoteIdentifier(*owner));
}

Json UnityCatalogWrites::createCatalog(const Json& body) {
  const auto name = requiredStringField(body, "name");
  refuseUnkept(body, {"provider_name", "share_name"}, "a Delta Sharing catalog");
  refuseUnkept(body, {"connection_name", "options"}, "a foreign catalog");
  refuseUnkept(body, {"properties"}, "a catalog");
  std::string statement = "CREATE CATALOG " + quoteIdentifier(name);
  if (const auto root = stringField(body, "storage_root"); root && !root->empty()) {
    statement += " MANAGED LOCATION " + quoteLiteral(*root);
  }
  run(statement + commentClause(body));
  return reads_.getCatalog(name);
}

Json UnityCatalogWrites::updateCatalog(const std::string& name, const Json& body) {
  const auto catalog = reads_.requireCatalog(name).name;
  refuseUnkept(body, {"new_name", "properties", "options", "enable_predictive_optimization"},
               "a catalog");
  if (const auto mode = stringField(body, "isolation_mode"); mode && *mode != "OPEN") {
    notEmulated("isolation_mode " + *mode + " is not emulated: every local catalog is OPEN");
  }
  setOwnerAndComment("CATALOG", quoteIdentifier(catalog), body);
  return reads_.getCatalog(catalog);
}

void UnityCatalogWrites::deleteCatalog(const std::string& name, bool force) {
  const auto catalog = reads_.requireCatalog(name).name;
  if (!force) {
    // Databricks refuses a catalog holding anything but an empty `default` schema.
    std::size_t schemas = 0;
    for (const auto& s : workspace_.catalog().schemas(catalog, {})) {
      const bool emptyDefault = sameName(s.name, "default") &&
                                workspace_.catalog().tables(catalog, s.name, {}).empty() &&
                                workspace_.catalog().functions(catalog, s.name, {}).empty() &&
                                workspace_.catalog().volumes(catalog, s.name, {}).empty();
      if (!emptyDefault && !sameName(s.name, "information_schema")) ++schemas;
    }
    if (schemas > 0) {
      throw ApiError(400, "INVALID_STATE",
                     "Catalog '" + catalog + "' is not empty. The catalog has " +
                         std::to_string(schemas) + " schema(s); delete with force=true");
    }
  }
  run("DROP CATALOG " + quoteIdentifier(catalog) + " CASCADE");
}

Json UnityCatalogWrites::createSchema(const Json& body) {
  const auto name = requiredStringField(body, "name");
  const auto catalog = reads_.requireCatalog(requiredStringField(body, "catalog_name")).name;
  refuseUnkept(body, {"properties"}, "a schema");
  std::string statement = "CREATE SCHEMA " + quoteQualified({catalog, name});
  if (const auto root = stringField(body, "storage_root"); root && !root->empty()) {
    statement += " MANAGED LOCATION " + quoteLiteral(*root);
  }
  run(statement + commentClause(body));
  return reads_.getSchema(joinDotted({catalog, name}));
}

Json UnityCatalogWrites::updateSchema(const std::string& fullName, const Json& body) {
  const auto parts = splitFullName(fullName, 2);
  const auto schema = reads_.requireSchema(parts[0], parts[1]);
  refuseUnkept(body, {"new_name", "properties", "enable_predictive_optimization"}, "a schema");
  setOwnerAndComment("SCHEMA", quoteQualified({schema.catalog, schema.name}), body);
  return reads_.getSchema(joinDotted({schema.catalog, schema.name}));
}

void UnityCatalogWrites::deleteSchema(const std::string& fullName, bool force) {
  const auto parts = splitFullName(fullName, 2);
  const auto schema = reads_.requireSchema(parts[0], parts[1]);
  if (!force) {
    const auto tables = workspace_.catalog().tables(schema.catalog, schema.name, {}).size();
    const auto functions = workspace_.catalog().functions(schema.catalog, schema.name, {}).size();
    const auto volumes = workspace_.catalog().volumes(schema.catalog, schema.name, {}).size();
    if (tables + functions + volumes > 0) {
      throw ApiError(400, "INVALID_STATE",
                     "Schema '" + joinDotted({schema.catalog, schema.name}) +
                         "' is not empty. The schema has " + std::to_string(tables) +
                         " tables(s), " + std::to_string(functions) + " functions(s), " +
                         std::to_string(volumes) + " volumes(s)");
    }
  }
  run("DROP SCHEMA " + quoteQualified({schema.catalog, schema.name}) + " CASCADE");
}

Json UnityCatalogWrites::createVolume(const Json& body) {
  const auto name = requiredStringField(body, "name");
  const auto schema = reads_.requireSchema(requiredStringField(body, "catalog_name"),
                                           requiredStringField(body, "schema_name"));
  const auto type = requiredStringField(body, "volume_type");
  if (type != "MANAGED" && type != "EXTERNAL") badInput("volume_type must be MANAGED or EXTERNAL");
  const auto location = stringField(body, "storage_location").value_or("");
  if (type == "EXTERNAL" && location.empty()) {
    badInput("storage_location is required for an EXTERNAL volume");
  }
  if (type == "MANAGED" && !location.empty()) {
    badInput("storage_location is only for an EXTERNAL volume");
  }
  std::string statement =
      std::string(type == "EXTERNAL" ? "CREATE EXTERNAL VOLUME " : "CREATE VOLUME ") +
      quoteQualified({schema.catalog, schema.name, name});
  if (!location.empty()) statement += " LOCATION " + quoteLiteral(location);
  run(statement + commentClause(body));
  return reads_.getVolume(joinDotted({schema.catalog, schema.name, name}));
}

Json UnityCatalogWrites::updateVolume(const std::string& fullName, const Json& body) {
  const auto volume = reads_.getVolume(fullName);
  refuseUnkept(body, {"new_name"}, "a volume");
  const auto parts = nameParts(volume);
  setOwnerAndComment("VOLUME", quoteQualified(parts), body);
  return reads_.getVolume(joinDotted(parts));
}

void UnityCatalogWrites::deleteVolume(const std::string& fullName) {
  const auto volume = reads_.getVolume(fullName);
  run("DROP VOLUME " + quoteQualified(nameParts(volume)));
}

Json UnityCatalogWrites::createFunction(const Json& body) {
  if (!body.contains("function_info") || !body["function_info"].is_object()) {
    badInput("function_info is required");
  }
  const auto& info = body["function_info"];
  const auto name = requiredStringField(info, "name");
  const auto schema = reads_.requireSchema(requiredStringField(info, "catalog_name"),
                                           requiredStringField(info, "schema_name"));
  if (const auto language = stringField(info, "routine_body"); language && *language != "SQL") {
    notEmulated("routine_body " + *language +
                " is not emulated: the local workspace runs SQL functions only");
  }
  refuseUnkept(info, {"return_params"}, "a function (table functions)");
  refuseUnkept(info, {"external_language", "external_name"}, "a function");
  const auto definition = requiredStringField(info, "routine_definition");
  auto returns = stringField(info, "full_data_type");
  if (!returns || returns->empty()) returns = stringField(info, "data_type");
  if (!returns || returns->empty()) badInput("full_data_type is required");
  std::string parameters;
  if (info.contains("input_params") && info["input_params"].is_object() &&
      info["input_params"].contains("parameters")) {
    const auto& list = info["input_params"]["parameters"];
    if (!list.is_array()) badInput("input_params.parameters must be an array");
    for (const auto& p : list) {
      if (!p.is_object()) badInput("each input parameter must be an object");
      if (asksFor(p, "parameter_default")) {
        notEmulated("parameter_default is not emulated: local functions take no defaults");
      }
      const auto pname = requiredStringField(p, "name");
      if (!parameters.empty()) parameters += ", ";
      parameters += quoteIdentifier(pname) + " " +
                    sqlTypeText(requiredStringField(p, "type_text"), "type_text of " + pname) +
                    commentClause(p);
    }
  }
  std::string statement = "CREATE FUNCTION " + quoteQualified({schema.catalog, schema.name, name}) +
                          "(" + parameters + ") RETURNS " +
                          sqlTypeText(*returns, "full_data_type") + commentClause(info);
  if (info.contains("is_deterministic") && info["is_deterministic"].is_boolean()) {
    statement += info["is_deterministic"].get<bool>() ? " DETERMINISTIC" : " NOT DETERMINISTIC";
  }
  // The definition is SQL by the API's contract (routine_body SQL): it is the function's
  // RETURN expression, and it ends the statement, so it cannot reach another clause.
  run(statement + " RETURN " + definition);
  return reads_.getFunction(joinDotted({schema.catalog, schema.name, name}));
}

Json UnityCatalogWrites::updateFunction(const std::string& fullName, const Json& body) {
  const auto function = reads_.getFunction(fullName);
  const auto parts = nameParts(function);
  // owner is optional in UpdateFunction: a body without it changes nothing.
  if (const auto owner = ownerField(body)) {
    run("ALTER FUNCTION " + quoteQualified(parts) + " OWNER TO " + quoteIdentifier(*owner));
  }
  return reads_.getFunction(joinDotted(parts));
}

void UnityCatalogWrites::deleteFunction(const std::string& fullName) {
  const auto function = reads_.getFunction(fullName);
  run("DROP FUNCTION " + quoteQualified(nameParts(function)));
}

void UnityCatalogWrites::updateTable(const std::string& fullName, const Json& body) {
  const auto table = reads_.getTable(fullName);
  for (const auto* field : {"comment", "properties", "new_name"}) {
    if (body.contains(field)) {
      badInput(std::string(field) +
               " cannot be updated through the Tables API, which updates the owner only; "
               "use COMMENT ON TABLE or ALTER TABLE through /api/2.0/sql/statements");
    }
  }
  const auto parts = nameParts(table);
  // owner is optional in UpdateTableRequest: a body without it changes nothing.
  if (const auto owner = ownerField(body)) {
    run("ALTER TABLE " + quoteQualified(parts) + " OWNER TO " + quoteIdentifier(*owner));
  }
}

void UnityCatalogWrites::deleteTable(const std::string& fullName) {
  const auto table = reads_.getTable(fullName);
  const bool view = upperAscii(table.value("table_type", std::string())) == "VIEW";
  run(std::string(view ? "DROP VIEW " : "DROP TABLE ") + quoteQualified(nameParts(table)));
}

}  // namespace clxs::kernel::emulator
