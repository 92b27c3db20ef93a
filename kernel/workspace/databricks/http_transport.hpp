// The lowest layer of the Databricks client: one HTTP exchange, no retries, no auth. The
// client above it decides what to retry; contract tests replace it with recorded answers.
#pragma once

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace clxs::kernel::databricks {

/// One HTTP request. `url` is absolute (scheme, host, port, path and query).
struct HttpRequest {
  std::string method;                                        ///< GET, POST, PUT, PATCH, ...
  std::string url;                                           ///< absolute URL
  std::vector<std::pair<std::string, std::string>> headers;  ///< in the order sent
  std::string body;                                          ///< empty: no body
};

/// One HTTP answer.
struct HttpResponse {
  int status = 0;                              ///< HTTP status code
  std::string reason;                          ///< reason phrase
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;                            ///< raw body
};

/// Why an exchange produced no HTTP answer.
enum class TransportFailure {
  ConnectFailed,  ///< refused, unreachable, DNS: the request was never sent
  Reset,          ///< the connection broke after sending (the request may have run)
  Timeout,        ///< no answer within the inactivity timeout
  Tls,            ///< TLS handshake or certificate failure
  Refused,        ///< the client refuses the URL (plain HTTP to a non-loopback host)
};

/// An exchange that produced no HTTP answer. The message never holds a header value.
class TransportError : public std::runtime_error {
 public:
  TransportError(TransportFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  /// What went wrong.
  [[nodiscard]] TransportFailure failure() const { return failure_; }

 private:
  TransportFailure failure_;
};

/// Timeouts of one exchange.
struct TransportTimeouts {
  std::chrono::milliseconds connect{10'000};     ///< TCP + TLS connect
  std::chrono::milliseconds inactivity{60'000};  ///< between bytes once connected
};

/// Sends HTTP requests. Implementations are thread-safe.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Sends `request` and returns the answer, whatever its status; throws TransportError when
  /// there is none. Redirects are not followed.
  virtual HttpResponse send(const HttpRequest& request, const TransportTimeouts& timeouts) = 0;
};

}  // namespace clxs::kernel::databricks
