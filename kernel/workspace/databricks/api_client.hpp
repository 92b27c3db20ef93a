// Calls the Databricks REST API: auth header, client-side rate limit, retries as the
// official SDKs do, and the error model mapped onto the Workspace port's error classes.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

class TokenSource;

/// Whether a request may be sent again after a failure that leaves its fate unknown.
enum class Idempotency {
  Idempotent,     ///< GET/HEAD/DELETE and PUT/PATCH of state: retried on every retryable failure
  NonIdempotent,  ///< e.g. POST /api/2.0/sql/statements: retried only when it surely did not
                  ///< run (connect failure, 429, 503)
};

/// One API call. `path` starts with "/" and is joined to the host; query values are
/// percent-encoded by the client.
struct ApiRequest {
  std::string method = "GET";                              ///< HTTP method
  std::string path;                                        ///< e.g. /api/2.1/unity-catalog/tables
  std::vector<std::pair<std::string, std::string>> query;  ///< repeated keys allowed
  std::optional<Json> json;                                ///< JSON body (POST/PATCH/PUT)
  std::optional<std::string> rawBody;                      ///< octet-stream body (Files API)
  Idempotency idempotency = Idempotency::Idempotent;       ///< retry rule
  std::string label;  ///< names the call in retry messages, e.g. "list tables"
};

/// Client settings (config `databricks:` block and ~/.databrickscfg keys of the same names).
struct ApiClientOptions {
  TransportTimeouts timeouts;                            ///< http_timeout_seconds
  std::chrono::seconds retryBudget{300};                 ///< retry_timeout_seconds
  double rateLimit = 15.0;                               ///< requests per second (rate_limit)
  std::string userAgent = "clxs";                        ///< product pair first
  std::function<double()> jitter;                        ///< [0,1); tests pin it (null: random)
  std::function<void(std::chrono::milliseconds)> sleep;  ///< tests skip waits (null: real)
};

/// A REST client for one workspace host and one identity. Thread-safe.
class ApiClient {
 public:
  /// `host` is normalised (scheme added, trailing slash removed); plain http:// is allowed
  /// only for loopback hosts.
  ApiClient(const std::string& host, std::shared_ptr<TokenSource> tokens,
            std::shared_ptr<HttpTransport> transport, ApiClientOptions options = {});
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  /// The workspace URL.
  [[nodiscard]] const std::string& host() const;

  /// Sends `request` with retries; returns the 2xx answer. A non-2xx answer after retries
  /// throws WorkspaceError with the class of its status and error_code, the message taken
  /// from the body (`{error_code, message}`, `{error}`, SCIM, plain text or HTML). Every
  /// retry is reported to `options.onRetry`. Honours `options.cancel` and `options.deadline`.
  HttpResponse send(const ApiRequest& request, const CallOptions& options);
  /// send() and parse the body as JSON (an empty body is `{}`).
  Json call(const ApiRequest& request, const CallOptions& options);
  /// GET of a list: follows `next_page_token` (sending `page_token`) until it is absent or
  /// empty, empty pages included, and concatenates the arrays under `field`.
  Json list(ApiRequest request, const std::string& field, const CallOptions& options);
  /// Downloads a pre-signed URL (EXTERNAL_LINKS) without the Authorization header, adding
  /// `headers`; retried like an idempotent call. Never logs the URL.
  std::string download(const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& headers,
                       const CallOptions& options);

  /// Retries made since construction (all calls).
  [[nodiscard]] long retries() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clxs::kernel::databricks
