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
  /// With `wallClock`, TIMESTAMP results come back as wall-clock text of the connection's
  /// time zone (`2024-01-31 10:00:00`, as Spark's SQL shell shows them) instead of ISO-8601
  /// instants (`2024-01-31T18:00:00Z`, as the Statement Execution API carries them).
  ResultSet query(std::string_view sql, bool wallClock = false);
  /// Whether the engine prepares `sql` (binds every name and type) without an error. Nothing
  /// runs; the type probe (functions/type_probe.hpp) records what the binder saw.
  [[nodiscard]] bool prepares(const std::string& sql);
  /// Interrupts the statement running on this connection (safe from another thread).
  void interrupt();
  /// Makes `zone` (an IANA name such as "America/Los_Angeles", or "UTC") the time zone that
  /// statements read and show times in; TIMESTAMP results are then shown as wall-clock times
  /// of that zone. Throws WorkspaceError (InvalidSql) for a zone the engine does not know;
  /// the connection keeps its zone then.
  void setTimeZone(const std::string& zone);
  /// The zone set last ("UTC" on a new connection).
  [[nodiscard]] const std::string& timeZone() const;

 private:
  friend class DuckDbEngine;
  struct Handle;
  explicit DuckDbConnection(std::unique_ptr<Handle> h);
  ResultSet run(const std::string& text);
  std::unique_ptr<Handle> h_;
};

/// A DuckDB string literal ('' doubles quotes).
std::string duckdbLiteral(std::string_view text);
/// A DuckDB quoted identifier ("" doubles quotes).
std::string duckdbIdentifier(std::string_view name);

}  // namespace clxs::kernel
