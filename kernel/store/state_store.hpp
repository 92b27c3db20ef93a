// The server's system of record: one SQLite database (`<dataDir>/clxs.db`, WAL) holding
// kernel tables (migrations, plugin enablement, jobs) and every plugin's own tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

struct sqlite3;

namespace clxs::kernel {

/// One SQLite connection shared by the kernel and plugins, serialised by a mutex. Every
/// failure surfaces as clxs::StoreError carrying SQLite's message.
class StateStore {
 public:
  /// Opens (creating when needed) `<dataDir>/<fileName>` and the kernel's own tables. The
  /// local workspace's metastore uses the same class with another file name.
  explicit StateStore(const std::filesystem::path& dataDir,
                      const std::string& fileName = "clxs.db");
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  /// Path of the database file.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// The store a plugin sees: its migrations may only create tables and indexes named
  /// `<name with - → _>_...`, and its statements may only touch such tables.
  std::unique_ptr<clxs::Store> forPlugin(const std::string& pluginName);

  /// Persisted enablement of a plugin; nullopt when never set.
  std::optional<bool> pluginEnabled(const std::string& name);
  /// Persists a plugin's enablement.
  void setPluginEnabled(const std::string& name, bool enabled);

  /// Applies `owner`'s migrations not yet applied, each in its own transaction. For kernel
  /// modules: no table-name rule applies.
  void migrate(const std::string& owner, const std::vector<clxs::Migration>& migrations);
  /// Runs one statement and returns its rows as JSON objects keyed by column name.
  std::vector<clxs::Json> query(std::string_view sql, const std::vector<clxs::Json>& params = {});
  /// Runs one statement and returns the number of rows it changed.
  std::int64_t execute(std::string_view sql, const std::vector<clxs::Json>& params = {});
  /// Runs `fn` inside one transaction (committed when it returns, rolled back when it
  /// throws). Other threads' statements wait until it ends; query()/execute() may be
  /// called from inside `fn`.
  void transaction(const std::function<void()>& fn);

 private:
  friend class PluginStore;

  /// Table-name rule enforced by SQLite's authorizer while a plugin's statement is prepared.
  struct Scope {
    std::string pluginName;
    std::string prefix;     // lower-case, e.g. "notebooks_"
    std::string violation;  // first denied access, for the error message
  };

  void migrateLocked(const std::string& owner, const std::vector<clxs::Migration>& migrations,
                     Scope* scope);
  std::vector<clxs::Json> queryLocked(std::string_view sql, const std::vector<clxs::Json>& params,
                                      Scope* scope);
  std::int64_t executeLocked(std::string_view sql, const std::vector<clxs::Json>& params,
                             Scope* scope);
  void execScript(const std::string& sql, Scope* scope);
  [[noreturn]] void fail(const std::string& context, Scope* scope);
  class ScopeSet;
  static int authorize(void* self, int action, const char* a, const char* b, const char* db,
                       const char* trigger);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  // Recursive so that transaction() bodies can call query()/execute().
  std::recursive_mutex mu_;
  int txDepth_ = 0;
  Scope* scope_ = nullptr;
};

}  // namespace clxs::kernel
