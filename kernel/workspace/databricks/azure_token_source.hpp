// Azure AD (Entra ID) service-principal auth for Azure Databricks: two client-credential
// tokens from the AAD v1 endpoint, one for the Azure Databricks resource and one for the
// Azure management API, sent together on every request.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kernel/workspace/databricks/token_request.hpp"
#include "kernel/workspace/databricks/token_source.hpp"

namespace clxs::kernel::databricks {

/// The Azure Databricks application id (the same in every Azure cloud).
inline constexpr const char* kAzureDatabricksResource = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

/// Where tokens of one Azure cloud come from.
struct AzureCloud {
  std::string loginEndpoint;       ///< AAD authority base, with a trailing slash
  std::string managementResource;  ///< the management API resource, with a trailing slash
};

/// The cloud of workspace `host`: ARM_ENVIRONMENT when set (PUBLIC, USGOVERNMENT, CHINA),
/// else the host suffix (.azuredatabricks.net, .databricks.azure.us, .databricks.azure.cn).
AzureCloud azureCloudFor(const std::string& host);

/// Tokens for an Azure service principal, refreshed 40 s before they expire. Thread-safe.
class AzureTokenSource final : public TokenSource {
 public:
  /// `loginEndpoint` replaces the cloud's AAD authority base (tests and the emulator point it
  /// at a loopback server). An empty `tenantId` is discovered from `<host>/aad/auth`.
  AzureTokenSource(const std::string& host, std::string clientId, std::string clientSecret,
                   std::string tenantId, std::shared_ptr<HttpTransport> transport,
                   TokenFetchOptions fetch = {}, std::string loginEndpoint = {});

  std::vector<std::pair<std::string, std::string>> headers(const CallOptions& options) override;
  bool invalidate() override;
  [[nodiscard]] std::string authType() const override { return "azure-client-secret"; }

 private:
  std::string discoverTenant();
  AccessToken fetchToken(const std::string& resource, const CallOptions& options);

  std::string host_;
  std::string clientId_;
  std::string clientSecret_;
  std::string tenantId_;
  std::shared_ptr<HttpTransport> transport_;
  TokenFetchOptions fetch_;
  AzureCloud cloud_;
  std::mutex mu_;
  std::optional<AccessToken> databricksToken_;
  std::optional<AccessToken> managementToken_;
};

}  // namespace clxs::kernel::databricks
