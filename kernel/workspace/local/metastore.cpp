#include "kernel/workspace/local/metastore.hpp"

#include "clxs/clock.hpp"

namespace clxs::kernel {

namespace {

std::string now() {
  return isoUtc(std::chrono::system_clock::now());
}

[[noreturn]] void notFound(const std::string& what) {
  throw WorkspaceError(WorkspaceErrorClass::NotFound, what);
}

}  // namespace

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
                "REFERENCES uc_schemas(catalog, name) ON DELETE CASCADE);"}});
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
  const auto changed = db_.execute(
      "INSERT OR IGNORE INTO uc_catalogs (name, owner, comment, created_at) VALUES (?, ?, ?, ?)",
      {name, owner, comment, now()});
  if (changed == 0 && !ifNotExists) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict, "Catalog '" + name + "' already exists");
  }
}

void Metastore::dropCatalog(const std::string& name, bool ifExists, bool cascade) {
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
  db_.transaction([&] {
    if (db_.query("SELECT 1 FROM uc_schemas WHERE catalog = ? AND name = ?", {catalog, name})
            .empty()) {
      if (ifExists) return;
      notFound("Schema '" + catalog + "." + name + "' not found");
    }
    const auto tables = db_.query(
        "SELECT name FROM uc_tables WHERE catalog = ? AND schema_name = ?", {catalog, name});
    if (!tables.empty() && !cascade) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "Schema '" + catalog + "." + name + "' is not empty; use CASCADE");
    }
    db_.execute("DELETE FROM uc_schemas WHERE catalog = ? AND name = ?", {catalog, name});
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
  const auto changed =
      db_.execute("DELETE FROM uc_tables WHERE catalog = ? AND schema_name = ? AND name = ?",
                  {catalog, schema, name});
  if (changed == 0 && !ifExists) {
    notFound("Table '" + catalog + "." + schema + "." + name + "' not found");
  }
  return changed > 0;
}

}  // namespace clxs::kernel
