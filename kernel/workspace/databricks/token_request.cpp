#include "kernel/workspace/databricks/token_request.hpp"

#include <charconv>
#include <optional>

#include "clxs/json.hpp"
#include "kernel/workspace/databricks/api_error.hpp"
#include "kernel/workspace/databricks/api_retry_policy.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr std::chrono::seconds kDefaultTtl{3600};

bool retryableStatus(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

bool retryableFailure(TransportFailure f) {
  return f == TransportFailure::ConnectFailed || f == TransportFailure::Reset ||
         f == TransportFailure::Timeout;
}

[[noreturn]] void throwInterrupted(const CallOptions& call, const std::string& what) {
  if (call.cancel != nullptr && call.cancel->cancelled.load()) {
    throw WorkspaceError(WorkspaceErrorClass::Cancelled, what + ": cancelled");
  }
  throw WorkspaceError(WorkspaceErrorClass::Timeout, what + ": deadline passed");
}

std::optional<long long> integerOf(const Json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number()) return static_cast<long long>(v.get<double>());
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  long long n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

std::string scrubSecret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 4)) {
    text.replace(pos, secret.size(), "****");
  }
  return text;
}

std::string basicAuthorization(const std::string& user, const std::string& password) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string in = user + ":" + password;
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, in.size() - i);
    std::uint32_t chunk = static_cast<unsigned char>(in[i]) << 16;
    if (n > 1) chunk |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (n > 2) chunk |= static_cast<unsigned char>(in[i + 2]);
    out.push_back(kAlphabet[(chunk >> 18) & 0x3F]);
    out.push_back(kAlphabet[(chunk >> 12) & 0x3F]);
    out.push_back(n > 1 ? kAlphabet[(chunk >> 6) & 0x3F] : '=');
    out.push_back(n > 2 ? kAlphabet[chunk & 0x3F] : '=');
  }
  return "Basic " + out;
}

HttpResponse sendTokenRequest(HttpTransport& transport, const HttpRequest& request,
                              const TokenFetchOptions& options, const CallOptions& call,
                              const std::string& what, const std::string& secret) {
  const RetryPolicy policy(options.jitter);
  const RetryDeadline deadline(options.clock(), options.retryFor, call.deadline);
  const std::string where = urlOrigin(request.url);
  for (int attempt = 1;; ++attempt) {
    if (call.cancel != nullptr && call.cancel->cancelled.load()) throwInterrupted(call, what);
    if (call.deadline && options.clock() >= *call.deadline) throwInterrupted(call, what);
    std::chrono::milliseconds wait{0};
    std::string failure;
    try {
      HttpResponse response = transport.send(request, options.timeouts);
      if (response.status >= 200 && response.status < 300) return response;
      const ApiError error = parseApiError(response);
      failure = "HTTP " + std::to_string(response.status);
      if (!error.errorCode.empty()) failure.append(" ").append(error.errorCode);
      failure.append(": ").append(error.message);
      if (!retryableStatus(response.status)) {
        throw WorkspaceError(
            WorkspaceErrorClass::Unauthenticated,
            scrubSecret(std::string(what).append(" failed: ").append(failure), secret));
      }
      wait = error.retryAfterGiven && error.retryAfter
                 ? std::chrono::duration_cast<std::chrono::milliseconds>(*error.retryAfter)
                 : policy.backoff(attempt);
    } catch (const TransportError& e) {
      failure = e.what();
      if (!retryableFailure(e.failure())) {
        throw WorkspaceError(
            WorkspaceErrorClass::Unauthenticated,
            std::string(what).append(" failed at ").append(where).append(": ").append(failure));
      }
      wait = policy.backoff(attempt);
    }
    switch (deadline.exceededBy(options.clock(), wait)) {
      case RetryDeadline::Limit::CallDeadline:
        throwInterrupted(call, what);
      case RetryDeadline::Limit::Budget:
        throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                             scrubSecret(std::string(what)
                                             .append(" failed after retrying for ")
                                             .append(std::to_string(options.retryFor.count()))
                                             .append(" s: ")
                                             .append(failure),
                                         secret));
      case RetryDeadline::Limit::None:
        break;
    }
    if (!waitBeforeRetry(wait, call, options.sleep)) throwInterrupted(call, what);
  }
}

AccessToken readAccessToken(const HttpResponse& response, std::chrono::steady_clock::time_point now,
                            const std::string& what) {
  const Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object() || !body.contains("access_token") ||
      !body["access_token"].is_string() || body["access_token"].get<std::string>().empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         what + ": the token endpoint answered without an access_token");
  }
  AccessToken token;
  token.value = body["access_token"].get<std::string>();
  if (body.contains("token_type") && body["token_type"].is_string() &&
      !body["token_type"].get<std::string>().empty()) {
    token.type = body["token_type"].get<std::string>();
  }
  const auto expiresIn = body.contains("expires_in") ? integerOf(body["expires_in"]) : std::nullopt;
  token.ttl = expiresIn && *expiresIn > 0 ? std::chrono::seconds(*expiresIn) : kDefaultTtl;
  token.expiry = now + token.ttl;
  return token;
}

}  // namespace clxs::kernel::databricks
