// What the workspace services exchange: errors, call options, results and the metadata records.
#pragma once

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/cancellation.hpp"
#include "clxs/error.hpp"
#include "clxs/json.hpp"
#include "clxs/visibility.hpp"

namespace clxs {

/// Error classes shared by every workspace implementation.
enum class WorkspaceErrorClass {
  NotFound,          ///< 404: the catalog/schema/table/... does not exist
  PermissionDenied,  ///< 403
  InvalidSql,        ///< 400: syntax or analysis error in SQL
  Conflict,          ///< 409: exists already, concurrent write
  Unavailable,       ///< 501: the service has no counterpart on this workspace
  Unauthenticated,   ///< 401: credentials missing or rejected
  Remote,            ///< 502: the workspace failed
  Timeout,           ///< 504: deadline passed
  Cancelled,         ///< the caller cancelled
};

/// HTTP status for an error class.
inline int statusFor(WorkspaceErrorClass c) {
  switch (c) {
    case WorkspaceErrorClass::NotFound:
      return 404;
    case WorkspaceErrorClass::PermissionDenied:
      return 403;
    case WorkspaceErrorClass::InvalidSql:
      return 400;
    case WorkspaceErrorClass::Conflict:
      return 409;
    case WorkspaceErrorClass::Unavailable:
      return 501;
    case WorkspaceErrorClass::Unauthenticated:
      return 401;
    case WorkspaceErrorClass::Remote:
      return 502;
    case WorkspaceErrorClass::Timeout:
      return 504;
    case WorkspaceErrorClass::Cancelled:
      return 499;
  }
  return 502;
}

/// A workspace failure; an HttpError so an unhandled one answers with the right status.
class CLXS_VISIBLE WorkspaceError : public HttpError {
 public:
  /// An error of class `c`.
  WorkspaceError(WorkspaceErrorClass c, const std::string& message)
      : HttpError(statusFor(c), message), class_(c) {}
  /// The error class.
  [[nodiscard]] WorkspaceErrorClass errorClass() const { return class_; }
  /// Whether the error stops the caller's whole work, not one item of it: the call was
  /// cancelled or ran out of time, so a loop over tables must not go on to the next.
  [[nodiscard]] bool interrupts() const {
    return class_ == WorkspaceErrorClass::Cancelled || class_ == WorkspaceErrorClass::Timeout;
  }

 private:
  WorkspaceErrorClass class_;
};

/// Per-call options: cancellation, deadline and warehouse.
struct CallOptions {
  /// Checked between steps and forwarded to remote statement cancellation (may be null).
  const CancellationToken* cancel = nullptr;
  /// Absolute deadline; the call fails with Timeout after it.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  /// SQL warehouse to run on (Databricks); ignored locally.
  std::string warehouseId;
  /// Told once per retried remote request, with a message that names the call and the
  /// reason but no secret, so a job can log and count retries (may be empty).
  std::function<void(const std::string& message)> onRetry;
};

/// A named statement parameter (`:name` in the SQL text).
struct SqlParam {
  /// Name without the colon.
  std::string name;
  /// Value (string, number, boolean or null).
  Json value;
};

/// One result column.
struct ResultColumn {
  /// Column name.
  std::string name;
  /// Databricks SQL type name (STRING, BIGINT, ...).
  std::string type;
};

/// A typed result set.
struct ResultSet {
  /// Columns in order.
  std::vector<ResultColumn> columns;
  /// Rows; each row has one value per column.
  std::vector<std::vector<Json>> rows;

  /// Position of the column called `name` (ASCII case ignored), or nullopt.
  [[nodiscard]] std::optional<std::size_t> columnIndex(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& c = columns[i].name;
      if (c.size() == name.size() &&
          std::equal(c.begin(), c.end(), name.begin(), [](unsigned char x, unsigned char y) {
            return std::tolower(x) == std::tolower(y);
          })) {
        return i;
      }
    }
    return std::nullopt;
  }
  /// Rows as objects keyed by column name.
  [[nodiscard]] Json objects() const {
    Json out = Json::array();
    for (const auto& row : rows) {
      Json o = Json::object();
      for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i)
        o[columns[i].name] = row[i];
      out.push_back(std::move(o));
    }
    return out;
  }
};

/// A catalog.
struct CatalogInfo {
  std::string name;     ///< catalog name
  std::string comment;  ///< comment (may be empty)
  std::string owner;    ///< owner principal
};

/// A schema.
struct SchemaInfo {
  std::string catalog;  ///< parent catalog
  std::string name;     ///< schema name
  std::string comment;  ///< comment (may be empty)
  std::string owner;    ///< owner principal
};

/// A column of a table.
struct ColumnInfo {
  std::string name;      ///< column name
  std::string type;      ///< Databricks type text
  bool nullable = true;  ///< whether NULLs are allowed
  std::string comment;   ///< comment (may be empty)
};

/// One version in a Delta table's history.
struct HistoryEntry {
  std::int64_t version = 0;                   ///< table version
  std::string timestamp;                      ///< commit time (ISO-8601 UTC)
  std::string userName;                       ///< who committed it
  std::string operation;                      ///< WRITE, MERGE, CLONE, RESTORE, ...
  Json operationParameters = Json::object();  ///< operation parameters
  Json operationMetrics = Json::object();     ///< operation metrics
};

/// A table or view.
struct TableInfo {
  std::string catalog;                    ///< catalog
  std::string schema;                     ///< schema
  std::string name;                       ///< table name
  std::string tableType;                  ///< MANAGED, EXTERNAL, VIEW, ...
  std::string format;                     ///< DELTA, PARQUET, ... (empty for views)
  std::string owner;                      ///< owner principal
  std::string comment;                    ///< comment
  std::vector<ColumnInfo> columns;        ///< columns in order
  std::optional<std::int64_t> sizeBytes;  ///< storage size when known
  /// Exact row count when the listing knows it without a scan (the local workspace sums the
  /// Delta statistics of the live files, less deleted rows); absent otherwise.
  std::optional<std::int64_t> rowCount;
  std::string location;              ///< storage location (empty for views)
  Json properties = Json::object();  ///< table properties (TBLPROPERTIES)
  std::string viewText;              ///< view definition (views only)
  /// The newest commit of a Delta table when the listing knows it without another call (the
  /// local workspace does; Unity Catalog's REST listing does not). Callers that need it
  /// read history() when it is absent.
  std::optional<HistoryEntry> latestCommit;
};

/// A table's name and type, as a catalog-wide listing gives them (no columns).
struct TableSummary {
  std::string catalog;    ///< catalog
  std::string schema;     ///< schema
  std::string name;       ///< table name
  std::string tableType;  ///< MANAGED, EXTERNAL, VIEW, ...
};

/// A SQL function.
struct FunctionInfo {
  std::string catalog;              ///< catalog
  std::string schema;               ///< schema
  std::string name;                 ///< function name
  std::string returnType;           ///< Databricks type of the result
  std::string body;                 ///< routine definition (the RETURN expression)
  std::string owner;                ///< owner principal
  std::string comment;              ///< comment
  Json parameters = Json::array();  ///< [{"name", "type"}...] when known
};

/// A volume.
struct VolumeInfo {
  std::string catalog;          ///< catalog
  std::string schema;           ///< schema
  std::string name;             ///< volume name
  std::string volumeType;       ///< MANAGED or EXTERNAL
  std::string storageLocation;  ///< where its files live
  std::string owner;            ///< owner principal
  std::string comment;          ///< comment
};

/// One privilege held by one principal on a securable.
struct GrantInfo {
  std::string principal;   ///< user, group or service principal
  std::string privilege;   ///< SELECT, MODIFY, USE CATALOG, ...
  std::string objectType;  ///< CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION
  std::string objectName;  ///< full name of the securable
};

/// One tag on a securable or on one of its columns.
struct TagInfo {
  std::string column;  ///< column name for column tags, else empty
  std::string key;     ///< tag name
  std::string value;   ///< tag value (may be empty)
};

/// A file or directory in a volume, as the Files API lists it.
struct FileEntry {
  std::string path;          ///< full path, /Volumes/<catalog>/<schema>/<volume>/...
  bool isDirectory = false;  ///< whether it is a directory
  std::int64_t size = 0;     ///< bytes (0 for directories)
};

/// A SQL warehouse.
struct WarehouseInfo {
  std::string id;     ///< warehouse id
  std::string name;   ///< display name
  std::string size;   ///< cluster size label
  std::string state;  ///< RUNNING, STOPPED, ...
  std::string type;   ///< SERVERLESS, PRO, CLASSIC
};

/// The SQL warehouse statements run on (SqlService::warehouse()).
struct WarehouseChoice {
  std::string id;        ///< warehouse id; empty on a workspace without warehouses (local)
  std::string name;      ///< its display name, when known
  bool onlyOne = false;  ///< chosen because it is the workspace's only warehouse
};

/// Unity Catalog securables that the REST API lists without a SQL warehouse.
enum class SecurableKind {
  ExternalLocations,   ///< external locations (`name`, `url`, `credential_name`, ...)
  StorageCredentials,  ///< storage credentials (`name`, `read_only`, one credential block)
  Connections,         ///< Lakehouse Federation connections (`name`, `connection_type`, ...)
  RegisteredModels,    ///< UC registered models (`name`, `catalog_name`, `schema_name`, ...)
  Shares,              ///< Delta Sharing shares (`name`, `owner`, `comment`, ...)
  Recipients,          ///< Delta Sharing recipients (`name`, `authentication_type`, ...)
};

/// The REST path segment of a kind under /api/2.1/unity-catalog ("external-locations", ...).
inline const char* securablePath(SecurableKind kind) {
  switch (kind) {
    case SecurableKind::ExternalLocations:
      return "external-locations";
    case SecurableKind::StorageCredentials:
      return "storage-credentials";
    case SecurableKind::Connections:
      return "connections";
    case SecurableKind::RegisteredModels:
      return "models";
    case SecurableKind::Shares:
      return "shares";
    case SecurableKind::Recipients:
      return "recipients";
  }
  return "";
}

/// A securable that grants are read on, checked.
struct GrantTarget {
  std::string type;                ///< CATALOG, SCHEMA, TABLE, VIEW, VOLUME or FUNCTION
  std::vector<std::string> parts;  ///< its name's parts, unquoted
};

/// Checks `objectType` (any case) and `fullName` (dotted, quoted or not) for a grants call:
/// HttpError 422 for another type or a name with the wrong number of parts.
GrantTarget grantTarget(const std::string& objectType, const std::string& fullName);

/// Orders grants by principal, then from the outermost securable (catalog, schema, object),
/// then privilege: the order effectiveGrants() answers in on every workspace.
void sortGrants(std::vector<GrantInfo>& grants);

}  // namespace clxs
