// Requests as handlers see them and the responses they return.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/credentials.hpp"
#include "clxs/error.hpp"
#include "clxs/json.hpp"

namespace clxs {

class Workspace;

/// HTTP methods a route can answer.
enum class Method { Get, Post, Put, Patch, Delete };

/// Upper-case name of a method ("GET").
inline const char* methodName(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
  }
  return "GET";
}

/// Everything the kernel knows about a request, filled before the handler runs.
struct RequestParts {
  /// Method of the request.
  Method method = Method::Get;
  /// Path without the query string.
  std::string path;
  /// Path parameters by template name (`{catalog}` → "prod").
  std::map<std::string, std::string> pathParams;
  /// Query parameters after validation and defaults, as a JSON object.
  Json query = Json::object();
  /// Body after validation and defaults (an object), or null when the route takes none.
  Json body;
  /// Raw body bytes as received.
  std::string rawBody;
  /// Request headers, names lower-cased.
  std::map<std::string, std::string> headers;
  /// The id echoed in X-Request-Id and the access log.
  std::string requestId;
  /// Credentials, when already known (tests); otherwise credentialsResolver is used.
  std::optional<Credentials> credentials;
  /// Kernel hook that resolves credentials from the headers on first use (may throw
  /// HttpError 401).
  std::function<Credentials(const std::map<std::string, std::string>&)> credentialsResolver;
  /// Kernel hook that opens the workspace for given credentials.
  std::function<std::shared_ptr<Workspace>(const Credentials&)> workspaceResolver;
};

/// A validated request. Handlers read it; only the kernel builds it.
class Request {
 public:
  /// Wraps the parts the kernel filled.
  explicit Request(RequestParts parts) : p_(std::move(parts)) {}
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  /// HTTP method.
  [[nodiscard]] Method method() const { return p_.method; }
  /// Request path.
  [[nodiscard]] const std::string& path() const { return p_.path; }
  /// Path parameter by name; the route template guarantees it exists.
  [[nodiscard]] const std::string& param(const std::string& name) const {
    static const std::string kEmpty;
    auto it = p_.pathParams.find(name);
    return it == p_.pathParams.end() ? kEmpty : it->second;
  }
  /// Validated query parameters (declared ones, with defaults applied).
  [[nodiscard]] const Json& query() const { return p_.query; }
  /// Validated body with defaults applied (null when the route declares no model).
  [[nodiscard]] const Json& body() const { return p_.body; }
  /// Raw body as received.
  [[nodiscard]] const std::string& rawBody() const { return p_.rawBody; }
  /// Header value by case-insensitive name.
  [[nodiscard]] std::optional<std::string> header(const std::string& lowerName) const {
    auto it = p_.headers.find(lowerName);
    if (it == p_.headers.end()) return std::nullopt;
    return it->second;
  }
  /// The request id (also in X-Request-Id).
  [[nodiscard]] const std::string& requestId() const { return p_.requestId; }
  /// Credentials for this request, resolved on first use (headers, session, config,
  /// environment, profiles, else local). Throws HttpError 401 for a rejected session. Call it
  /// from the handler's thread.
  [[nodiscard]] const Credentials& credentials() const {
    if (!p_.credentials) {
      p_.credentials = p_.credentialsResolver ? p_.credentialsResolver(p_.headers) : Credentials{};
    }
    return *p_.credentials;
  }
  /// The workspace these credentials reach; throws HttpError (401/501/502) when it cannot
  /// be opened.
  [[nodiscard]] std::shared_ptr<Workspace> workspace() const {
    if (!p_.workspaceResolver) throw HttpError(501, "No workspace is available here");
    return p_.workspaceResolver(credentials());
  }

 private:
  mutable RequestParts p_;
};

/// The writing end of a streamed response (Server-Sent Events, long downloads): bytes go to
/// the client as they are written.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  /// Sends `bytes` now; false once the client has gone or reads too slowly (stop writing then).
  virtual bool write(const std::string& bytes) = 0;
  /// Whether the client has gone or the server is stopping.
  [[nodiscard]] virtual bool closed() const = 0;
};

/// Writes a streamed response's body after its head was sent; the response ends when it
/// returns. It runs on a handler thread and may take as long as the stream lasts.
using StreamWriter = std::function<void(ResponseStream&)>;

/// What a handler returns: JSON by default, or raw bytes (text, downloads), or a stream.
class Response {
 public:
  /// 200 with a JSON body.
  Response(Json body = Json::object()) : body_(std::move(body)) {}  // NOLINT: implicit on purpose

  /// A JSON response with a status.
  static Response json(Json body, int status = 200) {
    Response r(std::move(body));
    r.status_ = status;
    return r;
  }
  /// A raw response with a content type.
  static Response raw(std::string bytes, std::string contentType, int status = 200) {
    Response r;
    r.raw_ = std::move(bytes);
    r.contentType_ = std::move(contentType);
    r.status_ = status;
    return r;
  }
  /// A 200 whose body `writer` writes as it goes (no length; the connection ends with it),
  /// e.g. "text/event-stream". Validate the request before returning this: errors after the
  /// head can only end the stream. An exception in `writer` ends the stream.
  static Response stream(std::string contentType, StreamWriter writer) {
    Response r = raw({}, std::move(contentType));
    r.stream_ = [w = std::move(writer)](ResponseStream& out) noexcept {
      try {
        w(out);
      } catch (...) {  // the stream simply ends; nothing may cross into the kernel
      }
    };
    return r;
  }
  /// A download: raw bytes with Content-Disposition: attachment; filename="...".
  static Response download(std::string bytes, const std::string& filename,
                           std::string contentType) {
    Response r = raw(std::move(bytes), std::move(contentType));
    r.headers_.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return r;
  }
  /// An error response `{"detail": detail}`; the kernel adds the request id.
  static Response error(int status, Json detail) {
    Response r(Json{{"detail", std::move(detail)}});
    r.status_ = status;
    r.isError_ = true;
    return r;
  }

  /// Adds a response header.
  Response& header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  /// HTTP status.
  [[nodiscard]] int status() const { return status_; }
  /// JSON body (meaningless when isRaw()).
  [[nodiscard]] const Json& body() const { return body_; }
  /// Whether the body is raw bytes.
  [[nodiscard]] bool isRaw() const { return raw_.has_value(); }
  /// Whether the body is streamed by streamWriter() (a raw response with no bytes of its own).
  [[nodiscard]] bool isStream() const { return static_cast<bool>(stream_); }
  /// The writer of a streamed body.
  [[nodiscard]] const StreamWriter& streamWriter() const { return stream_; }
  /// Raw bytes.
  [[nodiscard]] const std::string& rawBytes() const { return *raw_; }
  /// Content type of a raw body.
  [[nodiscard]] const std::string& contentType() const { return contentType_; }
  /// Extra headers.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& headers() const {
    return headers_;
  }
  /// Whether this is an error answer.
  [[nodiscard]] bool isError() const { return isError_; }
  /// Marks the error as an unexpected failure (500) so the kernel logs it loudly.
  [[nodiscard]] bool isInternal() const { return internal_; }
  /// Marks an error response as internal (used by the handler guard).
  Response& markInternal() {
    internal_ = true;
    return *this;
  }

 private:
  int status_ = 200;
  Json body_;
  std::optional<std::string> raw_;
  StreamWriter stream_;
  std::string contentType_;
  std::vector<std::pair<std::string, std::string>> headers_;
  bool isError_ = false;
  bool internal_ = false;
};

}  // namespace clxs
