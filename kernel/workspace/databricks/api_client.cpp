#include "kernel/workspace/databricks/api_client.hpp"

#include <atomic>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "clxs/version.hpp"
#include "kernel/workspace/databricks/api_error.hpp"
#include "kernel/workspace/databricks/api_rate_limiter.hpp"
#include "kernel/workspace/databricks/api_retry_policy.hpp"
#include "kernel/workspace/databricks/token_request.hpp"
#include "kernel/workspace/databricks/token_source.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kDownloadLabel = "download of an external result link";

std::string seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

bool isSuccess(int status) {
  return status >= 200 && status < 300;
}

// The <Code> of a cloud storage error document (S3, ADLS, GCS): the rest of such a body may
// quote the signed request, so nothing else of it is kept.
std::string storageErrorCode(const std::string& body) {
  const auto open = body.find("<Code>");
  if (open == std::string::npos) return {};
  const auto start = open + 6;
  const auto close = body.find("</Code>", start);
  if (close == std::string::npos || close - start > 64) return {};
  return body.substr(start, close - start);
}

std::string scrubAll(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) text = scrubSecret(std::move(text), s);
  return text;
}

// Secrets that may come back in an error message: every auth header value and the token
// inside "Bearer <token>".
std::vector<std::string> secretsOf(const std::vector<std::pair<std::string, std::string>>& auth) {
  std::vector<std::string> out;
  for (const auto& [name, value] : auth) {
    out.push_back(value);
    const auto space = value.find(' ');
    if (space != std::string::npos && space + 1 < value.size()) {
      out.push_back(value.substr(space + 1));
    }
  }
  return out;
}

}  // namespace

struct ApiClient::Impl {
  std::string host;
  std::shared_ptr<TokenSource> tokens;
  std::shared_ptr<HttpTransport> transport;
  ApiClientOptions options;
  RetryPolicy policy;
  RateLimiter limiter;
  std::string userAgent;
  std::atomic<long> retries{0};

  // One logical call: the exchange with retries.
  struct Call {
    std::string label;
    Idempotency idempotency = Idempotency::Idempotent;
    bool authenticated = true;  // false: no Authorization, no rate limit (pre-signed URLs)
    bool opaqueErrors = false;  // true: an error body is never quoted
  };

  Impl(std::shared_ptr<TokenSource> t, std::shared_ptr<HttpTransport> tr, ApiClientOptions o)
      : tokens(std::move(t)),
        transport(std::move(tr)),
        options(std::move(o)),
        policy(options.jitter),
        limiter(options.rateLimit) {}

  HttpResponse execute(const HttpRequest& base, const Call& call, const CallOptions& opts);
};

HttpResponse ApiClient::Impl::execute(const HttpRequest& base, const Call& call,
                                      const CallOptions& opts) {
  // A sleep injected by a test stands for time passing, so budgets and deadlines see it.
  SteadyClock::duration slept{0};
  const auto now = [&] { return SteadyClock::now() + slept; };
  const RetryDeadline deadline(now(), options.retryBudget, opts.deadline);
  const auto throwIfInterrupted = [&] {
    if (opts.cancel != nullptr && opts.cancel->cancelled.load()) {
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, call.label + ": cancelled");
    }
    if (opts.deadline && now() >= *opts.deadline) {
      throw WorkspaceError(WorkspaceErrorClass::Timeout, call.label + ": deadline passed");
    }
  };
  bool refreshedToken = false;
  int retried = 0;
  for (int attempt = 1;; ++attempt) {
    throwIfInterrupted();
    if (call.authenticated) limiter.acquire(opts);
    HttpRequest request = base;
    std::vector<std::string> secrets;
    if (call.authenticated) {
      const auto auth = tokens->headers(opts);
      secrets = secretsOf(auth);
      request.headers.insert(request.headers.begin(), auth.begin(), auth.end());
    }
    TransportTimeouts timeouts = options.timeouts;
    if (opts.deadline) {
      const auto left =
          std::max(std::chrono::duration_cast<std::chrono::milliseconds>(*opts.deadline - now()),
                   std::chrono::milliseconds(1));
      timeouts.connect = std::min(timeouts.connect, left);
      timeouts.inactivity = std::min(timeouts.inactivity, left);
    }

    std::optional<RetryDecision> decision;
    WorkspaceErrorClass errorClass = WorkspaceErrorClass::Remote;
    std::string error;
    try {
      HttpResponse response = transport->send(request, timeouts);
      if (isSuccess(response.status)) return response;
      const ApiError parsed = parseApiError(response);
      if (call.authenticated && response.status == 401 && !refreshedToken) {
        // An expired OAuth token: fetch a new one and try once more.
        refreshedToken = true;
        if (tokens->invalidate()) continue;
      }
      errorClass = errorClassFor(parsed);
      if (call.opaqueErrors) {
        const std::string code = storageErrorCode(response.body);
        error = "HTTP " + std::to_string(response.status) +
                (response.reason.empty() ? "" : " " + response.reason) +
                (code.empty() ? "" : " (" + code + ")");
      } else {
        error = scrubAll(parsed.message, secrets);
      }
      decision = policy.afterError(parsed, call.idempotency, attempt);
    } catch (const TransportError& e) {
      errorClass = e.failure() == TransportFailure::Timeout ? WorkspaceErrorClass::Timeout
                                                            : WorkspaceErrorClass::Remote;
      error = scrubAll(e.what(), secrets);
      decision = policy.afterFailure(e.failure(), call.idempotency, attempt);
    }
    if (!decision) throw WorkspaceError(errorClass, call.label + ": " + error);
    switch (deadline.exceededBy(now(), decision->wait)) {
      case RetryDeadline::Limit::CallDeadline:
        throw WorkspaceError(WorkspaceErrorClass::Timeout,
                             call.label + ": deadline passed while retrying after " +
                                 decision->reason + ": " + error);
      case RetryDeadline::Limit::Budget:
        throw WorkspaceError(errorClass, call.label + ": " + error + " (gave up after " +
                                             std::to_string(attempt) + " attempts within " +
                                             std::to_string(deadline.budget().count()) + " s)");
      case RetryDeadline::Limit::None:
        break;
    }
    ++retried;
    retries.fetch_add(1);
    if (opts.onRetry) {
      opts.onRetry("retry " + std::to_string(retried) + " of " + call.label + " after " +
                   decision->reason + " (waiting " + seconds(decision->wait) + " s)");
    }
    if (!waitBeforeRetry(decision->wait, opts, options.sleep)) {
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, call.label + ": cancelled");
    }
    if (options.sleep) slept += decision->wait;
  }
}

ApiClient::ApiClient(const std::string& host, std::shared_ptr<TokenSource> tokens,
                     std::shared_ptr<HttpTransport> transport, ApiClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(tokens), std::move(transport), std::move(options))) {
  if (!impl_->tokens || !impl_->transport) {
    throw std::invalid_argument("ApiClient needs a token source and a transport");
  }
  impl_->host = normalizeHost(host);
  UrlParts parts;
  try {
    parts = splitUrl(impl_->host);
  } catch (const std::invalid_argument& e) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         std::string("invalid Databricks workspace host: ") + e.what());
  }
  if (parts.scheme == "http" && !isLoopbackHost(parts.host)) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         "plain http:// is allowed only for a loopback workspace host; use "
                         "https://" +
                             parts.host);
  }
  std::string ua = impl_->options.userAgent.empty() ? "clxs" : impl_->options.userAgent;
  if (ua.find('/') == std::string::npos) ua += std::string("/") + CLXS_SDK_VERSION;
  impl_->userAgent = ua + " auth/" + impl_->tokens->authType();
}

ApiClient::~ApiClient() = default;

const std::string& ApiClient::host() const {
  return impl_->host;
}

long ApiClient::retries() const {
  return impl_->retries.load();
}

HttpResponse ApiClient::send(const ApiRequest& request, const CallOptions& options) {
  HttpRequest http;
  http.method = request.method;
  http.url = impl_->host + request.path;
  if (!request.query.empty()) http.url += "?" + encodePairs(request.query);
  http.headers.emplace_back("Accept", "application/json");
  if (request.rawBody) {
    http.headers.emplace_back("Content-Type", "application/octet-stream");
    http.body = *request.rawBody;
  } else if (request.json) {
    http.headers.emplace_back("Content-Type", "application/json");
    http.body = request.json->dump();
  }
  http.headers.emplace_back("User-Agent", impl_->userAgent);
  Impl::Call call;
  call.label = request.label.empty() ? request.method + " " + request.path : request.label;
  call.idempotency = request.idempotency;
  return impl_->execute(http, call, options);
}

Json ApiClient::call(const ApiRequest& request, const CallOptions& options) {
  const HttpResponse response = send(request, options);
  if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    const std::string label =
        request.label.empty() ? request.method + " " + request.path : request.label;
    throw WorkspaceError(WorkspaceErrorClass::Remote,
                         label + ": the workspace answered with a body that is not JSON");
  }
  return body;
}

Json ApiClient::list(ApiRequest request, const std::string& field, const CallOptions& options) {
  std::erase_if(request.query, [](const auto& kv) { return kv.first == "page_token"; });
  const std::string label =
      request.label.empty() ? request.method + " " + request.path : request.label;
  Json out = Json::array();
  std::set<std::string> seen;
  std::string token;
  for (;;) {
    ApiRequest page = request;
    if (!token.empty()) page.query.emplace_back("page_token", token);
    const Json body = call(page, options);
    if (body.contains(field) && body[field].is_array()) {
      for (const auto& item : body[field]) out.push_back(item);
    }
    const auto next = body.find("next_page_token");
    token = next != body.end() && next->is_string() ? next->get<std::string>() : std::string();
    if (token.empty()) return out;
    // A workspace that hands out the same token twice would keep this loop going forever.
    if (!seen.insert(token).second) {
      throw WorkspaceError(WorkspaceErrorClass::Remote,
                           label + ": the workspace returned the same page token twice");
    }
  }
}

std::string ApiClient::download(const std::string& url,
                                const std::vector<std::pair<std::string, std::string>>& headers,
                                const CallOptions& options) {
  HttpRequest http;
  http.method = "GET";
  http.url = url;
  http.headers = headers;
  Impl::Call call;
  call.label = kDownloadLabel;
  call.authenticated = false;
  call.opaqueErrors = true;
  return impl_->execute(http, call, options).body;
}

}  // namespace clxs::kernel::databricks
