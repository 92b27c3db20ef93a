// Catalogs, schemas, USE/SET, SHOW and DESCRIBE dispatch, and governance statements
// (GRANT/REVOKE/SHOW GRANTS, OWNER, TAGS, COMMENT ON).
#include <algorithm>
#include <filesystem>
#include <set>

#include "kernel/workspace/local/sql/result_types.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

// Databricks SHOW ... LIKE: `*` matches any run, `|` separates alternatives, case-blind.
bool globMatch(const std::string& pattern, const std::string& text) {
  std::size_t start = 0;
  while (true) {
    const auto bar = pattern.find('|', start);
    const auto alt = lowerAscii(pattern.substr(start, bar - start));
    const auto t = lowerAscii(text);
    // Classic iterative wildcard match.
    std::size_t p = 0, s = 0, star = std::string::npos, mark = 0;
    bool ok = true;
    while (s < t.size()) {
      if (p < alt.size() && (alt[p] == t[s] || alt[p] == '?')) {
        ++p;
        ++s;
      } else if (p < alt.size() && (alt[p] == '*' || alt[p] == '%')) {
        star = p++;
        mark = s;
      } else if (star != std::string::npos) {
        p = star + 1;
        s = ++mark;
      } else {
        ok = false;
        break;
      }
    }
    while (ok && p < alt.size() && (alt[p] == '*' || alt[p] == '%')) ++p;
    if (ok && p == alt.size()) return true;
    if (bar == std::string::npos) return false;
    start = bar + 1;
  }
}

const std::set<std::string>& knownPrivileges() {
  static const std::set<std::string> kPrivileges{"ALL PRIVILEGES",
                                                 "SELECT",
                                                 "MODIFY",
                                                 "USE CATALOG",
                                                 "USE SCHEMA",
                                                 "CREATE SCHEMA",
                                                 "CREATE TABLE",
                                                 "CREATE FUNCTION",
                                                 "CREATE VOLUME",
                                                 "CREATE MATERIALIZED VIEW",
                                                 "CREATE MODEL",
                                                 "EXECUTE",
                                                 "READ VOLUME",
                                                 "WRITE VOLUME",
                                                 "APPLY TAG",
                                                 "BROWSE",
                                                 "MANAGE",
                                                 "REFRESH",
                                                 "EXTERNAL USE SCHEMA",
                                                 "READ FILES",
                                                 "WRITE FILES",
                                                 "CREATE EXTERNAL TABLE"};
  return kPrivileges;
}

}  // namespace

std::string StatementExecutor::managedRoot(const std::string& location) {
  const std::filesystem::path p(location);
  if (!p.is_absolute()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_LOCATION] The managed location '" + location +
                             "' must be an absolute path on this machine. SQLSTATE: 42K05");
  }
  std::filesystem::create_directories(p);
  return p.lexically_normal().string();
}

ResultSet StatementExecutor::createCatalog() {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto name = cur_.identifier();
  std::string comment;
  std::string location;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.acceptAll({"MANAGED", "LOCATION"})) {
      location = managedRoot(cur_.stringLiteral());
    } else if (cur_.accept("COMMENT")) {
      comment = cur_.stringLiteral();
    } else {
      cur_.fail("expected MANAGED LOCATION or COMMENT");
    }
  }
  cur_.expectEnd();
  if (upperAscii(name) == "SYSTEM" || upperAscii(name) == "INFORMATION_SCHEMA") {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_CATALOG_NAME] The catalog name " + backtick(name) +
                             " is reserved. SQLSTATE: 42602");
  }
  try {
    state_.metastore.createCatalog(name, user(), comment, ifNotExists);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[CATALOG_ALREADY_EXISTS] Cannot create catalog " + backtick(name) +
                             " because it already exists. SQLSTATE: 42P04");
  }
  if (!location.empty()) state_.metastore.setStorageRoot(Securable::Catalog, name, location);
  // A new Unity Catalog catalog comes with a `default` schema.
  state_.metastore.createSchema(name, "default", user(), "Default schema (auto-created)", true);
  return empty();
}

ResultSet StatementExecutor::createSchema() {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto n = resolveSchema(cur_.qualifiedName(2));
  std::string comment;
  std::string location;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.acceptAll({"MANAGED", "LOCATION"}) || cur_.accept("LOCATION")) {
      location = managedRoot(cur_.stringLiteral());
    } else if (cur_.accept("COMMENT")) {
      comment = cur_.stringLiteral();
    } else if (cur_.acceptAll({"WITH", "DBPROPERTIES"})) {
      (void)parseProperties();
    } else {
      cur_.fail("expected COMMENT, MANAGED LOCATION or WITH DBPROPERTIES");
    }
  }
  cur_.expectEnd();
  bool catalogFound = false;
  for (const auto& c : state_.metastore.catalogs())
    catalogFound |= lowerAscii(c.name) == lowerAscii(n.catalog);
  if (!catalogFound) throwCatalogNotFound(backtick(n.catalog));
  requirePrivilege(Securable::Catalog, n, "CREATE SCHEMA");
  try {
    state_.metastore.createSchema(n.catalog, n.schema, user(), comment, ifNotExists);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[SCHEMA_ALREADY_EXISTS] Cannot create schema " + backtick(n.catalog) +
                             "." + backtick(n.schema) +
                             " because it already exists. SQLSTATE: 42P06");
  }
  if (!location.empty()) {
    for (const auto& sc : state_.metastore.schemas(n.catalog)) {
      if (lowerAscii(sc.name) == lowerAscii(n.schema)) {
        state_.metastore.setStorageRoot(Securable::Schema, sc.catalog + "." + sc.name, location);
      }
    }
  }
  return empty();
}

ResultSet StatementExecutor::drop() {
  cur_.expect("DROP");
  auto removeManaged = [&](const std::string& catalog, const std::string& schema) {
    for (const auto& t : state_.metastore.tables(catalog, schema)) {
      if (t.tableType == "MANAGED") {
        std::error_code ec;
        std::filesystem::remove_all(t.location, ec);
      }
    }
  };
  if (cur_.accept("CATALOG")) {
    const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
    const auto name = cur_.identifier();
    const bool cascade = cur_.accept("CASCADE");
    if (!cascade) cur_.accept("RESTRICT");
    cur_.expectEnd();
    bool found = false;
    for (const auto& c : state_.metastore.catalogs())
      found |= lowerAscii(c.name) == lowerAscii(name);
    if (!found) {
      if (ifExists) return empty();
      throwCatalogNotFound(backtick(name));
    }
    requireOwnership(Securable::Catalog, {name, "", ""});
    const auto schemas = state_.metastore.schemas(name);
    const bool onlyDefaultEmpty =
        schemas.empty() || (schemas.size() == 1 && lowerAscii(schemas[0].name) == "default" &&
                            state_.metastore.tables(name, "default").empty() &&
                            state_.metastore.functions(name, "default").empty() &&
                            state_.metastore.volumes(name, "default").empty());
    if (!cascade && !onlyDefaultEmpty) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "[SCHEMA_NOT_EMPTY] Cannot drop catalog " + backtick(name) +
                               " because it contains objects; use CASCADE. SQLSTATE: 2BP01");
    }
    for (const auto& s : schemas) removeManaged(name, s.name);
    // The directories the catalog's managed tables lived in go too: the schemas' under a
    // MANAGED LOCATION (the location itself is the user's), or the catalog's own under the
    // warehouse.
    std::vector<std::filesystem::path> leftovers;
    for (const auto& s : schemas) {
      leftovers.push_back(state_.managedLocation(name, s.name, "t").parent_path());
    }
    const bool ownRoot = !state_.metastore.storageRoot(Securable::Catalog, name).has_value();
    state_.metastore.dropCatalog(name, ifExists, true);
    std::error_code ec;
    std::filesystem::remove_all(state_.options.root / "volumes" / lowerAscii(name), ec);
    for (const auto& dir : leftovers) {
      if (std::filesystem::is_empty(dir, ec)) std::filesystem::remove(dir, ec);
    }
    if (ownRoot && !leftovers.empty()) {
      const auto catalogDir = leftovers.front().parent_path();
      if (std::filesystem::is_empty(catalogDir, ec)) std::filesystem::remove(catalogDir, ec);
    }
    return empty();
  }
  if (cur_.accept("SCHEMA") || cur_.accept("DATABASE")) {
    const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
    const auto n = resolveSchema(cur_.qualifiedName(2));
    const bool cascade = cur_.accept("CASCADE");
    if (!cascade) cur_.accept("RESTRICT");
    cur_.expectEnd();
    try {
      requireSchemaExists(n.catalog, n.schema);
    } catch (const WorkspaceError&) {
      if (ifExists) return empty();
      throw;
    }
    requireOwnership(Securable::Schema, n);
    const bool isEmpty = state_.metastore.tables(n.catalog, n.schema).empty() &&
                         state_.metastore.functions(n.catalog, n.schema).empty() &&
                         state_.metastore.volumes(n.catalog, n.schema).empty();
    if (!cascade && !isEmpty) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "[SCHEMA_NOT_EMPTY] Cannot drop a schema " + backtick(n.catalog) + "." +
                               backtick(n.schema) +
                               " because it contains objects. Use DROP SCHEMA ... CASCADE to "
                               "drop the schema and all its objects. SQLSTATE: 2BP01");
    }
    removeManaged(n.catalog, n.schema);
    for (const auto& v : state_.metastore.volumes(n.catalog, n.schema)) {
      if (v.volumeType == "MANAGED") {
        std::error_code ec;
        std::filesystem::remove_all(v.storageLocation, ec);
      }
    }
    state_.metastore.dropSchema(n.catalog, n.schema, ifExists, true);
    return empty();
  }
  const bool isView = cur_.accept("VIEW");
  const bool isTable = !isView && cur_.accept("TABLE");
  if (isView || isTable) {
    const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
    const auto n = resolve(cur_.qualifiedName());
    cur_.accept("PURGE");
    cur_.expectEnd();
    auto t = findTable(n);
    if (!t) {
      if (ifExists) return empty();
      throwTableNotFound(n.quoted());
    }
    if (isView && t->delta) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[WRONG_COMMAND_FOR_OBJECT_TYPE] The operation DROP VIEW requires a "
                           "VIEW. But " +
                               t->name.quoted() +
                               " is a table. Use DROP TABLE instead. SQLSTATE: 42809");
    }
    if (isTable && !t->delta) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[WRONG_COMMAND_FOR_OBJECT_TYPE] The operation DROP TABLE requires a "
                           "table. But " +
                               t->name.quoted() +
                               " is a view. Use DROP VIEW instead. SQLSTATE: 42809");
    }
    requireOwnership(Securable::Table, t->name);
    const auto lock = t->delta ? state_.lockFor(t->entry.location) : nullptr;
    std::unique_lock guard = lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>();
    state_.metastore.dropTable(t->name.catalog, t->name.schema, t->name.name, false);
    if (t->delta && t->entry.tableType == "MANAGED") {
      std::error_code ec;
      std::filesystem::remove_all(t->entry.location, ec);
      std::lock_guard cache(state_.snapshotsMutex);
      state_.snapshots.erase(std::filesystem::path(t->entry.location).lexically_normal().string());
    }
    return empty();
  }
  if (cur_.accept("FUNCTION")) {
    const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
    const auto n = resolve(cur_.qualifiedName());
    cur_.expectEnd();
    if (state_.metastore.function(n.catalog, n.schema, n.name)) {
      requireOwnership(Securable::Function, n);
    }
    if (!state_.metastore.dropFunction(n.catalog, n.schema, n.name, true) && !ifExists) {
      throw WorkspaceError(
          WorkspaceErrorClass::NotFound,
          "[ROUTINE_NOT_FOUND] The routine " + n.quoted() + " cannot be found. SQLSTATE: 42883");
    }
    return empty();
  }
  if (cur_.accept("VOLUME")) {
    const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
    const auto n = resolve(cur_.qualifiedName());
    cur_.expectEnd();
    const auto v = state_.metastore.volume(n.catalog, n.schema, n.name);
    if (!v) {
      if (ifExists) return empty();
      throw WorkspaceError(
          WorkspaceErrorClass::NotFound,
          "[VOLUME_NOT_FOUND] The volume " + n.quoted() + " cannot be found. SQLSTATE: 42704");
    }
    requireOwnership(Securable::Volume, n);
    state_.metastore.dropVolume(n.catalog, n.schema, n.name, false);
    if (v->volumeType == "MANAGED") {
      std::error_code ec;
      std::filesystem::remove_all(v->storageLocation, ec);
    }
    return empty();
  }
  cur_.fail("expected CATALOG, SCHEMA, TABLE, VIEW, FUNCTION or VOLUME");
}

ResultSet StatementExecutor::use() {
  cur_.expect("USE");
  if (cur_.accept("CATALOG")) {
    const auto name = cur_.identifier();
    cur_.expectEnd();
    for (const auto& c : state_.metastore.catalogs()) {
      if (lowerAscii(c.name) == lowerAscii(name)) {
        session_.catalog = c.name;
        session_.schema = "default";
        return empty();
      }
    }
    throwCatalogNotFound(backtick(name));
  }
  if (!cur_.accept("SCHEMA")) cur_.accept("DATABASE");
  const auto n = resolveSchema(cur_.qualifiedName(2));
  cur_.expectEnd();
  requireSchemaExists(n.catalog, n.schema);
  session_.catalog = n.catalog;
  session_.schema = n.schema;
  return empty();
}

ResultSet StatementExecutor::set() {
  const bool reset = cur_.next().is("RESET");
  if (!reset && cur_.accept("TIME")) {
    // SET TIME ZONE LOCAL | 'zone': the zone times are read and shown in.
    cur_.expect("ZONE");
    if (cur_.accept("LOCAL")) {
      cur_.expectEnd();
      session_.conf.erase(kSessionTimeZoneKey);
      return empty();
    }
    if (cur_.peek().kind != TokenKind::String) {
      throwUnsupported("SET TIME ZONE with an interval offset (use a zone name or '+08:00')");
    }
    const std::string zone = cur_.next().text;
    cur_.expectEnd();
    setTimeZone(zone);
    return empty();
  }
  if (cur_.atEnd()) {
    if (reset) {
      session_.conf.clear();
      return empty();
    }
    std::vector<std::vector<Json>> out;
    for (const auto& [k, v] : session_.conf) out.push_back({k, v});
    return rows({{"key", "STRING"}, {"value", "STRING"}}, out);
  }
  // The key runs up to '=' (dotted words); the value is the rest, as written.
  const auto keyStart = cur_.position();
  while (!cur_.atEnd() && !cur_.peek().isSymbol("=") && !cur_.peek().isSymbol(";")) cur_.next();
  const auto key = lowerAscii(cur_.text(keyStart, cur_.position()));
  std::string keyClean;
  for (char c : key) {
    if (c != ' ') keyClean.push_back(c);
  }
  if (keyClean.empty()) cur_.fail("expected a configuration key");
  if (reset) {
    cur_.expectEnd();
    session_.conf.erase(keyClean);
    return empty();
  }
  if (!cur_.acceptSymbol("=")) {
    const auto it = session_.conf.find(keyClean);
    return rows({{"key", "STRING"}, {"value", "STRING"}},
                {{keyClean, it == session_.conf.end() ? Json("<undefined>") : Json(it->second)}});
  }
  std::string value;
  if (cur_.peek().kind == TokenKind::String) {
    value = cur_.next().text;
  } else {
    value = cur_.rest();
    while (!cur_.atEnd()) cur_.next();
  }
  cur_.expectEnd();
  if (keyClean == kSessionTimeZoneKey) {
    setTimeZone(value);
  } else {
    session_.conf[keyClean] = value;
  }
  return rows({{"key", "STRING"}, {"value", "STRING"}}, {{keyClean, value}});
}

ResultSet StatementExecutor::show() {
  cur_.expect("SHOW");
  auto likeClause = [&]() -> std::string {
    if (cur_.accept("LIKE")) return cur_.stringLiteral();
    if (cur_.peek().kind == TokenKind::String) return cur_.stringLiteral();
    return "*";
  };
  if (cur_.accept("CATALOGS")) {
    const auto pattern = likeClause();
    cur_.expectEnd();
    std::vector<std::vector<Json>> out;
    for (const auto& c : state_.metastore.catalogs()) {
      if (globMatch(pattern, c.name)) out.push_back({c.name});
    }
    if (globMatch(pattern, "system")) out.push_back({"system"});
    return rows({{"catalog", "STRING"}}, out);
  }
  if (cur_.accept("SCHEMAS") || cur_.accept("DATABASES")) {
    std::string catalog = session_.catalog;
    if (cur_.accept("IN") || cur_.accept("FROM")) catalog = cur_.identifier();
    const auto pattern = likeClause();
    cur_.expectEnd();
    bool found = false;
    for (const auto& c : state_.metastore.catalogs())
      found |= lowerAscii(c.name) == lowerAscii(catalog);
    if (!found) throwCatalogNotFound(backtick(catalog));
    std::vector<std::vector<Json>> out;
    for (const auto& s : state_.metastore.schemas(catalog)) {
      if (globMatch(pattern, s.name)) out.push_back({s.name});
    }
    if (globMatch(pattern, "information_schema")) out.push_back({"information_schema"});
    std::sort(out.begin(), out.end());
    return rows({{"databaseName", "STRING"}}, out);
  }
  // SHOW TABLES/VIEWS/FUNCTIONS/VOLUMES [IN|FROM schema] [LIKE pattern]
  std::string pattern;
  auto schemaScope = [&] {
    ObjectName n{session_.catalog, session_.schema, ""};
    if (cur_.accept("IN") || cur_.accept("FROM")) n = resolveSchema(cur_.qualifiedName(2));
    pattern = likeClause();
    cur_.expectEnd();
    requireSchemaExists(n.catalog, n.schema);
    return n;
  };
  const bool views = cur_.accept("VIEWS");
  if (views || cur_.accept("TABLES")) {
    const auto n = schemaScope();
    std::vector<std::vector<Json>> out;
    for (const auto& t : state_.metastore.tables(n.catalog, n.schema)) {
      if (!globMatch(pattern, t.name)) continue;
      if (views && t.tableType != "VIEW") continue;
      if (views) {
        out.push_back({t.schema, t.name, false, false});
      } else {
        out.push_back({t.schema, t.name, false});
      }
    }
    if (views) {
      return rows({{"namespace", "STRING"},
                   {"viewName", "STRING"},
                   {"isTemporary", "BOOLEAN"},
                   {"isMaterialized", "BOOLEAN"}},
                  out);
    }
    return rows({{"database", "STRING"}, {"tableName", "STRING"}, {"isTemporary", "BOOLEAN"}}, out);
  }
  cur_.accept("USER");
  if (cur_.accept("FUNCTIONS")) {
    const auto n = schemaScope();
    std::vector<std::vector<Json>> out;
    for (const auto& f : state_.metastore.functions(n.catalog, n.schema)) {
      if (globMatch(pattern, f.name)) out.push_back({f.catalog + "." + f.schema + "." + f.name});
    }
    return rows({{"function", "STRING"}}, out);
  }
  if (cur_.accept("VOLUMES")) {
    const auto n = schemaScope();
    std::vector<std::vector<Json>> out;
    for (const auto& v : state_.metastore.volumes(n.catalog, n.schema)) {
      if (globMatch(pattern, v.name)) out.push_back({v.schema, v.name});
    }
    return rows({{"database", "STRING"}, {"volume_name", "STRING"}}, out);
  }
  if (cur_.accept("TBLPROPERTIES")) return showTblProperties();
  if (cur_.acceptAll({"CREATE", "TABLE"})) return showCreateTable();
  if (cur_.accept("GRANTS") || cur_.accept("GRANT")) return showGrants();
  if (cur_.accept("COLUMNS")) {
    cur_.expect("IN");
    const auto n = resolve(cur_.qualifiedName());
    cur_.expectEnd();
    const auto d = describeTable(n, false);
    std::vector<std::vector<Json>> out;
    for (const auto& r : d.rows) out.push_back({r[0]});
    return rows({{"col_name", "STRING"}}, out);
  }
  cur_.fail(
      "expected CATALOGS, SCHEMAS, TABLES, VIEWS, FUNCTIONS, VOLUMES, TBLPROPERTIES, "
      "CREATE TABLE, GRANTS or COLUMNS");
}

ResultSet StatementExecutor::describe() {
  cur_.next();  // DESCRIBE / DESC
  if (cur_.accept("CATALOG")) {
    const bool extended = cur_.accept("EXTENDED");
    const auto name = cur_.identifier();
    cur_.expectEnd();
    for (const auto& c : state_.metastore.catalogs()) {
      if (lowerAscii(c.name) != lowerAscii(name)) continue;
      std::vector<std::vector<Json>> info{{"Catalog Name", c.name},
                                          {"Comment", c.comment},
                                          {"Owner", c.owner},
                                          {"Catalog Type", "Regular"}};
      if (extended) {
        // Where its managed tables go: the MANAGED LOCATION given, else its warehouse folder.
        const auto root = state_.metastore.storageRoot(Securable::Catalog, c.name);
        const auto location = state_.managedLocation(c.name, "s", "t").parent_path().parent_path();
        info.push_back({"Storage Root", root.value_or("")});
        info.push_back({"Storage Location", location.lexically_normal().string()});
      }
      return rows({{"info_name", "STRING"}, {"info_value", "STRING"}}, info);
    }
    throwCatalogNotFound(backtick(name));
  }
  if (cur_.accept("SCHEMA") || cur_.accept("DATABASE")) {
    cur_.accept("EXTENDED");
    const auto n = resolveSchema(cur_.qualifiedName(2));
    cur_.expectEnd();
    requireSchemaExists(n.catalog, n.schema);
    for (const auto& s : state_.metastore.schemas(n.catalog)) {
      if (lowerAscii(s.name) != lowerAscii(n.schema)) continue;
      return rows(
          {{"database_description_item", "STRING"}, {"database_description_value", "STRING"}},
          {{"Catalog Name", s.catalog},
           {"Namespace Name", s.name},
           {"Comment", s.comment},
           {"Owner", s.owner}});
    }
    throwSchemaNotFound(backtick(n.catalog) + "." + backtick(n.schema));
  }
  if (cur_.accept("DETAIL")) return describeDetail();
  if (cur_.accept("HISTORY")) return describeHistory();
  if (cur_.accept("FUNCTION")) {
    cur_.accept("EXTENDED");
    const auto n = resolve(cur_.qualifiedName());
    cur_.expectEnd();
    const auto f = state_.metastore.function(n.catalog, n.schema, n.name);
    if (!f) {
      throw WorkspaceError(
          WorkspaceErrorClass::NotFound,
          "[ROUTINE_NOT_FOUND] The routine " + n.quoted() + " cannot be found. SQLSTATE: 42883");
    }
    std::string input;
    for (const auto& p : f->parameters) {
      if (!input.empty()) input += ", ";
      input += p.value("name", "") + " " + p.value("type", "");
    }
    return rows({{"function_desc", "STRING"}},
                {{"Function:    " + f->catalog + "." + f->schema + "." + f->name},
                 {"Type:        SCALAR"},
                 {"Input:       " + input},
                 {"Returns:     " + f->returnType},
                 {"Comment:     " + f->comment},
                 {"Owner:       " + f->owner},
                 {"Body:        " + f->body}});
  }
  if (cur_.accept("VOLUME")) {
    const auto n = resolve(cur_.qualifiedName());
    cur_.expectEnd();
    const auto v = state_.metastore.volume(n.catalog, n.schema, n.name);
    if (!v) {
      throw WorkspaceError(
          WorkspaceErrorClass::NotFound,
          "[VOLUME_NOT_FOUND] The volume " + n.quoted() + " cannot be found. SQLSTATE: 42704");
    }
    return rows({{"name", "STRING"},
                 {"catalog", "STRING"},
                 {"database", "STRING"},
                 {"owner", "STRING"},
                 {"storage_location", "STRING"},
                 {"volume_type", "STRING"},
                 {"comment", "STRING"}},
                {{v->name, v->catalog, v->schema, v->owner, v->storageLocation, v->volumeType,
                  v->comment}});
  }
  if (cur_.peek().is("QUERY") || cur_.peek().is("SELECT")) {
    cur_.accept("QUERY");
    const auto r =
        duck("SELECT * FROM (" + sparkTyped(translate(cur_.position(), cur_.tokens().size() - 1)) +
             ") AS q LIMIT 0");
    std::vector<std::vector<Json>> out;
    for (const auto& c : r.columns) out.push_back({c.name, lowerAscii(c.type), nullptr});
    return rows({{"col_name", "STRING"}, {"data_type", "STRING"}, {"comment", "STRING"}}, out);
  }
  cur_.accept("TABLE");
  const bool extended = cur_.accept("EXTENDED") || cur_.accept("FORMATTED");
  const auto n = resolve(cur_.qualifiedName());
  cur_.expectEnd();
  return describeTable(n, extended);
}

Securable StatementExecutor::parseSecurable(ObjectName& name, std::string& display) {
  Securable kind = Securable::Table;
  std::vector<std::string> parts;
  if (cur_.accept("CATALOG")) {
    kind = Securable::Catalog;
    parts = cur_.qualifiedName(1);
    name = {parts[0], "", ""};
    bool found = false;
    for (const auto& c : state_.metastore.catalogs()) {
      if (lowerAscii(c.name) == lowerAscii(parts[0])) {
        found = true;
        name.catalog = c.name;
      }
    }
    if (!found) throwCatalogNotFound(backtick(parts[0]));
    display = name.catalog;
    return kind;
  }
  if (cur_.accept("SCHEMA") || cur_.accept("DATABASE")) {
    name = resolveSchema(cur_.qualifiedName(2));
    requireSchemaExists(name.catalog, name.schema);
    display = name.catalog + "." + name.schema;
    return Securable::Schema;
  }
  if (cur_.accept("VOLUME")) {
    kind = Securable::Volume;
  } else if (cur_.accept("FUNCTION")) {
    kind = Securable::Function;
  } else if (!cur_.accept("TABLE")) {
    cur_.accept("VIEW");
  }
  name = resolve(cur_.qualifiedName());
  if (kind == Securable::Table) {
    const auto t = table(name);
    name = t.name;
  } else if (kind == Securable::Volume &&
             !state_.metastore.volume(name.catalog, name.schema, name.name)) {
    throw WorkspaceError(
        WorkspaceErrorClass::NotFound,
        "[VOLUME_NOT_FOUND] The volume " + name.quoted() + " cannot be found. SQLSTATE: 42704");
  } else if (kind == Securable::Function &&
             !state_.metastore.function(name.catalog, name.schema, name.name)) {
    throw WorkspaceError(
        WorkspaceErrorClass::NotFound,
        "[ROUTINE_NOT_FOUND] The routine " + name.quoted() + " cannot be found. SQLSTATE: 42883");
  }
  display = name.full();
  return kind;
}

ResultSet StatementExecutor::grantOrRevoke(bool grant) {
  cur_.next();
  std::vector<std::string> privileges;
  std::string current;
  while (!cur_.atEnd() && !cur_.peek().is("ON")) {
    const auto& t = cur_.next();
    if (t.isSymbol(",")) {
      privileges.push_back(current);
      current.clear();
      continue;
    }
    if (t.kind != TokenKind::Word) throwSyntaxError(t.text, "expected a privilege");
    current += (current.empty() ? "" : " ") + upperAscii(t.text);
  }
  if (!current.empty()) privileges.push_back(current);
  if (privileges.empty()) cur_.fail("expected a privilege");
  for (auto& p : privileges) {
    if (p == "ALL") p = "ALL PRIVILEGES";
    if (knownPrivileges().count(p) == 0) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[INVALID_PRIVILEGE] Privilege " + p + " is not valid. SQLSTATE: 42601");
    }
  }
  cur_.expect("ON");
  ObjectName name;
  std::string display;
  const auto kind = parseSecurable(name, display);
  requireOwnership(kind, name);
  if (grant) {
    cur_.expect("TO");
  } else {
    cur_.expect("FROM");
  }
  std::string principal;
  if (cur_.peek().kind == TokenKind::String) {
    principal = cur_.stringLiteral();
  } else {
    principal = cur_.identifier();
  }
  cur_.expectEnd();
  if (grant) {
    state_.metastore.grant(kind, display, principal, privileges, user());
  } else {
    state_.metastore.revoke(kind, display, principal, privileges);
  }
  return empty();
}

ResultSet StatementExecutor::showGrants() {
  std::string principal;
  if (!cur_.peek().is("ON")) {
    principal = cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
  }
  cur_.expect("ON");
  ObjectName name;
  std::string display;
  const auto kind = parseSecurable(name, display);
  cur_.expectEnd();
  std::vector<std::vector<Json>> out;
  for (const auto& g : state_.metastore.grants(kind, display, principal)) {
    out.push_back({g.principal, g.privilege, securableName(g.securable), g.objectName});
  }
  return rows({{"Principal", "STRING"},
               {"ActionType", "STRING"},
               {"ObjectType", "STRING"},
               {"ObjectKey", "STRING"}},
              out);
}

std::vector<std::pair<std::string, std::string>> StatementExecutor::parseTagPairs() {
  std::vector<std::pair<std::string, std::string>> out;
  cur_.expectSymbol("(");
  do {
    const auto key =
        cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
    std::string value;
    if (cur_.acceptSymbol("=")) value = cur_.stringLiteral();
    out.emplace_back(key, value);
  } while (cur_.acceptSymbol(","));
  cur_.expectSymbol(")");
  return out;
}

std::vector<std::string> StatementExecutor::parseStringList() {
  std::vector<std::string> out;
  cur_.expectSymbol("(");
  do {
    out.push_back(cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier());
  } while (cur_.acceptSymbol(","));
  cur_.expectSymbol(")");
  return out;
}

ResultSet StatementExecutor::alterCatalogOrSchema(Securable kind) {
  ObjectName name;
  std::string display;
  // parseSecurable reads the keyword itself; put it back in front of the name.
  cur_.seek(cur_.position() - 1);
  (void)parseSecurable(name, display);
  requireOwnership(kind, name);
  if (cur_.accept("OWNER")) {
    cur_.expect("TO");
    const auto owner =
        cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
    cur_.expectEnd();
    state_.metastore.setOwner(kind, display, owner);
    return empty();
  }
  if (cur_.acceptAll({"SET", "TAGS"})) {
    const auto tags = parseTagPairs();
    cur_.expectEnd();
    state_.metastore.setTags(kind, display, "", tags);
    return empty();
  }
  if (cur_.acceptAll({"UNSET", "TAGS"})) {
    const auto keys = parseStringList();
    cur_.expectEnd();
    state_.metastore.unsetTags(kind, display, "", keys);
    return empty();
  }
  if (cur_.acceptAll({"SET", "DBPROPERTIES"}) || cur_.acceptAll({"SET", "PROPERTIES"})) {
    (void)parseProperties();
    cur_.expectEnd();
    return empty();
  }
  if (cur_.accept("COMMENT")) {
    const auto comment = cur_.stringLiteral();
    cur_.expectEnd();
    state_.metastore.setComment(kind, display, comment);
    return empty();
  }
  cur_.fail("expected OWNER TO, SET TAGS, UNSET TAGS or SET DBPROPERTIES");
}

ResultSet StatementExecutor::commentOn() {
  cur_.expect("COMMENT");
  cur_.expect("ON");
  if (cur_.accept("COLUMN")) {
    auto parts = cur_.qualifiedName(4);
    if (parts.size() < 2) cur_.fail("expected table.column");
    const auto column = parts.back();
    parts.pop_back();
    cur_.expect("IS");
    const auto comment = cur_.accept("NULL") ? std::string() : cur_.stringLiteral();
    cur_.expectEnd();
    auto t = table(resolve(parts), false);
    requireOwnership(Securable::Table, t.name);
    const auto lock = state_.lockFor(t.entry.location);
    std::lock_guard guard(*lock);
    const auto snap = state_.latestSnapshot(*t.delta);
    auto cols = DeltaTable::columnsOf(snap);
    auto it = std::find_if(cols.begin(), cols.end(), [&](const DeltaColumn& c) {
      return lowerAscii(c.name) == lowerAscii(column);
    });
    if (it == cols.end()) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column " + backtick(column) +
                               " cannot be resolved in " + t.name.quoted() + ". SQLSTATE: 42703");
    }
    it->comment = comment;
    t.delta->commit(
        snap, "CHANGE COLUMN", {{"column", column}},
        {DeltaTable::metadataWith(snap, cols, snap.metadata.value("configuration", Json::object()),
                                  snap.metadata.value("description", ""))},
        Json::object());
    return empty();
  }
  ObjectName name;
  std::string display;
  const auto kind = parseSecurable(name, display);
  requireOwnership(kind, name);
  cur_.expect("IS");
  const auto comment = cur_.accept("NULL") ? std::string() : cur_.stringLiteral();
  cur_.expectEnd();
  state_.metastore.setComment(kind, display, comment);
  return empty();
}

}  // namespace clxs::kernel
