// The emulator's view of one HTTP exchange, independent of the HTTP library, so handlers
// can be unit-tested without a socket.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::kernel::emulator {

/// One request as the handlers see it.
struct EmulatorRequest {
  std::string method;                          ///< GET, POST, ...
  std::string rawPath;                         ///< path as sent (percent-encoded), no query
  std::map<std::string, std::string> query;    ///< decoded query parameters (last one wins)
  std::map<std::string, std::string> headers;  ///< header names lower-cased
  std::string body;                            ///< raw body
  std::string baseUrl;                         ///< http://host:port the client used
  bool loopback = true;                        ///< whether the peer is a loopback address

  /// A header value, or nullopt (`name` lower-case).
  [[nodiscard]] std::optional<std::string> header(const std::string& name) const;
  /// A query parameter, or nullopt.
  [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
  /// The body parsed as a JSON object (an empty body is `{}`); throws ApiError 400.
  [[nodiscard]] Json jsonBody() const;
};

/// One response.
struct EmulatorResponse {
  int status = 200;                              ///< HTTP status
  std::string contentType = "application/json";  ///< Content-Type (empty: none)
  std::map<std::string, std::string> headers;    ///< extra headers
  std::string body;                              ///< raw body
};

/// A request the emulator refuses: answered as {"error_code", "message"} with `status`.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  /// HTTP status.
  [[nodiscard]] int status() const { return status_; }
  /// Databricks error_code.
  [[nodiscard]] const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

/// A JSON response with status 200 (or `status`).
EmulatorResponse jsonResponse(const Json& body, int status = 200);
/// The Databricks error body {"error_code", "message"}.
EmulatorResponse errorResponse(int status, const std::string& code, const std::string& message);

/// A string field of a request body: nullopt when absent or null; throws ApiError 400
/// INVALID_PARAMETER_VALUE naming the field when it is not a string.
std::optional<std::string> stringField(const Json& body, const std::string& field);
/// A string field that must be present and not empty; throws ApiError 400 naming it.
std::string requiredStringField(const Json& body, const std::string& field);

/// Decodes %XX escapes (and `+` as space when `plusIsSpace`); throws ApiError 400 on a bad
/// escape.
std::string percentDecode(std::string_view text, bool plusIsSpace = false);
/// Splits a query string into decoded key/value pairs.
std::map<std::string, std::string> parseQuery(std::string_view query);
/// Splits a raw path into its decoded segments ("/a/b%20c" → {"a", "b c"}); empty segments
/// are dropped.
std::vector<std::string> pathSegments(std::string_view rawPath);

}  // namespace clxs::kernel::emulator
