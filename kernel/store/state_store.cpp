#include "kernel/store/state_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <utility>

#include "clxs/clock.hpp"

namespace clxs::kernel {

namespace {

using StmtPtr = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool startsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string nowIso() {
  return clxs::isoUtc(std::chrono::system_clock::now());
}

void bindParams(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Json>& params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw StoreError("the statement has " + std::to_string(expected) + " parameter(s) but " +
                     std::to_string(params.size()) + " value(s) were given");
  }
  for (int i = 0; i < expected; ++i) {
    const Json& v = params[static_cast<std::size_t>(i)];
    const int idx = i + 1;
    int rc = SQLITE_OK;
    switch (v.type()) {
      case Json::value_t::null:
      case Json::value_t::discarded:
        rc = sqlite3_bind_null(stmt, idx);
        break;
      case Json::value_t::boolean:
        rc = sqlite3_bind_int(stmt, idx, v.get<bool>() ? 1 : 0);
        break;
      case Json::value_t::number_integer:
        rc = sqlite3_bind_int64(stmt, idx, v.get<std::int64_t>());
        break;
      case Json::value_t::number_unsigned: {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(INT64_MAX)) {
          throw StoreError("parameter " + std::to_string(idx) +
                           " is too large for a 64-bit signed integer");
        }
        rc = sqlite3_bind_int64(stmt, idx, static_cast<sqlite3_int64>(u));
        break;
      }
      case Json::value_t::number_float:
        rc = sqlite3_bind_double(stmt, idx, v.get<double>());
        break;
      case Json::value_t::string: {
        const auto& s = v.get_ref<const std::string&>();
        rc = sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
      case Json::value_t::binary: {
        const auto& b = v.get_binary();
        rc = sqlite3_bind_blob64(stmt, idx, b.data(), b.size(), SQLITE_TRANSIENT);
        break;
      }
      case Json::value_t::object:
      case Json::value_t::array: {
        const std::string text = v.dump();
        rc =
            sqlite3_bind_text64(stmt, idx, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
    }
    if (rc != SQLITE_OK) throw StoreError(sqlite3_errmsg(db));
  }
}

Json columnValue(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, col);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
      return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, col));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, col));
      return Json::binary(std::vector<std::uint8_t>(p, p + n));
    }
    default:
      return nullptr;
  }
}

// Pragmas a plugin may run although they take an argument: they only read the schema.
bool isSchemaReadingPragma(const std::string& name) {
  static const std::set<std::string> kAllowed = {"table_info", "table_xinfo", "index_list",
                                                 "index_info", "index_xinfo", "foreign_key_list"};
  return kAllowed.count(lower(name)) != 0;
}

}  // namespace

/// The clxs::Store a plugin receives: every call runs under its table-name scope.
class PluginStore final : public clxs::Store {
 public:
  PluginStore(StateStore& store, std::string name, std::string prefix)
      : store_(store), name_(std::move(name)), prefix_(std::move(prefix)) {}

  void migrate(const std::vector<Migration>& migrations) override {
    std::lock_guard lock(store_.mu_);
    auto scope = makeScope();
    store_.migrateLocked(name_, migrations, &scope);
  }
  std::vector<Json> query(std::string_view sql, const std::vector<Json>& params) override {
    std::lock_guard lock(store_.mu_);
    auto scope = makeScope();
    return store_.queryLocked(sql, params, &scope);
  }
  std::int64_t execute(std::string_view sql, const std::vector<Json>& params) override {
    std::lock_guard lock(store_.mu_);
    auto scope = makeScope();
    return store_.executeLocked(sql, params, &scope);
  }

 private:
  StateStore::Scope makeScope() const { return StateStore::Scope{name_, prefix_, {}}; }

  StateStore& store_;
  std::string name_;
  std::string prefix_;
};

StateStore::StateStore(const std::filesystem::path& dataDir, const std::string& fileName)
    : path_(dataDir / fileName) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) {
    throw StoreError("cannot create the data directory " + dataDir.string() + ": " + ec.message());
  }
  const int rc =
      sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open the state store " + path_.string() + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_set_authorizer(db_, &StateStore::authorize, this);
  try {
    execScript(
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "CREATE TABLE IF NOT EXISTS kernel_migrations ("
        "  owner TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
        "  PRIMARY KEY (owner, version));"
        "CREATE TABLE IF NOT EXISTS kernel_plugins ("
        "  name TEXT PRIMARY KEY, enabled INTEGER NOT NULL, updated_at TEXT NOT NULL);",
        nullptr);
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

StateStore::~StateStore() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

std::unique_ptr<clxs::Store> StateStore::forPlugin(const std::string& pluginName) {
  const bool valid =
      !pluginName.empty() && std::all_of(pluginName.begin(), pluginName.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
      });
  if (!valid) {
    throw StoreError("plugin name '" + pluginName +
                     "' cannot name tables: use letters, digits, '-' and '_' only");
  }
  std::string prefix = lower(pluginName);
  std::replace(prefix.begin(), prefix.end(), '-', '_');
  if (startsWith(prefix, "kernel")) {
    throw StoreError("plugin name '" + pluginName +
                     "' is reserved: names starting with 'kernel' belong to the server");
  }
  prefix += '_';
  return std::make_unique<PluginStore>(*this, pluginName, std::move(prefix));
}

std::optional<bool> StateStore::pluginEnabled(const std::string& name) {
  const auto rows = query("SELECT enabled FROM kernel_plugins WHERE name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return rows.front()["enabled"].get<std::int64_t>() != 0;
}

void StateStore::setPluginEnabled(const std::string& name, bool enabled) {
  execute(
      "INSERT INTO kernel_plugins(name, enabled, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled, "
      "updated_at = excluded.updated_at",
      {name, enabled, nowIso()});
}

void StateStore::migrate(const std::string& owner, const std::vector<Migration>& migrations) {
  std::lock_guard lock(mu_);
  migrateLocked(owner, migrations, nullptr);
}

std::vector<Json> StateStore::query(std::string_view sql, const std::vector<Json>& params) {
  std::lock_guard lock(mu_);
  return queryLocked(sql, params, nullptr);
}

std::int64_t StateStore::execute(std::string_view sql, const std::vector<Json>& params) {
  std::lock_guard lock(mu_);
  return executeLocked(sql, params, nullptr);
}

void StateStore::transaction(const std::function<void()>& fn) {
  std::lock_guard lock(mu_);
  // Nested calls become savepoints so an inner failure undoes only the inner work.
  const bool outer = txDepth_ == 0;
  const std::string savepoint = "clxs_sp_" + std::to_string(txDepth_);
  execScript(outer ? std::string("BEGIN IMMEDIATE") : "SAVEPOINT " + savepoint, nullptr);
  ++txDepth_;
  try {
    fn();
  } catch (...) {
    --txDepth_;
    try {
      execScript(
          outer ? std::string("ROLLBACK") : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint,
          nullptr);
    } catch (...) {  // the original error is the one worth reporting
    }
    throw;
  }
  --txDepth_;
  execScript(outer ? std::string("COMMIT") : "RELEASE " + savepoint, nullptr);
}

void StateStore::migrateLocked(const std::string& owner, const std::vector<Migration>& migrations,
                               Scope* scope) {
  std::set<int> seen;
  for (const auto& m : migrations) {
    if (m.version < 1) {
      throw StoreError("migration versions of '" + owner + "' must start at 1, got " +
                       std::to_string(m.version));
    }
    if (!seen.insert(m.version).second) {
      throw StoreError("migration version " + std::to_string(m.version) + " of '" + owner +
                       "' is declared twice");
    }
  }
  std::set<std::int64_t> applied;
  for (const auto& row :
       queryLocked("SELECT version FROM kernel_migrations WHERE owner = ?", {owner}, nullptr)) {
    applied.insert(row["version"].get<std::int64_t>());
  }
  std::vector<const Migration*> pending;
  for (const auto& m : migrations) {
    if (applied.count(m.version) == 0) pending.push_back(&m);
  }
  std::sort(pending.begin(), pending.end(),
            [](const Migration* a, const Migration* b) { return a->version < b->version; });
  for (const Migration* m : pending) {
    try {
      transaction([&] {
        execScript(m->sql, scope);
        executeLocked("INSERT INTO kernel_migrations(owner, version, applied_at) VALUES (?, ?, ?)",
                      {owner, m->version, nowIso()}, nullptr);
      });
    } catch (const StoreError& e) {
      throw StoreError("migration " + std::to_string(m->version) + " of '" + owner +
                       "' failed: " + e.what());
    }
  }
}

/// Installs a plugin's scope for the authorizer for the duration of one call.
class StateStore::ScopeSet {
 public:
  ScopeSet(StateStore& store, Scope* scope) : store_(store), saved_(store.scope_) {
    store_.scope_ = scope;
  }
  ~ScopeSet() { store_.scope_ = saved_; }
  ScopeSet(const ScopeSet&) = delete;
  ScopeSet& operator=(const ScopeSet&) = delete;

 private:
  StateStore& store_;
  Scope* saved_;
};

std::vector<Json> StateStore::queryLocked(std::string_view sql, const std::vector<Json>& params,
                                          Scope* scope) {
  ScopeSet set(*this, scope);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  StmtPtr stmt(raw, &sqlite3_finalize);
  if (rc != SQLITE_OK) fail("", scope);
  if (!stmt) return {};
  // A second statement would be silently ignored by SQLite; refuse it instead.
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_stmt* next = nullptr;
    {
      ScopeSet unscoped(*this, nullptr);
      sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &next, nullptr);
    }
    const bool another = next != nullptr;
    sqlite3_finalize(next);
    if (another) {
      throw StoreError(
          "only one SQL statement can run per call; split the script into several calls");
    }
  }
  bindParams(db_, stmt.get(), params);
  std::vector<Json> rows;
  const int cols = sqlite3_column_count(stmt.get());
  for (;;) {
    const int step = sqlite3_step(stmt.get());
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) fail("", scope);
    Json row = Json::object();
    for (int c = 0; c < cols; ++c)
      row[sqlite3_column_name(stmt.get(), c)] = columnValue(stmt.get(), c);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::int64_t StateStore::executeLocked(std::string_view sql, const std::vector<Json>& params,
                                       Scope* scope) {
  queryLocked(sql, params, scope);
  return sqlite3_changes64(db_);
}

void StateStore::execScript(const std::string& sql, Scope* scope) {
  ScopeSet set(*this, scope);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  const std::string msg = err != nullptr ? err : "";
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(msg, scope);
}

void StateStore::fail(const std::string& context, Scope* scope) {
  std::string msg = context.empty() ? sqlite3_errmsg(db_) : context;
  // SQLite only says "not authorized"; the scope knows which name broke which rule.
  if (scope != nullptr && !scope->violation.empty()) msg = scope->violation;
  throw StoreError(msg);
}

int StateStore::authorize(void* self, int action, const char* a, const char* b, const char*,
                          const char*) {
  auto* store = static_cast<StateStore*>(self);
  Scope* scope = store->scope_;
  if (scope == nullptr) return SQLITE_OK;

  const auto own = [&](const char* name) {
    if (name == nullptr || *name == '\0') return true;
    const std::string n = lower(name);
    // SQLite's own bookkeeping (sqlite_master on CREATE, sqlite_sequence) is not a table
    // of another owner.
    return startsWith(n, scope->prefix) || startsWith(n, "sqlite_");
  };
  const auto deny = [&](std::string why) {
    if (scope->violation.empty()) scope->violation = std::move(why);
    return SQLITE_DENY;
  };
  const std::string rule =
      "plugin '" + scope->pluginName + "' may only use tables named '" + scope->prefix + "...'";

  switch (action) {
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_VTABLE:
      if (!own(a)) {
        return deny("plugin '" + scope->pluginName + "' may only create or drop tables named '" +
                    scope->prefix + "...', not '" + a + "'");
      }
      return SQLITE_OK;
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
      if (!own(a)) {
        return deny("plugin '" + scope->pluginName +
                    "' may only create or drop indexes and triggers named '" + scope->prefix +
                    "...', not '" + a + "'");
      }
      if (!own(b)) return deny(rule + "; '" + b + "' is not one of them");
      return SQLITE_OK;
    case SQLITE_READ:
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_ANALYZE:
      if (!own(a)) return deny(rule + "; '" + a + "' is not one of them");
      return SQLITE_OK;
    case SQLITE_ALTER_TABLE:
      if (!own(b)) return deny(rule + "; '" + b + "' is not one of them");
      return SQLITE_OK;
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      // The connection is shared: a plugin's open transaction would swallow other work.
      return deny("plugin '" + scope->pluginName +
                  "' cannot control transactions: each migration already runs in one and "
                  "each statement is atomic");
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return deny("plugin '" + scope->pluginName + "' cannot attach other databases");
    case SQLITE_PRAGMA:
      if (b == nullptr || isSchemaReadingPragma(a != nullptr ? a : "")) return SQLITE_OK;
      return deny("plugin '" + scope->pluginName + "' cannot change database settings (PRAGMA " +
                  (a != nullptr ? a : "") + ")");
    default:
      return SQLITE_OK;
  }
}

}  // namespace clxs::kernel
