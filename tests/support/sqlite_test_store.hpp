// Test double for clxs::Store over a private SQLite database, so plugin tests run
// a plugin's real SQL without the kernel.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/store.hpp"

namespace clxs::testing {

/// A Store on one SQLite connection (":memory:" or a file), applying migrations by version.
class SqliteTestStore final : public Store {
 public:
  explicit SqliteTestStore(const std::string& path = ":memory:") {
    sqlite3* raw = nullptr;
    if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
      std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
      sqlite3_close(raw);
      throw StoreError("cannot open test store: " + msg);
    }
    db_.reset(raw);
    exec("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY)");
  }

  void migrate(const std::vector<Migration>& migrations) override {
    ++migrateCalls;
    for (const auto& m : migrations) {
      if (!query("SELECT version FROM migrations WHERE version = ?", {m.version}).empty()) continue;
      exec("BEGIN");
      exec(m.sql);
      execute("INSERT INTO migrations (version) VALUES (?)", {m.version});
      exec("COMMIT");
    }
  }

  std::vector<Json> query(std::string_view sql, const std::vector<Json>& params = {}) override {
    auto stmt = prepare(sql, params);
    std::vector<Json> rows;
    int rc = 0;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      Json row = Json::object();
      for (int i = 0; i < sqlite3_column_count(stmt.get()); ++i) {
        const char* name = sqlite3_column_name(stmt.get(), i);
        switch (sqlite3_column_type(stmt.get(), i)) {
          case SQLITE_INTEGER:
            row[name] = sqlite3_column_int64(stmt.get(), i);
            break;
          case SQLITE_FLOAT:
            row[name] = sqlite3_column_double(stmt.get(), i);
            break;
          case SQLITE_NULL:
            row[name] = nullptr;
            break;
          default:
            row[name] =
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), i)),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), i)));
        }
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail();
    return rows;
  }

  std::int64_t execute(std::string_view sql, const std::vector<Json>& params = {}) override {
    auto stmt = prepare(sql, params);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) fail();
    return sqlite3_changes(db_.get());
  }

  /// How often migrate() was called.
  int migrateCalls = 0;

 private:
  struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  using Stmt = std::unique_ptr<sqlite3_stmt, Finalize>;

  [[noreturn]] void fail() { throw StoreError(sqlite3_errmsg(db_.get())); }

  void exec(const std::string& sql) {
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail();
  }

  Stmt prepare(std::string_view sql, const std::vector<Json>& params) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
        SQLITE_OK) {
      fail();
    }
    Stmt stmt(raw);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      const Json& p = params[i];
      if (p.is_null()) {
        sqlite3_bind_null(raw, at);
      } else if (p.is_boolean()) {
        sqlite3_bind_int(raw, at, p.get<bool>() ? 1 : 0);
      } else if (p.is_number_integer()) {
        sqlite3_bind_int64(raw, at, p.get<std::int64_t>());
      } else if (p.is_number()) {
        sqlite3_bind_double(raw, at, p.get<double>());
      } else {
        const std::string s = p.is_string() ? p.get<std::string>() : p.dump();
        sqlite3_bind_text(raw, at, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
    }
    return stmt;
  }

  std::unique_ptr<sqlite3, CloseDb> db_;
};

}  // namespace clxs::testing
