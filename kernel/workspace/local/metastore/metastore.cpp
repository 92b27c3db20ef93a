#include "kernel/workspace/local/metastore/metastore.hpp"

#include <array>
#include <atomic>
#include <cctype>

#include "clxs/clock.hpp"

namespace clxs::kernel {

namespace {

// Writes through any Metastore of this process. SQLite's data_version ignores a connection's
// own commits, so generation() adds this. It is process-wide rather than per handle because
// the class has no member for it; the only cost is a spurious change (a cache miss) when
// another metastore of this process writes.
std::atomic<std::int64_t> gOwnWrites{0};

// Counts a write when the method returns, i.e. after its commit: counting earlier would let a
// reader pair the new generation with data read before the commit and cache stale data.
struct WriteMark {
  WriteMark() = default;
  WriteMark(const WriteMark&) = delete;
  WriteMark& operator=(const WriteMark&) = delete;
  ~WriteMark() { gOwnWrites.fetch_add(1, std::memory_order_relaxed); }
};

// Matches object names below a prefix such as `cat.`; substr() loses the column's collation,
// hence the explicit one. Takes the prefix twice.
constexpr const char* kUnder = "substr(object_name, 1, length(?)) = ? COLLATE NOCASE";

constexpr std::array<Securable, 5> kSecurables = {Securable::Catalog, Securable::Schema,
                                                  Securable::Table, Securable::Volume,
                                                  Securable::Function};

std::string now() {
  return isoUtc(std::chrono::system_clock::now());
}

[[noreturn]] void notFound(const std::string& what) {
  throw WorkspaceError(WorkspaceErrorClass::NotFound, what);
}

[[noreturn]] void conflict(const std::string& what) {
  throw WorkspaceError(WorkspaceErrorClass::Conflict, what);
}

[[noreturn]] void invalid(const std::string& what) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql, what);
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ASCII-only, like SQLite's NOCASE, so both agree on what "the same name" is.
bool sameName(const std::string& a, const std::string& b) {
  return upper(a) == upper(b);
}

std::string dotted(const std::string& a, const std::string& b) {
  return a + "." + b;
}

std::string dotted(const std::string& a, const std::string& b, const std::string& c) {
  return a + "." + b + "." + c;
}

struct Kind {
  const char* table;  // SQLite table holding the objects
  const char* label;  // for messages
  std::size_t parts;  // name parts: cat, cat.sch or cat.sch.obj
};

Kind kindOf(Securable s) {
  switch (s) {
    case Securable::Catalog:
      return {"uc_catalogs", "Catalog", 1};
    case Securable::Schema:
      return {"uc_schemas", "Schema", 2};
    case Securable::Table:
      return {"uc_tables", "Table", 3};
    case Securable::Volume:
      return {"uc_volumes", "Volume", 3};
    case Securable::Function:
      return {"uc_functions", "Function", 3};
  }
  invalid("unknown securable kind");
}

std::string keyWhere(std::size_t parts) {
  if (parts == 1) return "name = ?";
  if (parts == 2) return "catalog = ? AND name = ?";
  return "catalog = ? AND schema_name = ? AND name = ?";
}

std::vector<std::string> splitName(Securable s, const std::string& fullName) {
  const Kind kind = kindOf(s);
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = fullName.find('.', start);
    parts.push_back(fullName.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  bool blank = false;
  for (const auto& p : parts) blank = blank || p.empty();
  if (parts.size() != kind.parts || blank) {
    static const std::array<const char*, 3> kShapes = {"catalog", "catalog.schema",
                                                       "catalog.schema.name"};
    invalid("Invalid " + upper(kind.label) + " name '" + fullName + "': expected " +
            kShapes[kind.parts - 1]);
  }
  return parts;
}

std::vector<Json> toParams(const std::vector<std::string>& parts) {
  return std::vector<Json>(parts.begin(), parts.end());
}

// The object's full name spelled as its catalog, schema and object were created, or nullopt.
// Children may store a parent's name in another spelling, hence the joins.
std::optional<std::string> canonicalName(StateStore& db, Securable s,
                                         const std::vector<std::string>& parts) {
  std::string sql;
  if (s == Securable::Catalog) {
    sql = "SELECT name AS n FROM uc_catalogs WHERE name = ?";
  } else if (s == Securable::Schema) {
    sql =
        "SELECT c.name || '.' || s.name AS n FROM uc_schemas s "
        "JOIN uc_catalogs c ON c.name = s.catalog WHERE s.catalog = ? AND s.name = ?";
  } else {
    sql = std::string("SELECT c.name || '.' || s.name || '.' || o.name AS n FROM ") +
          kindOf(s).table +
          " o JOIN uc_schemas s ON s.catalog = o.catalog AND s.name = o.schema_name "
          "JOIN uc_catalogs c ON c.name = s.catalog "
          "WHERE o.catalog = ? AND o.schema_name = ? AND o.name = ?";
  }
  const auto rows = db.query(sql, toParams(parts));
  if (rows.empty()) return std::nullopt;
  return rows.front()["n"].get<std::string>();
}

// The canonical full name of an existing object; NotFound naming it otherwise.
std::string requireObject(StateStore& db, Securable s, const std::string& fullName) {
  auto name = canonicalName(db, s, splitName(s, fullName));
  if (!name) notFound(std::string(kindOf(s).label) + " '" + fullName + "' not found");
  return *name;
}

void requireColumnTarget(Securable s, const std::string& column) {
  if (column.empty() || s == Securable::Table) return;
  invalid("Column tags apply to tables only, not to a " + securableName(s));
}

// Removes the grants and tags of an object and, for catalogs and schemas, of everything
// under it. Runs inside the caller's drop transaction.
void deleteAttached(StateStore& db, Securable s, const std::string& fullName) {
  const bool container = s == Securable::Catalog || s == Securable::Schema;
  const std::string prefix = fullName + ".";
  for (const char* table : {"uc_grants", "uc_tags", "uc_row_filters", "uc_column_masks",
                            "uc_constraints", "uc_storage_roots"}) {
    db.execute(std::string("DELETE FROM ") + table + " WHERE securable = ? AND object_name = ?",
               {securableName(s), fullName});
    if (container) {
      db.execute(std::string("DELETE FROM ") + table + " WHERE " + kUnder, {prefix, prefix});
    }
  }
}

Securable securableFrom(const std::string& name) {
  for (const auto s : kSecurables) {
    if (securableName(s) == name) return s;
  }
  invalid("unknown securable kind '" + name + "' in the metastore");
}

MetastoreGrant grantFromRow(const Json& r) {
  MetastoreGrant g;
  g.securable = securableFrom(r["securable"]);
  g.objectName = r["object_name"];
  g.principal = r["principal"];
  g.privilege = r["privilege"];
  g.grantor = r["grantor"];
  return g;
}

MetastoreTag tagFromRow(const Json& r) {
  MetastoreTag t;
  t.securable = securableFrom(r["securable"]);
  t.objectName = r["object_name"];
  t.column = r["column_name"];
  t.key = r["tag_key"];
  t.value = r["tag_value"];
  return t;
}

MetastoreFunction functionFromRow(const Json& r) {
  MetastoreFunction f;
  f.catalog = r["catalog"];
  f.schema = r["schema_name"];
  f.name = r["name"];
  f.parameters = Json::parse(r["parameters"].get<std::string>(), nullptr, false);
  f.returnType = r["return_type"];
  f.body = r["body"];
  f.owner = r["owner"];
  f.comment = r["comment"];
  return f;
}

MetastoreVolume volumeFromRow(const Json& r) {
  MetastoreVolume v;
  v.catalog = r["catalog"];
  v.schema = r["schema_name"];
  v.name = r["name"];
  v.volumeType = r["volume_type"];
  v.storageLocation = r["storage_location"];
  v.owner = r["owner"];
  v.comment = r["comment"];
  return v;
}

}  // namespace

std::string securableName(Securable s) {
  switch (s) {
    case Securable::Catalog:
      return "CATALOG";
    case Securable::Schema:
      return "SCHEMA";
    case Securable::Table:
      return "TABLE";
    case Securable::Volume:
      return "VOLUME";
    case Securable::Function:
      return "FUNCTION";
  }
  return "UNKNOWN";
}

Metastore::Metastore(const std::filesystem::path& root) : db_(root / "metastore", "metastore.db") {
  db_.migrate("metastore",
              {{1,
                "CREATE TABLE uc_catalogs (name TEXT NOT NULL COLLATE NOCASE PRIMARY KEY, "
                "owner TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);"
                "CREATE TABLE uc_schemas (catalog TEXT NOT NULL COLLATE NOCASE, "
                "name TEXT NOT NULL COLLATE NOCASE, owner TEXT NOT NULL, "
                "comment TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
                "PRIMARY KEY (catalog, name), FOREIGN KEY (catalog) REFERENCES uc_catalogs(name) "
                "ON DELETE CASCADE);"
                "CREATE TABLE uc_tables (catalog TEXT NOT NULL COLLATE NOCASE, "
                "schema_name TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, "
                "table_type TEXT NOT NULL, format TEXT NOT NULL, location TEXT NOT NULL, "
                "owner TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', properties TEXT NOT NULL, "
                "view_text TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
                "PRIMARY KEY (catalog, schema_name, name), FOREIGN KEY (catalog, schema_name) "
                "REFERENCES uc_schemas(catalog, name) ON DELETE CASCADE);"},
               // Grants and tags key on the object's full name rather than a foreign key because
               // they span five object tables; the drop functions delete them.
               {2,
                "CREATE TABLE uc_functions (catalog TEXT NOT NULL COLLATE NOCASE, "
                "schema_name TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, "
                "parameters TEXT NOT NULL, return_type TEXT NOT NULL, body TEXT NOT NULL, "
                "owner TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
                "PRIMARY KEY (catalog, schema_name, name), FOREIGN KEY (catalog, schema_name) "
                "REFERENCES uc_schemas(catalog, name) ON DELETE CASCADE);"
                "CREATE TABLE uc_volumes (catalog TEXT NOT NULL COLLATE NOCASE, "
                "schema_name TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, "
                "volume_type TEXT NOT NULL, storage_location TEXT NOT NULL, owner TEXT NOT NULL, "
                "comment TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
                "PRIMARY KEY (catalog, schema_name, name), FOREIGN KEY (catalog, schema_name) "
                "REFERENCES uc_schemas(catalog, name) ON DELETE CASCADE);"
                "CREATE TABLE uc_grants (securable TEXT NOT NULL, "
                "object_name TEXT NOT NULL COLLATE NOCASE, principal TEXT NOT NULL COLLATE NOCASE, "
                "privilege TEXT NOT NULL, grantor TEXT NOT NULL, created_at TEXT NOT NULL, "
                "PRIMARY KEY (securable, object_name, principal, privilege));"
                "CREATE TABLE uc_tags (securable TEXT NOT NULL, "
                "object_name TEXT NOT NULL COLLATE NOCASE, "
                "column_name TEXT NOT NULL COLLATE NOCASE DEFAULT '', tag_key TEXT NOT NULL, "
                "tag_value TEXT NOT NULL DEFAULT '', "
                "PRIMARY KEY (securable, object_name, column_name, tag_key));"},
               // Row filters, masks and informational keys hang off tables like grants do.
               {3,
                "CREATE TABLE uc_row_filters (securable TEXT NOT NULL DEFAULT 'TABLE', "
                "object_name TEXT NOT NULL COLLATE NOCASE, function_name TEXT NOT NULL, "
                "columns TEXT NOT NULL, PRIMARY KEY (securable, object_name));"
                "CREATE TABLE uc_column_masks (securable TEXT NOT NULL DEFAULT 'TABLE', "
                "object_name TEXT NOT NULL COLLATE NOCASE, "
                "column_name TEXT NOT NULL COLLATE NOCASE, function_name TEXT NOT NULL, "
                "using_columns TEXT NOT NULL, PRIMARY KEY (securable, object_name, column_name));"
                "CREATE TABLE uc_constraints (securable TEXT NOT NULL DEFAULT 'TABLE', "
                "object_name TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, "
                "constraint_type TEXT NOT NULL, columns TEXT NOT NULL, ref_table TEXT NOT NULL, "
                "ref_columns TEXT NOT NULL, PRIMARY KEY (securable, object_name, name));"},
               {4,
                "CREATE TABLE uc_storage_roots (securable TEXT NOT NULL, "
                "object_name TEXT NOT NULL COLLATE NOCASE, root TEXT NOT NULL, "
                "PRIMARY KEY (securable, object_name));"}});
}

void Metastore::requireCatalog(const std::string& catalog) {
  if (db_.query("SELECT 1 FROM uc_catalogs WHERE name = ?", {catalog}).empty()) {
    notFound("Catalog '" + catalog + "' not found");
  }
}

void Metastore::requireSchema(const std::string& catalog, const std::string& schema) {
  requireCatalog(catalog);
  if (db_.query("SELECT 1 FROM uc_schemas WHERE catalog = ? AND name = ?", {catalog, schema})
          .empty()) {
    notFound("Schema '" + catalog + "." + schema + "' not found");
  }
}

void Metastore::createCatalog(const std::string& name, const std::string& owner,
                              const std::string& comment, bool ifNotExists) {
  const WriteMark mark;
  const auto changed = db_.execute(
      "INSERT OR IGNORE INTO uc_catalogs (name, owner, comment, created_at) VALUES (?, ?, ?, ?)",
      {name, owner, comment, now()});
  if (changed == 0 && !ifNotExists) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict, "Catalog '" + name + "' already exists");
  }
}

void Metastore::dropCatalog(const std::string& name, bool ifExists, bool cascade) {
  const WriteMark mark;
  db_.transaction([&] {
    if (db_.query("SELECT 1 FROM uc_catalogs WHERE name = ?", {name}).empty()) {
      if (ifExists) return;
      notFound("Catalog '" + name + "' not found");
    }
    const auto schemas = db_.query("SELECT name FROM uc_schemas WHERE catalog = ?", {name});
    if (!schemas.empty() && !cascade) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "Catalog '" + name + "' is not empty; use CASCADE to drop it with " +
                               std::to_string(schemas.size()) + " schema(s)");
    }
    db_.execute("DELETE FROM uc_catalogs WHERE name = ?", {name});
    deleteAttached(db_, Securable::Catalog, name);
  });
}

std::vector<CatalogInfo> Metastore::catalogs() {
  std::vector<CatalogInfo> out;
  for (const auto& r : db_.query("SELECT name, comment, owner FROM uc_catalogs ORDER BY name")) {
    out.push_back({r["name"], r["comment"], r["owner"]});
  }
  return out;
}

void Metastore::createSchema(const std::string& catalog, const std::string& name,
                             const std::string& owner, const std::string& comment,
                             bool ifNotExists) {
  const WriteMark mark;
  db_.transaction([&] {
    requireCatalog(catalog);
    const auto changed = db_.execute(
        "INSERT OR IGNORE INTO uc_schemas (catalog, name, owner, comment, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {catalog, name, owner, comment, now()});
    if (changed == 0 && !ifNotExists) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "Schema '" + catalog + "." + name + "' already exists");
    }
  });
}

void Metastore::dropSchema(const std::string& catalog, const std::string& name, bool ifExists,
                           bool cascade) {
  const WriteMark mark;
  db_.transaction([&] {
    if (db_.query("SELECT 1 FROM uc_schemas WHERE catalog = ? AND name = ?", {catalog, name})
            .empty()) {
      if (ifExists) return;
      notFound("Schema '" + catalog + "." + name + "' not found");
    }
    const auto contents = db_.query(
        "SELECT (SELECT count(*) FROM uc_tables WHERE catalog = ?1 AND schema_name = ?2) + "
        "(SELECT count(*) FROM uc_functions WHERE catalog = ?1 AND schema_name = ?2) + "
        "(SELECT count(*) FROM uc_volumes WHERE catalog = ?1 AND schema_name = ?2) AS n",
        {catalog, name});
    if (contents.front()["n"].get<std::int64_t>() > 0 && !cascade) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "Schema '" + catalog + "." + name + "' is not empty; use CASCADE");
    }
    db_.execute("DELETE FROM uc_schemas WHERE catalog = ? AND name = ?", {catalog, name});
    deleteAttached(db_, Securable::Schema, dotted(catalog, name));
  });
}

std::vector<SchemaInfo> Metastore::schemas(const std::string& catalog) {
  requireCatalog(catalog);
  std::vector<SchemaInfo> out;
  for (const auto& r : db_.query(
           "SELECT catalog, name, comment, owner FROM uc_schemas WHERE catalog = ? ORDER BY name",
           {catalog})) {
    out.push_back({r["catalog"], r["name"], r["comment"], r["owner"]});
  }
  return out;
}

void Metastore::createTable(const MetastoreTable& t) {
  const WriteMark mark;
  db_.transaction([&] {
    requireSchema(t.catalog, t.schema);
    const auto changed = db_.execute(
        "INSERT OR IGNORE INTO uc_tables (catalog, schema_name, name, table_type, format, "
        "location, owner, comment, properties, view_text, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {t.catalog, t.schema, t.name, t.tableType, t.format, t.location, t.owner, t.comment,
         t.properties.dump(), t.viewText, now()});
    if (changed == 0) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict, "Table '" + t.catalog + "." + t.schema +
                                                              "." + t.name + "' already exists");
    }
  });
}

MetastoreTable Metastore::fromRow(const Json& r) const {
  MetastoreTable t;
  t.catalog = r["catalog"];
  t.schema = r["schema_name"];
  t.name = r["name"];
  t.tableType = r["table_type"];
  t.format = r["format"];
  t.location = r["location"];
  t.owner = r["owner"];
  t.comment = r["comment"];
  t.properties = Json::parse(r["properties"].get<std::string>(), nullptr, false);
  t.viewText = r["view_text"];
  return t;
}

std::optional<MetastoreTable> Metastore::table(const std::string& catalog,
                                               const std::string& schema, const std::string& name) {
  const auto rows =
      db_.query("SELECT * FROM uc_tables WHERE catalog = ? AND schema_name = ? AND name = ?",
                {catalog, schema, name});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows.front());
}

std::vector<MetastoreTable> Metastore::tables(const std::string& catalog,
                                              const std::string& schema) {
  requireSchema(catalog, schema);
  std::vector<MetastoreTable> out;
  for (const auto& r :
       db_.query("SELECT * FROM uc_tables WHERE catalog = ? AND schema_name = ? ORDER BY name",
                 {catalog, schema})) {
    out.push_back(fromRow(r));
  }
  return out;
}

bool Metastore::dropTable(const std::string& catalog, const std::string& schema,
                          const std::string& name, bool ifExists) {
  const WriteMark mark;
  std::int64_t changed = 0;
  db_.transaction([&] {
    changed =
        db_.execute("DELETE FROM uc_tables WHERE catalog = ? AND schema_name = ? AND name = ?",
                    {catalog, schema, name});
    if (changed == 0) return;
    deleteAttached(db_, Securable::Table, dotted(catalog, schema, name));
  });
  if (changed == 0 && !ifExists) {
    notFound("Table '" + dotted(catalog, schema, name) + "' not found");
  }
  return changed > 0;
}

void Metastore::updateTable(const MetastoreTable& t) {
  const WriteMark mark;
  const auto changed = db_.execute(
      "UPDATE uc_tables SET table_type = ?, format = ?, location = ?, owner = ?, comment = ?, "
      "properties = ?, view_text = ? WHERE catalog = ? AND schema_name = ? AND name = ?",
      {t.tableType, t.format, t.location, t.owner, t.comment, t.properties.dump(), t.viewText,
       t.catalog, t.schema, t.name});
  if (changed == 0) notFound("Table '" + dotted(t.catalog, t.schema, t.name) + "' not found");
}

void Metastore::renameTable(const std::string& catalog, const std::string& schema,
                            const std::string& name, const std::string& newSchema,
                            const std::string& newName) {
  const WriteMark mark;
  db_.transaction([&] {
    const auto from = canonicalName(db_, Securable::Table, {catalog, schema, name});
    if (!from) notFound("Table '" + dotted(catalog, schema, name) + "' not found");
    requireSchema(catalog, newSchema);
    // Renaming to another spelling of the same name finds the table itself.
    const auto taken = canonicalName(db_, Securable::Table, {catalog, newSchema, newName});
    if (taken && !sameName(*taken, *from)) conflict("Table '" + *taken + "' already exists");
    db_.execute(
        "UPDATE uc_tables SET schema_name = ?, name = ? "
        "WHERE catalog = ? AND schema_name = ? AND name = ?",
        {newSchema, newName, catalog, schema, name});
    const auto to = canonicalName(db_, Securable::Table, {catalog, newSchema, newName});
    for (const char* attached : {"uc_grants", "uc_tags", "uc_row_filters", "uc_column_masks",
                                 "uc_constraints", "uc_storage_roots"}) {
      db_.execute(std::string("UPDATE OR REPLACE ") + attached +
                      " SET object_name = ? WHERE securable = 'TABLE' AND object_name = ?",
                  {*to, *from});
    }
  });
}

void Metastore::setOwner(Securable securable, const std::string& objectName,
                         const std::string& owner) {
  const WriteMark mark;
  const Kind kind = kindOf(securable);
  auto params = toParams(splitName(securable, objectName));
  params.insert(params.begin(), owner);
  const auto changed = db_.execute(
      std::string("UPDATE ") + kind.table + " SET owner = ? WHERE " + keyWhere(kind.parts), params);
  if (changed == 0) notFound(std::string(kind.label) + " '" + objectName + "' not found");
}

void Metastore::setComment(Securable securable, const std::string& objectName,
                           const std::string& comment) {
  const WriteMark mark;
  const Kind kind = kindOf(securable);
  auto params = toParams(splitName(securable, objectName));
  params.insert(params.begin(), comment);
  const auto changed = db_.execute(
      std::string("UPDATE ") + kind.table + " SET comment = ? WHERE " + keyWhere(kind.parts),
      params);
  if (changed == 0) notFound(std::string(kind.label) + " '" + objectName + "' not found");
}

std::optional<std::string> Metastore::owner(Securable securable, const std::string& objectName) {
  const Kind kind = kindOf(securable);
  const auto rows =
      db_.query(std::string("SELECT owner FROM ") + kind.table + " WHERE " + keyWhere(kind.parts),
                toParams(splitName(securable, objectName)));
  if (rows.empty()) return std::nullopt;
  return rows.front()["owner"].get<std::string>();
}

void Metastore::createFunction(const MetastoreFunction& f, bool orReplace) {
  const WriteMark mark;
  db_.transaction([&] {
    requireSchema(f.catalog, f.schema);
    const std::vector<Json> params = {f.catalog,    f.schema, f.name,  f.parameters.dump(),
                                      f.returnType, f.body,   f.owner, f.comment,
                                      now()};
    const std::string into =
        " INTO uc_functions (catalog, schema_name, name, parameters, return_type, body, "
        "owner, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (orReplace) {
      // The function stays the same object: its owner, grants and tags survive the new body.
      db_.execute("INSERT" + into +
                      " ON CONFLICT (catalog, schema_name, name) DO UPDATE SET "
                      "parameters = excluded.parameters, return_type = excluded.return_type, "
                      "body = excluded.body, comment = excluded.comment",
                  params);
      return;
    }
    const auto changed = db_.execute("INSERT OR IGNORE" + into, params);
    if (changed == 0) {
      conflict("Function '" + dotted(f.catalog, f.schema, f.name) + "' already exists");
    }
  });
}

std::optional<MetastoreFunction> Metastore::function(const std::string& catalog,
                                                     const std::string& schema,
                                                     const std::string& name) {
  const auto rows =
      db_.query("SELECT * FROM uc_functions WHERE catalog = ? AND schema_name = ? AND name = ?",
                {catalog, schema, name});
  if (rows.empty()) return std::nullopt;
  return functionFromRow(rows.front());
}

std::vector<MetastoreFunction> Metastore::functions(const std::string& catalog,
                                                    const std::string& schema) {
  requireSchema(catalog, schema);
  std::vector<MetastoreFunction> out;
  for (const auto& r :
       db_.query("SELECT * FROM uc_functions WHERE catalog = ? AND schema_name = ? ORDER BY name",
                 {catalog, schema})) {
    out.push_back(functionFromRow(r));
  }
  return out;
}

bool Metastore::dropFunction(const std::string& catalog, const std::string& schema,
                             const std::string& name, bool ifExists) {
  const WriteMark mark;
  std::int64_t changed = 0;
  db_.transaction([&] {
    changed =
        db_.execute("DELETE FROM uc_functions WHERE catalog = ? AND schema_name = ? AND name = ?",
                    {catalog, schema, name});
    if (changed == 0) return;
    deleteAttached(db_, Securable::Function, dotted(catalog, schema, name));
  });
  if (changed == 0 && !ifExists) {
    notFound("Function '" + dotted(catalog, schema, name) + "' not found");
  }
  return changed > 0;
}

void Metastore::createVolume(const MetastoreVolume& v, bool ifNotExists) {
  const WriteMark mark;
  db_.transaction([&] {
    requireSchema(v.catalog, v.schema);
    const auto changed = db_.execute(
        "INSERT OR IGNORE INTO uc_volumes (catalog, schema_name, name, volume_type, "
        "storage_location, owner, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {v.catalog, v.schema, v.name, v.volumeType, v.storageLocation, v.owner, v.comment, now()});
    if (changed == 0 && !ifNotExists) {
      conflict("Volume '" + dotted(v.catalog, v.schema, v.name) + "' already exists");
    }
  });
}

std::optional<MetastoreVolume> Metastore::volume(const std::string& catalog,
                                                 const std::string& schema,
                                                 const std::string& name) {
  const auto rows =
      db_.query("SELECT * FROM uc_volumes WHERE catalog = ? AND schema_name = ? AND name = ?",
                {catalog, schema, name});
  if (rows.empty()) return std::nullopt;
  return volumeFromRow(rows.front());
}

std::vector<MetastoreVolume> Metastore::volumes(const std::string& catalog,
                                                const std::string& schema) {
  requireSchema(catalog, schema);
  std::vector<MetastoreVolume> out;
  for (const auto& r :
       db_.query("SELECT * FROM uc_volumes WHERE catalog = ? AND schema_name = ? ORDER BY name",
                 {catalog, schema})) {
    out.push_back(volumeFromRow(r));
  }
  return out;
}

bool Metastore::dropVolume(const std::string& catalog, const std::string& schema,
                           const std::string& name, bool ifExists) {
  const WriteMark mark;
  std::int64_t changed = 0;
  db_.transaction([&] {
    changed =
        db_.execute("DELETE FROM uc_volumes WHERE catalog = ? AND schema_name = ? AND name = ?",
                    {catalog, schema, name});
    if (changed == 0) return;
    deleteAttached(db_, Securable::Volume, dotted(catalog, schema, name));
  });
  if (changed == 0 && !ifExists) {
    notFound("Volume '" + dotted(catalog, schema, name) + "' not found");
  }
  return changed > 0;
}

void Metastore::grant(Securable securable, const std::string& objectName,
                      const std::string& principal, const std::vector<std::string>& privileges,
                      const std::string& grantor) {
  if (principal.empty()) invalid("A grant needs a principal");
  const WriteMark mark;
  db_.transaction([&] {
    const auto name = requireObject(db_, securable, objectName);
    for (const auto& privilege : privileges) {
      if (privilege.empty()) invalid("A privilege cannot be empty");
      db_.execute(
          "INSERT OR IGNORE INTO uc_grants (securable, object_name, principal, privilege, "
          "grantor, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          {securableName(securable), name, principal, upper(privilege), grantor, now()});
    }
  });
}

void Metastore::revoke(Securable securable, const std::string& objectName,
                       const std::string& principal, const std::vector<std::string>& privileges) {
  const WriteMark mark;
  db_.transaction([&] {
    const auto name = requireObject(db_, securable, objectName);
    for (const auto& privilege : privileges) {
      db_.execute(
          "DELETE FROM uc_grants WHERE securable = ? AND object_name = ? AND principal = ? "
          "AND privilege = ?",
          {securableName(securable), name, principal, upper(privilege)});
    }
  });
}

std::vector<MetastoreGrant> Metastore::grants(Securable securable, const std::string& objectName,
                                              const std::string& principal) {
  const auto name = requireObject(db_, securable, objectName);
  std::string sql = "SELECT * FROM uc_grants WHERE securable = ? AND object_name = ?";
  std::vector<Json> params = {securableName(securable), name};
  if (!principal.empty()) {
    sql += " AND principal = ?";
    params.emplace_back(principal);
  }
  std::vector<MetastoreGrant> out;
  for (const auto& r : db_.query(sql + " ORDER BY principal, privilege", params)) {
    out.push_back(grantFromRow(r));
  }
  return out;
}

std::vector<MetastoreGrant> Metastore::grantsInCatalog(const std::string& catalog) {
  requireCatalog(catalog);
  const std::string prefix = catalog + ".";
  std::vector<MetastoreGrant> out;
  for (const auto& r :
       db_.query(std::string("SELECT * FROM uc_grants WHERE object_name = ? OR ") + kUnder +
                     " ORDER BY object_name, securable, principal, privilege",
                 {catalog, prefix, prefix})) {
    out.push_back(grantFromRow(r));
  }
  return out;
}

void Metastore::setTags(Securable securable, const std::string& objectName,
                        const std::string& column,
                        const std::vector<std::pair<std::string, std::string>>& tags) {
  requireColumnTarget(securable, column);
  const WriteMark mark;
  db_.transaction([&] {
    const auto name = requireObject(db_, securable, objectName);
    for (const auto& [key, value] : tags) {
      if (key.empty()) invalid("A tag key cannot be empty");
      db_.execute(
          "INSERT INTO uc_tags (securable, object_name, column_name, tag_key, tag_value) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (securable, object_name, column_name, tag_key) "
          "DO UPDATE SET tag_value = excluded.tag_value",
          {securableName(securable), name, column, key, value});
    }
  });
}

void Metastore::unsetTags(Securable securable, const std::string& objectName,
                          const std::string& column, const std::vector<std::string>& keys) {
  requireColumnTarget(securable, column);
  const WriteMark mark;
  db_.transaction([&] {
    const auto name = requireObject(db_, securable, objectName);
    for (const auto& key : keys) {
      db_.execute(
          "DELETE FROM uc_tags WHERE securable = ? AND object_name = ? AND column_name = ? "
          "AND tag_key = ?",
          {securableName(securable), name, column, key});
    }
  });
}

std::vector<MetastoreTag> Metastore::tags(Securable securable, const std::string& objectName,
                                          const std::string& column) {
  requireColumnTarget(securable, column);
  const auto name = requireObject(db_, securable, objectName);
  std::vector<MetastoreTag> out;
  for (const auto& r : db_.query(
           "SELECT * FROM uc_tags WHERE securable = ? AND object_name = ? AND column_name = ? "
           "ORDER BY tag_key",
           {securableName(securable), name, column})) {
    out.push_back(tagFromRow(r));
  }
  return out;
}

std::vector<MetastoreTag> Metastore::tagsInCatalog(const std::string& catalog) {
  requireCatalog(catalog);
  const std::string prefix = catalog + ".";
  std::vector<MetastoreTag> out;
  for (const auto& r :
       db_.query(std::string("SELECT * FROM uc_tags WHERE object_name = ? OR ") + kUnder +
                     " ORDER BY object_name, securable, column_name, tag_key",
                 {catalog, prefix, prefix})) {
    out.push_back(tagFromRow(r));
  }
  return out;
}

std::int64_t Metastore::generation() {
  const auto own = gOwnWrites.load(std::memory_order_relaxed);
  const auto rows = db_.query("PRAGMA data_version");
  const auto others = rows.empty() ? 0 : rows.front()["data_version"].get<std::int64_t>();
  return others + own;
}

namespace {

std::vector<std::string> stringList(const Json& text) {
  std::vector<std::string> out;
  const auto parsed = Json::parse(text.get<std::string>(), nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& v : parsed) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

MetastoreRowFilter filterFromRow(const Json& r) {
  return {r["object_name"], r["function_name"], stringList(r["columns"])};
}

MetastoreColumnMask maskFromRow(const Json& r) {
  return {r["object_name"], r["column_name"], r["function_name"], stringList(r["using_columns"])};
}

MetastoreConstraint constraintFromRow(const Json& r) {
  return {r["object_name"],         r["name"],      r["constraint_type"],
          stringList(r["columns"]), r["ref_table"], stringList(r["ref_columns"])};
}

}  // namespace

void Metastore::setRowFilter(const MetastoreRowFilter& f) {
  const WriteMark mark;
  db_.execute(
      "INSERT OR REPLACE INTO uc_row_filters (securable, object_name, function_name, columns) "
      "VALUES ('TABLE', ?, ?, ?)",
      {f.table, f.function, Json(f.columns).dump()});
}

void Metastore::dropRowFilter(const std::string& table) {
  const WriteMark mark;
  db_.execute("DELETE FROM uc_row_filters WHERE securable = 'TABLE' AND object_name = ?", {table});
}

std::optional<MetastoreRowFilter> Metastore::rowFilter(const std::string& table) {
  const auto rows = db_.query(
      "SELECT * FROM uc_row_filters WHERE securable = 'TABLE' AND object_name = ?", {table});
  if (rows.empty()) return std::nullopt;
  return filterFromRow(rows.front());
}

void Metastore::setColumnMask(const MetastoreColumnMask& m) {
  const WriteMark mark;
  db_.execute(
      "INSERT OR REPLACE INTO uc_column_masks (securable, object_name, column_name, "
      "function_name, using_columns) VALUES ('TABLE', ?, ?, ?, ?)",
      {m.table, m.column, m.function, Json(m.usingColumns).dump()});
}

void Metastore::dropColumnMask(const std::string& table, const std::string& column) {
  const WriteMark mark;
  db_.execute(
      "DELETE FROM uc_column_masks WHERE securable = 'TABLE' AND object_name = ? AND "
      "column_name = ?",
      {table, column});
}

std::vector<MetastoreColumnMask> Metastore::columnMasks(const std::string& table) {
  std::vector<MetastoreColumnMask> out;
  for (const auto& r : db_.query("SELECT * FROM uc_column_masks WHERE securable = 'TABLE' AND "
                                 "object_name = ? ORDER BY column_name",
                                 {table})) {
    out.push_back(maskFromRow(r));
  }
  return out;
}

void Metastore::addConstraint(const MetastoreConstraint& c) {
  const WriteMark mark;
  db_.transaction([&] {
    if (!db_.query("SELECT 1 FROM uc_constraints WHERE securable = 'TABLE' AND object_name = ? "
                   "AND name = ?",
                   {c.table, c.name})
             .empty()) {
      conflict("Constraint '" + c.name + "' already exists on '" + c.table + "'");
    }
    if (c.type == "PRIMARY KEY" &&
        !db_.query("SELECT 1 FROM uc_constraints WHERE securable = 'TABLE' AND object_name = ? "
                   "AND constraint_type = 'PRIMARY KEY'",
                   {c.table})
             .empty()) {
      conflict("Table '" + c.table + "' already has a primary key");
    }
    db_.execute(
        "INSERT INTO uc_constraints (securable, object_name, name, constraint_type, columns, "
        "ref_table, ref_columns) VALUES ('TABLE', ?, ?, ?, ?, ?, ?)",
        {c.table, c.name, c.type, Json(c.columns).dump(), c.refTable, Json(c.refColumns).dump()});
  });
}

bool Metastore::dropConstraint(const std::string& table, const std::string& name) {
  const WriteMark mark;
  return db_.execute(
             "DELETE FROM uc_constraints WHERE securable = 'TABLE' AND object_name = ? AND "
             "name = ?",
             {table, name}) > 0;
}

std::vector<MetastoreConstraint> Metastore::constraints(const std::string& table) {
  std::vector<MetastoreConstraint> out;
  for (const auto& r : db_.query("SELECT * FROM uc_constraints WHERE securable = 'TABLE' AND "
                                 "object_name = ? ORDER BY name",
                                 {table})) {
    out.push_back(constraintFromRow(r));
  }
  return out;
}

std::vector<MetastoreRowFilter> Metastore::rowFiltersInCatalog(const std::string& catalog) {
  std::vector<MetastoreRowFilter> out;
  const auto prefix = catalog + ".";
  for (const auto& r : db_.query(
           std::string("SELECT * FROM uc_row_filters WHERE ") + kUnder + " ORDER BY object_name",
           {prefix, prefix})) {
    out.push_back(filterFromRow(r));
  }
  return out;
}

std::vector<MetastoreColumnMask> Metastore::columnMasksInCatalog(const std::string& catalog) {
  std::vector<MetastoreColumnMask> out;
  const auto prefix = catalog + ".";
  for (const auto& r : db_.query(std::string("SELECT * FROM uc_column_masks WHERE ") + kUnder +
                                     " ORDER BY object_name, column_name",
                                 {prefix, prefix})) {
    out.push_back(maskFromRow(r));
  }
  return out;
}

std::vector<MetastoreConstraint> Metastore::constraintsInCatalog(const std::string& catalog) {
  std::vector<MetastoreConstraint> out;
  const auto prefix = catalog + ".";
  for (const auto& r : db_.query(std::string("SELECT * FROM uc_constraints WHERE ") + kUnder +
                                     " ORDER BY object_name, name",
                                 {prefix, prefix})) {
    out.push_back(constraintFromRow(r));
  }
  return out;
}

void Metastore::setStorageRoot(Securable securable, const std::string& objectName,
                               const std::string& root) {
  const WriteMark mark;
  db_.execute(
      "INSERT OR REPLACE INTO uc_storage_roots (securable, object_name, root) VALUES (?, ?, ?)",
      {securableName(securable), objectName, root});
}

std::optional<std::string> Metastore::storageRoot(Securable securable,
                                                  const std::string& objectName) {
  const auto rows =
      db_.query("SELECT root FROM uc_storage_roots WHERE securable = ? AND object_name = ?",
                {securableName(securable), objectName});
  if (rows.empty()) return std::nullopt;
  return rows.front()["root"].get<std::string>();
}

}  // namespace clxs::kernel
