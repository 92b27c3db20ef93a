#include "kernel/workspace/local/engine/duckdb_engine.hpp"

#include <duckdb.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <optional>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_functions.hpp"

namespace clxs::kernel {

struct DuckDbEngine::Handle {
  duckdb_database db = nullptr;
  ~Handle() {
    if (db != nullptr) duckdb_close(&db);
  }
};

struct DuckDbConnection::Handle {
  duckdb_connection conn = nullptr;
  std::atomic<bool> interrupted{false};
  std::string zone = "UTC";
  ~Handle() {
    if (conn != nullptr) duckdb_disconnect(&conn);
  }
};

DuckDbEngine::DuckDbEngine(const std::filesystem::path& file) : db_(std::make_unique<Handle>()) {
  char* error = nullptr;
  const std::string path = file.string();
  if (duckdb_open_ext(path.empty() ? nullptr : path.c_str(), &db_->db, nullptr, &error) !=
      DuckDBSuccess) {
    const std::string message = error == nullptr ? "unknown error" : error;
    duckdb_free(error);
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         "cannot open the DuckDB database" +
                             (path.empty() ? std::string() : " '" + path + "'") + ": " + message);
  }
  duckdb_connection conn = nullptr;
  if (duckdb_connect(db_->db, &conn) != DuckDBSuccess) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable, "cannot connect to DuckDB");
  }
  struct Disconnect {
    duckdb_connection* c;
    ~Disconnect() { duckdb_disconnect(c); }
  } disconnect{&conn};
  registerEngineFunctions(conn);
}

DuckDbEngine::~DuckDbEngine() = default;

std::unique_ptr<DuckDbConnection> DuckDbEngine::connect() {
  auto h = std::make_unique<DuckDbConnection::Handle>();
  if (duckdb_connect(db_->db, &h->conn) != DuckDBSuccess) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable, "cannot connect to DuckDB");
  }
  return std::unique_ptr<DuckDbConnection>(
      new DuckDbConnection(std::move(h)));  // NOLINT: private ctor
}

std::string DuckDbEngine::version() {
  return duckdb_library_version();
}

DuckDbConnection::DuckDbConnection(std::unique_ptr<Handle> h) : h_(std::move(h)) {}
DuckDbConnection::~DuckDbConnection() = default;

void DuckDbConnection::interrupt() {
  h_->interrupted = true;
  duckdb_interrupt(h_->conn);
}

void DuckDbConnection::setTimeZone(const std::string& zone) {
  if (zone == h_->zone) return;
  duckdb_result result;
  const std::string sql = "SET TimeZone = " + duckdbLiteral(zone);
  const bool ok = duckdb_query(h_->conn, sql.c_str(), &result) == DuckDBSuccess;
  duckdb_destroy_result(&result);
  if (!ok) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "the engine does not know the time zone '" + zone + "'");
  }
  h_->zone = zone;
}

const std::string& DuckDbConnection::timeZone() const {
  return h_->zone;
}

namespace {

// Reads a result (or turns its failure into a WorkspaceError), and destroys it.
ResultSet takeResult(duckdb_result& result, bool ok, bool interrupted);

// A prepared statement, released on every way out.
struct Prepared {
  duckdb_prepared_statement stmt = nullptr;
  bool ok = false;
  Prepared(duckdb_connection conn, const std::string& sql)
      : ok(duckdb_prepare(conn, sql.c_str(), &stmt) == DuckDBSuccess) {}
  ~Prepared() { duckdb_destroy_prepare(&stmt); }
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;
};

// The engine's spelling of `type` with every TIMESTAMP WITH TIME ZONE inside it (an array's
// element, a struct's field, a map's key or value) made a TIMESTAMP; nothing when it holds
// none, or a type this cannot spell.
std::optional<std::string> wallClockType(duckdb_logical_type type) {
  bool zoned = false;
  const std::function<std::optional<std::string>(duckdb_logical_type)> spell =
      [&](duckdb_logical_type t) -> std::optional<std::string> {
    switch (duckdb_get_type_id(t)) {
      case DUCKDB_TYPE_TIMESTAMP_TZ:
        zoned = true;
        return "TIMESTAMP";
      case DUCKDB_TYPE_BOOLEAN:
        return "BOOLEAN";
      case DUCKDB_TYPE_TINYINT:
        return "TINYINT";
      case DUCKDB_TYPE_SMALLINT:
        return "SMALLINT";
      case DUCKDB_TYPE_INTEGER:
        return "INTEGER";
      case DUCKDB_TYPE_BIGINT:
        return "BIGINT";
      case DUCKDB_TYPE_HUGEINT:
        return "HUGEINT";
      case DUCKDB_TYPE_FLOAT:
        return "FLOAT";
      case DUCKDB_TYPE_DOUBLE:
        return "DOUBLE";
      case DUCKDB_TYPE_DECIMAL:
        return "DECIMAL(" + std::to_string(duckdb_decimal_width(t)) + ", " +
               std::to_string(duckdb_decimal_scale(t)) + ")";
      case DUCKDB_TYPE_VARCHAR:
        return "VARCHAR";
      case DUCKDB_TYPE_BLOB:
        return "BLOB";
      case DUCKDB_TYPE_DATE:
        return "DATE";
      case DUCKDB_TYPE_TIME:
        return "TIME";
      case DUCKDB_TYPE_TIMESTAMP:
        return "TIMESTAMP";
      case DUCKDB_TYPE_INTERVAL:
        return "INTERVAL";
      case DUCKDB_TYPE_UUID:
        return "UUID";
      case DUCKDB_TYPE_LIST: {
        const TypeHandle child(duckdb_list_type_child_type(t));
        const auto c = spell(child.get());
        return c ? std::optional<std::string>(*c + "[]") : std::nullopt;
      }
      case DUCKDB_TYPE_ARRAY: {
        const TypeHandle child(duckdb_array_type_child_type(t));
        const auto c = spell(child.get());
        if (!c) return std::nullopt;
        return *c + "[" + std::to_string(duckdb_array_type_array_size(t)) + "]";
      }
      case DUCKDB_TYPE_MAP: {
        const TypeHandle key(duckdb_map_type_key_type(t));
        const TypeHandle value(duckdb_map_type_value_type(t));
        const auto k = spell(key.get());
        const auto v = spell(value.get());
        if (!k || !v) return std::nullopt;
        return "MAP(" + *k + ", " + *v + ")";
      }
      case DUCKDB_TYPE_STRUCT: {
        std::string out = "STRUCT(";
        for (idx_t i = 0; i < duckdb_struct_type_child_count(t); ++i) {
          char* name = duckdb_struct_type_child_name(t, i);
          const std::string field = duckdbIdentifier(name);
          duckdb_free(name);
          const TypeHandle child(duckdb_struct_type_child_type(t, i));
          const auto c = spell(child.get());
          if (!c) return std::nullopt;
          out += (i == 0 ? "" : ", ") + field + " " + *c;
        }
        return out + ")";
      }
      default:
        return std::nullopt;
    }
  };
  const auto spelled = spell(type);
  if (!spelled || !zoned) return std::nullopt;
  return spelled;
}

// The query with its TIMESTAMP WITH TIME ZONE columns cast to the wall clock of the
// connection's time zone (DuckDB keeps instants). Columns are renamed by position, so duplicate
// names survive; `zoned` gets the indexes of the cast columns and `names` every column's name.
// Empty when no column needs it.
std::string wallClockQuery(duckdb_prepared_statement stmt, const std::string& sql,
                           std::vector<idx_t>& zoned, std::vector<std::string>& names) {
  const idx_t cols = duckdb_prepared_statement_column_count(stmt);
  std::string select;
  std::string aliases;
  for (idx_t c = 0; c < cols; ++c) {
    const std::string alias = "__clxs_c" + std::to_string(c);
    // The name is the caller's copy, freed with duckdb_free.
    const char* name = duckdb_prepared_statement_column_name(stmt, c);
    names.emplace_back(name == nullptr ? "" : name);
    duckdb_free(const_cast<char*>(name));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    const TypeHandle type(duckdb_prepared_statement_column_logical_type(stmt, c));
    const auto wall = wallClockType(type.get());
    if (wall) zoned.push_back(c);
    select += (c == 0 ? "" : ", ") + (wall ? "CAST(" + alias + " AS " + *wall + ")" : alias);
    aliases += (c == 0 ? "" : ", ") + alias;
  }
  if (zoned.empty()) return {};
  std::string inner = sql;
  while (!inner.empty() &&
         (inner.back() == ';' || std::isspace(static_cast<unsigned char>(inner.back())))) {
    inner.pop_back();
  }
  return "SELECT " + select + " FROM (" + inner + ") AS __clxs_q(" + aliases + ")";
}

}  // namespace

bool DuckDbConnection::prepares(const std::string& sql) {
  const Prepared prepared(h_->conn, sql);
  return prepared.ok;
}

ResultSet DuckDbConnection::query(std::string_view sql, bool wallClock) {
  h_->interrupted = false;
  std::string text(sql);
  if (!wallClock) return run(text);
  const Prepared prepared(h_->conn, text);
  if (!prepared.ok ||
      duckdb_prepared_statement_type(prepared.stmt) != DUCKDB_STATEMENT_TYPE_SELECT) {
    return run(text);  // the engine's error, or a statement that returns no times
  }
  std::vector<idx_t> zoned;
  std::vector<std::string> names;
  const std::string wrapped = wallClockQuery(prepared.stmt, text, zoned, names);
  if (wrapped.empty()) {
    // Nothing to cast: the statement is already planned.
    duckdb_result result;
    const bool ok = duckdb_execute_prepared(prepared.stmt, &result) == DuckDBSuccess;
    return takeResult(result, ok, h_->interrupted);
  }
  ResultSet out = run(wrapped);
  for (std::size_t c = 0; c < out.columns.size() && c < names.size(); ++c) {
    out.columns[c].name = names[c];
  }
  for (idx_t c : zoned) {
    // The column keeps its Databricks type (TIMESTAMP, not the wall clock's TIMESTAMP_NTZ).
    const TypeHandle type(duckdb_prepared_statement_column_logical_type(prepared.stmt, c));
    if (c < out.columns.size()) out.columns[c].type = databricksTypeOf(type.get());
  }
  return out;
}

ResultSet DuckDbConnection::run(const std::string& text) {
  duckdb_result result;
  const bool ok = duckdb_query(h_->conn, text.c_str(), &result) == DuckDBSuccess;
  return takeResult(result, ok, h_->interrupted);
}

namespace {

ResultSet takeResult(duckdb_result& result, bool ok, bool interrupted) {
  struct Release {
    duckdb_result* r;
    ~Release() { duckdb_destroy_result(r); }
  } release{&result};
  if (!ok) {
    const char* err = duckdb_result_error(&result);
    const std::string message = err == nullptr ? "query failed" : err;
    if (interrupted) {
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, "statement cancelled: " + message);
    }
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql, message);
  }
  ResultSet out;
  const idx_t cols = duckdb_column_count(&result);
  const idx_t rows = duckdb_row_count(&result);
  for (idx_t c = 0; c < cols; ++c) {
    // One naming at every depth: INT, ARRAY<INT>, MAP<STRING, INT>, STRUCT<a: INT>.
    duckdb_logical_type t = duckdb_column_logical_type(&result, c);
    out.columns.push_back({duckdb_column_name(&result, c), databricksTypeOf(t)});
    duckdb_destroy_logical_type(&t);
  }
  // Every value is read from the result's vectors: the row-by-row value API has no
  // representation for arrays, maps and structs, and the two cannot be mixed on one result.
  out.rows.assign(rows, std::vector<Json>(cols));
  idx_t base = 0;
  const idx_t chunks = duckdb_result_chunk_count(result);
  for (idx_t k = 0; k < chunks && base < rows; ++k) {
    duckdb_data_chunk chunk = duckdb_result_get_chunk(result, k);
    if (chunk == nullptr) break;
    // Released on every way out: reading a value can throw (a sum beyond BIGINT).
    struct ReleaseChunk {
      duckdb_data_chunk* c;
      ~ReleaseChunk() { duckdb_destroy_data_chunk(c); }
    } releaseChunk{&chunk};
    const idx_t n = duckdb_data_chunk_get_size(chunk);
    for (idx_t c = 0; c < cols; ++c) {
      duckdb_vector vector = duckdb_data_chunk_get_vector(chunk, c);
      for (idx_t r = 0; r < n && base + r < rows; ++r) {
        out.rows[base + r][c] = vectorValue(vector, r);
      }
    }
    base += n;
  }
  return out;
}

}  // namespace

std::string duckdbLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

std::string duckdbIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace clxs::kernel
