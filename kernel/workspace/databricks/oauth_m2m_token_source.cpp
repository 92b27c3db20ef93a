#include "kernel/workspace/databricks/oauth_m2m_token_source.hpp"

#include <algorithm>

#include "clxs/json.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr std::string_view kDiscoveryPath = "/oidc/.well-known/oauth-authorization-server";
constexpr std::chrono::seconds kMaxRefreshAhead{20 * 60};

}  // namespace

OAuthM2MTokenSource::OAuthM2MTokenSource(const std::string& host, std::string clientId,
                                         std::string clientSecret,
                                         std::shared_ptr<HttpTransport> transport,
                                         TokenFetchOptions fetch, std::vector<std::string> scopes)
    : host_(normalizeHost(host)),
      clientId_(std::move(clientId)),
      clientSecret_(std::move(clientSecret)),
      transport_(std::move(transport)),
      fetch_(std::move(fetch)),
      scopes_(std::move(scopes)) {}

std::string OAuthM2MTokenSource::discoverTokenEndpoint(const CallOptions& options) {
  if (!tokenEndpoint_.empty()) return tokenEndpoint_;
  HttpRequest request;
  request.method = "GET";
  request.url = host_ + std::string(kDiscoveryPath);
  request.headers = {{"Accept", "application/json"}};
  HttpResponse response;
  try {
    response = sendTokenRequest(*transport_, request, fetch_, options,
                                "OAuth discovery on " + host_, clientSecret_);
  } catch (const WorkspaceError& e) {
    // A workspace without OAuth answers 404 here; say so instead of quoting the page.
    if (e.errorClass() == WorkspaceErrorClass::Unauthenticated &&
        std::string_view(e.what()).find("HTTP 404") != std::string_view::npos) {
      throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                           "OAuth is not supported on this host (" + host_ +
                               "): it has no OAuth authorization server metadata");
    }
    throw;
  }
  const Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object() || !body.contains("token_endpoint") ||
      !body["token_endpoint"].is_string() || body["token_endpoint"].get<std::string>().empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         "OAuth discovery on " + host_ + " gave no token_endpoint");
  }
  tokenEndpoint_ = body["token_endpoint"].get<std::string>();
  return tokenEndpoint_;
}

AccessToken OAuthM2MTokenSource::fetchToken(const CallOptions& options) {
  const std::string endpoint = discoverTokenEndpoint(options);
  std::string scope;
  for (const auto& s : scopes_) scope += (scope.empty() ? "" : " ") + s;
  HttpRequest request;
  request.method = "POST";
  request.url = endpoint;
  request.headers = {{"Authorization", basicAuthorization(clientId_, clientSecret_)},
                     {"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = encodePairs({{"grant_type", "client_credentials"}, {"scope", scope}});
  const std::string what = "OAuth token request for client " + clientId_;
  const HttpResponse response =
      sendTokenRequest(*transport_, request, fetch_, options, what, clientSecret_);
  return readAccessToken(response, fetch_.clock(), what);
}

std::vector<std::pair<std::string, std::string>> OAuthM2MTokenSource::headers(
    const CallOptions& options) {
  std::lock_guard lock(mu_);
  const auto now = fetch_.clock();
  if (token_) {
    const auto ahead =
        std::min<std::chrono::steady_clock::duration>(token_->ttl / 2, kMaxRefreshAhead);
    if (token_->expiry - now <= ahead) token_.reset();
  }
  if (!token_) token_ = fetchToken(options);
  return {{"Authorization", token_->type + " " + token_->value}};
}

bool OAuthM2MTokenSource::invalidate() {
  std::lock_guard lock(mu_);
  token_.reset();
  return true;
}

}  // namespace clxs::kernel::databricks
