// The local workspace's SQL engine: DuckDB through its C API.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "clxs/workspace.hpp"

namespace clxs::kernel {

class DuckDbConnection;

/// One DuckDB database (in memory, or a file). Thread-safe: each thread that runs
/// statements takes its own connection.
class DuckDbEngine {
 public:
  /// Opens an in-memory database when `file` is empty.
  explicit DuckDbEngine(const std::filesystem::path& file = {});
  ~DuckDbEngine();
  DuckDbEngine(const DuckDbEngine&) = delete;
  DuckDbEngine& operator=(const DuckDbEngine&) = delete;

  /// A new connection to this database.
  [[nodiscard]] std::unique_ptr<DuckDbConnection> connect();
  /// DuckDB's library version ("v1.4.4").
  [[nodiscard]] static std::string version();

 private:
  struct Handle;
  std::unique_ptr<Handle> db_;
};

/// A connection; use it from one thread at a time.
class DuckDbConnection {
 public:
  ~DuckDbConnection();
  DuckDbConnection(const DuckDbConnection&) = delete;
  DuckDbConnection& operator=(const DuckDbConnection&) = delete;

  /// Runs one statement (DuckDB's dialect) and returns its rows with Databricks type names.
  /// Engine errors become WorkspaceError (InvalidSql; Cancelled after interrupt()).
  ResultSet query(std::string_view sql);
  /// Interrupts the statement running on this connection (safe from another thread).
  void interrupt();

 private:
  friend class DuckDbEngine;
  struct Handle;
  explicit DuckDbConnection(std::unique_ptr<Handle> h);
  std::unique_ptr<Handle> h_;
};

/// Databricks SQL name of a DuckDB type name (INTEGER → INT, VARCHAR → STRING, ...).
std::string databricksTypeName(std::string_view duckdbType);

}  // namespace clxs::kernel
