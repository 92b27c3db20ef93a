#include "kernel/workspace/databricks/azure_token_source.hpp"

#include <cstdlib>

#include "clxs/text.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

// Azure Databricks rejects tokens with 30 s or less left.
constexpr std::chrono::seconds kRefreshAhead{40};

const AzureCloud kPublic{"https://login.microsoftonline.com/",
                         "https://management.core.windows.net/"};
const AzureCloud kUsGov{"https://login.microsoftonline.us/",
                        "https://management.core.usgovcloudapi.net/"};
const AzureCloud kChina{"https://login.chinacloudapi.cn/",
                        "https://management.core.chinacloudapi.cn/"};

bool fresh(const std::optional<AccessToken>& token, std::chrono::steady_clock::time_point now) {
  return token && token->expiry - now > kRefreshAhead;
}

}  // namespace

AzureCloud azureCloudFor(const std::string& host) {
  if (const char* env = std::getenv("ARM_ENVIRONMENT"); env != nullptr && *env != '\0') {
    const std::string name = upperAscii(env);
    if (name == "USGOVERNMENT" || name == "USGOVERNMENTCLOUD") return kUsGov;
    if (name == "CHINA" || name == "AZURECHINACLOUD") return kChina;
    return kPublic;
  }
  std::string h;
  try {
    h = splitUrl(normalizeHost(host)).host;
  } catch (const std::invalid_argument&) {
    return kPublic;
  }
  if (h.ends_with(".databricks.azure.us")) return kUsGov;
  if (h.ends_with(".databricks.azure.cn")) return kChina;
  return kPublic;
}

AzureTokenSource::AzureTokenSource(const std::string& host, std::string clientId,
                                   std::string clientSecret, std::string tenantId,
                                   std::shared_ptr<HttpTransport> transport,
                                   TokenFetchOptions fetch, std::string loginEndpoint)
    : host_(normalizeHost(host)),
      clientId_(std::move(clientId)),
      clientSecret_(std::move(clientSecret)),
      tenantId_(std::move(tenantId)),
      transport_(std::move(transport)),
      fetch_(std::move(fetch)),
      cloud_(azureCloudFor(host_)) {
  if (!loginEndpoint.empty()) {
    if (loginEndpoint.back() != '/') loginEndpoint.push_back('/');
    cloud_.loginEndpoint = std::move(loginEndpoint);
  }
}

std::string AzureTokenSource::discoverTenant() {
  if (!tenantId_.empty()) return tenantId_;
  // The workspace redirects its AAD login page to <aad>/<tenant>/oauth2/authorize; the
  // redirect is read, never followed.
  HttpRequest request;
  request.method = "GET";
  request.url = host_ + "/aad/auth";
  const std::string what = "Azure tenant discovery on " + host_;
  HttpResponse response;
  try {
    response = transport_->send(request, fetch_.timeouts);
  } catch (const TransportError& e) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated, what + " failed: " + e.what());
  }
  const auto location = response.headers.find("location");
  if (response.status < 300 || response.status >= 400 || location == response.headers.end()) {
    throw WorkspaceError(
        WorkspaceErrorClass::Unauthenticated,
        what + " failed (HTTP " + std::to_string(response.status) + "); set the Azure tenant id");
  }
  std::string tenant;
  try {
    const std::string target = splitUrl(location->second).target;
    const auto end = target.find_first_of("/?", 1);
    tenant = target.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  } catch (const std::invalid_argument&) {
  }
  if (tenant.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         what + " gave no tenant; set the Azure tenant id");
  }
  tenantId_ = tenant;
  return tenantId_;
}

AccessToken AzureTokenSource::fetchToken(const std::string& resource, const CallOptions& options) {
  const std::string tenant = discoverTenant();
  HttpRequest request;
  request.method = "POST";
  request.url = cloud_.loginEndpoint + percentEncode(tenant) + "/oauth2/token";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = encodePairs({{"grant_type", "client_credentials"},
                              {"client_id", clientId_},
                              {"client_secret", clientSecret_},
                              {"resource", resource}});
  const std::string what =
      "Azure AD token request for client " + clientId_ + " (resource " + resource + ")";
  const HttpResponse response =
      sendTokenRequest(*transport_, request, fetch_, options, what, clientSecret_);
  return readAccessToken(response, fetch_.clock(), what);
}

std::vector<std::pair<std::string, std::string>> AzureTokenSource::headers(
    const CallOptions& options) {
  std::lock_guard lock(mu_);
  const auto now = fetch_.clock();
  if (!fresh(databricksToken_, now))
    databricksToken_ = fetchToken(kAzureDatabricksResource, options);
  if (!fresh(managementToken_, now)) {
    managementToken_ = fetchToken(cloud_.managementResource, options);
  }
  return {{"Authorization", "Bearer " + databricksToken_->value},
          {"X-Databricks-Azure-SP-Management-Token", managementToken_->value}};
}

bool AzureTokenSource::invalidate() {
  std::lock_guard lock(mu_);
  databricksToken_.reset();
  managementToken_.reset();
  return true;
}

}  // namespace clxs::kernel::databricks
