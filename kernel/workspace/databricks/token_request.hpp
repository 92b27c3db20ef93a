// What the OAuth token sources share: sending a token-endpoint request with the SDKs' token
// retry rule (up to a minute on 429/502/503/504 and network failures, honouring
// Retry-After), reading the token answer, and the Basic credentials header.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

/// How token requests are sent; tests pin the clock and skip the waits.
struct TokenFetchOptions {
  std::chrono::seconds retryFor{60};                           ///< retry window of one fetch
  TransportTimeouts timeouts;                                  ///< per request
  std::function<void(std::chrono::milliseconds)> sleep;        ///< null: real sleep
  std::function<double()> jitter;                              ///< [0,1); null: random
  std::function<std::chrono::steady_clock::time_point()> now;  ///< null: steady clock

  /// The current time by `now` or the steady clock.
  [[nodiscard]] std::chrono::steady_clock::time_point clock() const {
    return now ? now() : std::chrono::steady_clock::now();
  }
};

/// An access token as the endpoint gave it.
struct AccessToken {
  std::string type = "Bearer";                   ///< token_type
  std::string value;                             ///< access_token (secret)
  std::chrono::seconds ttl{0};                   ///< expires_in
  std::chrono::steady_clock::time_point expiry;  ///< when it stops working
};

/// Sends `request`, retrying as the SDKs retry token fetches; returns a 2xx answer. Any
/// other answer throws WorkspaceError Unauthenticated whose message is `what` and the
/// endpoint's `{error, error_description}` (or other error text) with `secret` scrubbed;
/// cancellation and the caller's deadline throw Cancelled and Timeout.
HttpResponse sendTokenRequest(HttpTransport& transport, const HttpRequest& request,
                              const TokenFetchOptions& options, const CallOptions& call,
                              const std::string& what, const std::string& secret);

/// Reads `{access_token, token_type, expires_in}` (expires_in a number or a numeric string;
/// one hour when absent). Throws WorkspaceError Unauthenticated when there is no token.
AccessToken readAccessToken(const HttpResponse& response, std::chrono::steady_clock::time_point now,
                            const std::string& what);

/// "Basic <base64(user:password)>".
std::string basicAuthorization(const std::string& user, const std::string& password);

/// Replaces every occurrence of `secret` (when not empty) in `text` with "****".
std::string scrubSecret(std::string text, const std::string& secret);

}  // namespace clxs::kernel::databricks
