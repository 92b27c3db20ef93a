#include "kernel/workspace/local/sql/statement_executor.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/sql/identifier_clause.hpp"

namespace clxs::kernel {

namespace {

// A directory name for a UC name: lower-cased (names are case-blind) with path separators
// and dots escaped, so a hostile name never leaves its parent directory.
std::string dirName(const std::string& name) {
  std::string out;
  for (char c : lowerAscii(name)) {
    if (c == '/' || c == '\\' || c == '%' || c == '\0' || (c == '.' && out.empty())) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string backtick(const std::string& part) {
  std::string out = "`";
  for (char c : part) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  return out + "`";
}

std::string ObjectName::quoted() const {
  return backtick(catalog) + "." + backtick(schema) + "." + backtick(name);
}

void throwTableNotFound(const std::string& quotedName) {
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       "[TABLE_OR_VIEW_NOT_FOUND] The table or view " + quotedName +
                           " cannot be found. Verify the spelling and correctness of the "
                           "schema and catalog. SQLSTATE: 42P01");
}

void throwSchemaNotFound(const std::string& quotedName) {
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       "[SCHEMA_NOT_FOUND] The schema " + quotedName +
                           " cannot be found. Verify the spelling and correctness of the "
                           "schema and catalog. SQLSTATE: 42704");
}

void throwCatalogNotFound(const std::string& quotedName) {
  throw WorkspaceError(
      WorkspaceErrorClass::NotFound,
      "[CATALOG_NOT_FOUND] The catalog " + quotedName + " cannot be found. SQLSTATE: 42704");
}

void throwTableAlreadyExists(const ObjectName& n) {
  throw WorkspaceError(WorkspaceErrorClass::Conflict,
                       "[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view " + n.quoted() +
                           " because it already exists. Choose a different name, drop the "
                           "existing object, or add the IF NOT EXISTS clause. SQLSTATE: 42P07");
}

void throwUnsupported(const std::string& what) {
  throwUnsupportedFeature(what + " is not supported on the local workspace.");
}

LocalState::LocalState(LocalWorkspaceOptions o)
    : options(std::move(o)), metastore(options.root), system(options.root), engine() {
  auto conn = engine.connect();
  // Group membership for row filters and masks: the configured groups of the current user.
  std::string groups;
  for (const auto& g : options.groups) groups += (groups.empty() ? "" : ", ") + duckdbLiteral(g);
  conn->query("CREATE MACRO is_account_group_member(g) AS list_contains([" + groups +
              "]::VARCHAR[], g); CREATE MACRO is_member(g) AS list_contains([" + groups +
              "]::VARCHAR[], g);");
  // Sessions start in the process's TZ when it names a zone (Spark takes the JVM's default
  // zone the same way), else in UTC, the zone of a Databricks SQL warehouse; a zone the engine
  // does not know falls back to UTC here, once.
  const char* tz = std::getenv("TZ");  // NOLINT(concurrency-mt-unsafe): read at start-up
  std::string zone = tz == nullptr ? "" : tz;
  if (!zone.empty() && zone.front() == ':') zone.erase(0, 1);
  if (!zone.empty() && zone.front() != '/') {
    try {
      conn->setTimeZone(zone);
      defaultTimeZone = zone;
    } catch (const WorkspaceError&) {
      // stays UTC
    }
  }
}

namespace {

// Identity of a commit file: a table dropped and recreated in the same directory reuses
// version numbers, never the same file.
std::string commitIdentity(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
}

}  // namespace

DeltaSnapshot LocalState::latestSnapshot(const DeltaTable& table) {
  const auto key = table.root().lexically_normal().string();
  std::shared_ptr<const CachedSnapshot> cached;
  {
    std::lock_guard lock(snapshotsMutex);
    if (auto it = snapshots.find(key); it != snapshots.end()) cached = it->second;
  }
  DeltaSnapshot s;
  if (cached && !cached->identity.empty() &&
      commitIdentity(table.log().commitPath(cached->snapshot.version)) == cached->identity) {
    s = cached->snapshot;
    table.log().advance(s);
  } else {
    s = table.log().snapshot();
  }
  auto fresh = std::make_shared<CachedSnapshot>();
  fresh->snapshot = s;
  fresh->identity = commitIdentity(table.log().commitPath(s.version));
  std::lock_guard lock(snapshotsMutex);
  auto& slot = snapshots[key];
  if (!slot || slot->snapshot.version <= s.version || slot->identity != fresh->identity) {
    slot = std::move(fresh);
  }
  return s;
}

void LocalState::ensureMacro(DuckDbConnection& conn, const std::string& name,
                             const std::string& sql) {
  std::lock_guard lock(macrosMutex);
  auto& current = macros[name];
  if (current == sql) return;
  conn.query(sql);
  current = sql;
  // A statement calling the function may now bind to other types.
  resultTypes.clear();
}

std::shared_ptr<std::mutex> LocalState::lockFor(const std::filesystem::path& tableRoot) {
  std::lock_guard lock(locksMutex);
  auto& slot = tableLocks[tableRoot.lexically_normal().string()];
  if (!slot) slot = std::make_shared<std::mutex>();
  return slot;
}

std::filesystem::path LocalState::managedLocation(const std::string& catalog,
                                                  const std::string& schema,
                                                  const std::string& table) {
  // The nearest MANAGED LOCATION wins: the schema's, then the catalog's, then the root's.
  if (auto root = metastore.storageRoot(Securable::Schema, catalog + "." + schema)) {
    return std::filesystem::path(*root) / dirName(table);
  }
  if (auto root = metastore.storageRoot(Securable::Catalog, catalog)) {
    return std::filesystem::path(*root) / dirName(schema) / dirName(table);
  }
  return options.root / "warehouse" / dirName(catalog) / dirName(schema) / dirName(table);
}

std::filesystem::path LocalState::volumeLocation(const std::string& catalog,
                                                 const std::string& schema,
                                                 const std::string& volume) const {
  return options.root / "volumes" / dirName(catalog) / dirName(schema) / dirName(volume);
}

StatementExecutor::StatementExecutor(LocalState& state, LocalSession& session, std::string_view sql,
                                     const std::vector<SqlParam>& params,
                                     const CallOptions& options)
    : state_(state),
      session_(session),
      sql_(withIdentifierClauses(sql, params)),
      cur_(sql_),
      params_(params),
      options_(options) {}

std::string StatementExecutor::sessionTimeZone() const {
  const auto it = session_.conf.find(kSessionTimeZoneKey);
  return it == session_.conf.end() ? state_.defaultTimeZone : it->second;
}

DuckDbConnection& StatementExecutor::conn() {
  if (!conn_) {
    conn_ = state_.acquire();
    conn_->setTimeZone(sessionTimeZone());
  }
  return *conn_;
}

std::string StatementExecutor::sparkTyped(const std::string& sql) {
  return withSparkResultTypes(conn(), sql, &state_.resultTypes);
}

void StatementExecutor::setTimeZone(const std::string& zone) {
  try {
    conn().setTimeZone(zone);
  } catch (const WorkspaceError&) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_CONF_VALUE.TIME_ZONE] The value '" + zone +
                             "' in the config \"spark.sql.session.timeZone\" is invalid. Cannot "
                             "resolve the given timezone. SQLSTATE: 22022");
  }
  session_.conf[kSessionTimeZoneKey] = zone;
}

StatementExecutor::~StatementExecutor() {
  if (conn_) state_.release(std::move(conn_));
}

std::unique_ptr<DuckDbConnection> LocalState::acquire() {
  {
    std::lock_guard lock(poolMutex);
    if (!pool.empty()) {
      auto c = std::move(pool.back());
      pool.pop_back();
      return c;
    }
  }
  auto c = engine.connect();
  c->query("SET TimeZone = 'UTC'");
  return c;
}

void LocalState::release(std::unique_ptr<DuckDbConnection> conn) {
  // Connections are cheap to keep and not free to open; a few dozen cover the server's
  // worker threads.
  constexpr std::size_t kPoolSize = 64;
  std::lock_guard lock(poolMutex);
  if (pool.size() < kPoolSize) pool.push_back(std::move(conn));
}

ResultSet StatementExecutor::duck(const std::string& sql) {
  checkCancelled();
  auto& c = conn();
  if (options_.cancel == nullptr && !options_.deadline) {
    return c.query(sql, session_.wallClockTimestamps);
  }
  // A watcher interrupts the engine when the caller cancels or the deadline passes, so a
  // long scan stops within milliseconds rather than at the next statement boundary.
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::atomic<bool> fired{false};
  std::thread watcher([&] {
    std::unique_lock lock(mu);
    while (!done) {
      const bool cancelled = options_.cancel != nullptr && options_.cancel->cancelled.load();
      const bool late = options_.deadline && std::chrono::steady_clock::now() > *options_.deadline;
      if (cancelled || late) {
        fired = true;
        c.interrupt();  // repeated until the query returns: one may land between statements
      }
      cv.wait_for(lock, std::chrono::milliseconds(5));
    }
  });
  auto stop = [&] {
    {
      std::lock_guard lock(mu);
      done = true;
    }
    cv.notify_all();
    watcher.join();
  };
  try {
    auto result = c.query(sql, session_.wallClockTimestamps);
    stop();
    return result;
  } catch (...) {
    stop();
    if (fired) checkCancelled();
    throw;
  }
}

void StatementExecutor::checkCancelled() const {
  if (options_.cancel != nullptr && options_.cancel->cancelled.load()) {
    throw WorkspaceError(WorkspaceErrorClass::Cancelled, "the statement was cancelled");
  }
  if (options_.deadline && std::chrono::steady_clock::now() > *options_.deadline) {
    throw WorkspaceError(WorkspaceErrorClass::Timeout, "the statement's deadline passed");
  }
}

bool StatementExecutor::confEnabled(const std::string& key, bool dflt) const {
  const auto it = session_.conf.find(lowerAscii(key));
  if (it == session_.conf.end()) return dflt;
  return lowerAscii(it->second) == "true";
}

ResultSet StatementExecutor::rows(std::vector<ResultColumn> columns,
                                  std::vector<std::vector<Json>> rows) {
  ResultSet r;
  r.columns = std::move(columns);
  r.rows = std::move(rows);
  return r;
}

ObjectName StatementExecutor::resolve(const std::vector<std::string>& parts) const {
  switch (parts.size()) {
    case 1:
      return {session_.catalog, session_.schema, parts[0]};
    case 2:
      return {session_.catalog, parts[0], parts[1]};
    default:
      return {parts[0], parts[1], parts[2]};
  }
}

ObjectName StatementExecutor::resolveSchema(const std::vector<std::string>& parts) const {
  if (parts.size() > 2) cur_.fail("a schema name has at most two parts");
  if (parts.size() == 1) return {session_.catalog, parts[0], ""};
  return {parts[0], parts[1], ""};
}

void StatementExecutor::requireSchemaExists(const std::string& catalog, const std::string& schema) {
  const auto cats = state_.metastore.catalogs();
  const bool catalogFound = std::any_of(cats.begin(), cats.end(), [&](const CatalogInfo& c) {
    return lowerAscii(c.name) == lowerAscii(catalog);
  });
  if (!catalogFound) throwCatalogNotFound(backtick(catalog));
  const auto schemas = state_.metastore.schemas(catalog);
  const bool found = std::any_of(schemas.begin(), schemas.end(), [&](const SchemaInfo& s) {
    return lowerAscii(s.name) == lowerAscii(schema);
  });
  if (!found) throwSchemaNotFound(backtick(catalog) + "." + backtick(schema));
}

std::optional<ResolvedTable> StatementExecutor::findTable(const ObjectName& n) {
  // delta.`/absolute/path`: a Delta table by location, outside the metastore.
  if (lowerAscii(n.schema) == "delta" && !n.name.empty() && n.name[0] == '/') {
    const std::filesystem::path dir = std::filesystem::path(n.name).lexically_normal();
    if (!std::filesystem::exists(dir / "_delta_log")) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound, "[DELTA_TABLE_NOT_FOUND] Delta table `" +
                                                              dir.string() +
                                                              "` doesn't exist. SQLSTATE: 42P01");
    }
    ResolvedTable t;
    t.name = {"delta", "", dir.string()};
    t.entry.catalog = "delta";
    t.entry.name = dir.string();
    t.entry.tableType = "EXTERNAL";
    t.entry.location = dir.string();
    t.entry.owner = user();
    t.delta = std::make_unique<DeltaTable>(dir, state_.engine);
    return t;
  }
  auto entry = state_.metastore.table(n.catalog, n.schema, n.name);
  if (!entry) return std::nullopt;
  ResolvedTable t;
  t.name = {entry->catalog, entry->schema, entry->name};
  t.entry = std::move(*entry);
  if (t.entry.tableType != "VIEW") {
    t.delta = std::make_unique<DeltaTable>(t.entry.location, state_.engine);
  }
  return t;
}

void StatementExecutor::requireFunction(const ObjectName& fn) {
  if (!state_.metastore.function(fn.catalog, fn.schema, fn.name)) {
    throw WorkspaceError(
        WorkspaceErrorClass::NotFound,
        "[ROUTINE_NOT_FOUND] The routine " + fn.quoted() + " cannot be found. SQLSTATE: 42883");
  }
}

std::string StatementExecutor::governed(const ResolvedTable& t, const std::string& scan,
                                        const std::vector<DeltaColumn>& columns) {
  const auto full = t.name.full();
  const auto filter = state_.metastore.rowFilter(full);
  const auto masks = state_.metastore.columnMasks(full);
  if (!filter && masks.empty()) return scan;
  // Filter and mask functions run with the table owner's rights, not the reader's.
  const bool wasGoverning = governing_;
  governing_ = true;
  struct Restore {
    bool& flag;
    bool value;
    ~Restore() { flag = value; }
  } restore{governing_, wasGoverning};
  auto macroFor = [&](const std::string& function) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (auto dot = function.find('.'); dot != std::string::npos; dot = function.find('.', start)) {
      parts.push_back(function.substr(start, dot - start));
      start = dot + 1;
    }
    parts.push_back(function.substr(start));
    return *sqlFunction(parts, true);
  };
  // Masks replace a column's value with the function's result; the filter keeps the rows it
  // returns true for. Both apply to every reader, as on Databricks.
  std::string projection;
  for (const auto& c : columns) {
    if (!projection.empty()) projection += ", ";
    const auto mask = std::find_if(masks.begin(), masks.end(), [&](const MetastoreColumnMask& m) {
      return lowerAscii(m.column) == lowerAscii(c.name);
    });
    if (mask == masks.end()) {
      projection += duckdbIdentifier(c.name);
      continue;
    }
    std::string args = duckdbIdentifier(c.name);
    for (const auto& u : mask->usingColumns) args += ", " + duckdbIdentifier(u);
    projection += macroFor(mask->function) + "(" + args + ") AS " + duckdbIdentifier(c.name);
  }
  std::string where;
  if (filter) {
    std::string args;
    for (const auto& c : filter->columns) args += (args.empty() ? "" : ", ") + duckdbIdentifier(c);
    where = " WHERE coalesce(" + macroFor(filter->function) + "(" + args + "), false)";
  }
  return "(SELECT " + projection + " FROM " + scan + " AS clxs_governed" + where + ")";
}

ResolvedTable StatementExecutor::table(const ObjectName& n, bool allowView) {
  auto t = findTable(n);
  if (!t) throwTableNotFound(n.quoted());
  if (!allowView && !t->delta) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE] " + t->name.quoted() +
                             " is a view; the statement expects a table. SQLSTATE: 42809");
  }
  return std::move(*t);
}

ResultSet StatementExecutor::run() {
  checkCancelled();
  const Token& first = cur_.peek();
  if (first.kind == TokenKind::End) throwSyntaxError("", "empty statement");
  if (first.is("SELECT") || first.is("WITH") || first.is("VALUES") || first.is("FROM") ||
      first.isSymbol("(") || first.is("TABLE")) {
    return query(0);
  }
  if (cur_.accept("CREATE")) {
    const bool orReplace = cur_.acceptAll({"OR", "REPLACE"});
    if (cur_.accept("CATALOG")) return createCatalog();
    if (cur_.accept("SCHEMA") || cur_.accept("DATABASE")) return createSchema();
    if (cur_.accept("EXTERNAL")) {
      if (cur_.accept("VOLUME")) return createVolume(true);
      cur_.expect("TABLE");
      return createTableWithConstraints(orReplace, true);
    }
    if (cur_.accept("TABLE")) return createTableWithConstraints(orReplace, false);
    if (cur_.accept("VIEW")) return createView(orReplace);
    if (cur_.accept("FUNCTION")) return createFunction(orReplace);
    if (cur_.accept("VOLUME")) return createVolume(false);
    if (cur_.peek().is("TEMP") || cur_.peek().is("TEMPORARY") || cur_.peek().is("MATERIALIZED")) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[UNSUPPORTED_FEATURE] CREATE " + upperAscii(cur_.peek().text) +
                               " is not supported on the local workspace. SQLSTATE: 0A000");
    }
    cur_.fail("expected CATALOG, SCHEMA, TABLE, VIEW, FUNCTION or VOLUME");
  }
  if (first.is("DROP")) return drop();
  if (first.is("USE")) return use();
  if (first.is("SHOW")) return show();
  if (first.is("DESCRIBE") || first.is("DESC")) return describe();
  if (first.is("INSERT")) return insert();
  if (first.is("UPDATE")) return updateDeleteMerge("UPDATE");
  if (first.is("DELETE")) return updateDeleteMerge("DELETE");
  if (first.is("MERGE")) return updateDeleteMerge("MERGE");
  if (first.is("TRUNCATE")) return truncate();
  if (first.is("RESTORE")) return restore();
  if (first.is("VACUUM")) return vacuum();
  if (first.is("OPTIMIZE")) return optimize();
  if (first.is("REORG")) return reorg();
  if (first.is("CONVERT")) return convertToDelta();
  if (first.is("GRANT")) return grantOrRevoke(true);
  if (first.is("REVOKE")) return grantOrRevoke(false);
  if (first.is("COMMENT")) return commentOn();
  if (first.is("SET") || first.is("RESET")) return set();
  if (first.is("ALTER")) {
    cur_.next();
    if (cur_.accept("CATALOG")) return alterCatalogOrSchema(Securable::Catalog);
    if (cur_.accept("SCHEMA") || cur_.accept("DATABASE"))
      return alterCatalogOrSchema(Securable::Schema);
    if (cur_.accept("VOLUME")) return alterCatalogOrSchema(Securable::Volume);
    if (cur_.accept("FUNCTION")) return alterCatalogOrSchema(Securable::Function);
    if (cur_.peek().is("TABLE") || cur_.peek().is("VIEW")) return alterTable();
    cur_.fail("expected CATALOG, SCHEMA, TABLE, VIEW, VOLUME or FUNCTION");
  }
  if (first.is("ANALYZE")) {
    // Statistics live in every add action already; accept the statement as Databricks does.
    cur_.next();
    cur_.expect("TABLE");
    (void)table(resolve(cur_.qualifiedName()), false);
    return empty();
  }
  cur_.fail("unknown or unsupported statement");
}

}  // namespace clxs::kernel
