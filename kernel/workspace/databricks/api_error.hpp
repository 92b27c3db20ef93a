// The error answers of the Databricks REST API in every shape the workspace sends them, and
// their mapping onto the Workspace port's error classes.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

/// A non-2xx answer, read.
struct ApiError {
  int status = 0;         ///< HTTP status
  std::string errorCode;  ///< e.g. RESOURCE_DOES_NOT_EXIST, SCIM_404, or the reason phrase
  std::string message;    ///< as the workspace wrote it (never empty)
  /// Seconds to wait before retrying: the integer Retry-After header, else 1 s for 429/503;
  /// unset for other statuses.
  std::optional<std::chrono::seconds> retryAfter;
  bool retryAfterGiven = false;  ///< the answer carried a valid Retry-After header
};

/// Reads an error answer: `{error_code, message, details}` (error_code string or number),
/// `{error, error_description}`, old `{error}`, SCIM `{detail, status, scimType}` (code
/// SCIM_<status>), plain text `CODE: message`, an HTML page (text of <pre> or <title>, the
/// reason phrase as code) or an empty body (the reason phrase as message).
ApiError parseApiError(const HttpResponse& response);

/// The error class of a REST error: by status (a REST 400 is InvalidSql, the port having no
/// separate bad-request class; 429/500/502/503 Remote, 501 Unavailable, 504 Timeout, 499
/// Cancelled), overridden by not-found, already-exists, ABORTED, PERMISSION_DENIED and
/// UNAUTHENTICATED error codes.
WorkspaceErrorClass errorClassFor(const ApiError& error);

/// The error class of a FAILED statement from its `{error_code, message}`: the Spark error
/// class in brackets at the start of the message when there is one, else the error code.
/// Concurrent-write failures (DELTA_CONCURRENT_*, ConcurrentAppend...) are Conflict.
WorkspaceErrorClass statementErrorClass(const std::string& errorCode, const std::string& message);

}  // namespace clxs::kernel::databricks
