// The Azure services behind the /api/auth/azure routes: Azure AD tokens and Azure Resource
// Manager listings. An interface, so route tests can fake Azure.
#pragma once

#include <memory>
#include <string>

#include "clxs/json.hpp"
#include "kernel/auth/cli_launcher.hpp"
#include "kernel/auth/environment.hpp"

namespace clxs::kernel {

/// Azure AD resource of Azure Resource Manager.
inline constexpr const char* kAzureManagementResource = "https://management.core.windows.net/";
/// Azure AD application id of Azure Databricks (tokens for it open a workspace).
inline constexpr const char* kAzureDatabricksResource = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

/// What the azure routes need from Azure. Failures are clxs::HttpError: 501 when there is
/// no way to get a token (no az, no ARM_* variables), 401 when Azure rejects the identity,
/// 403/404 as Resource Manager answers, 502 when Azure fails or cannot be reached. Messages
/// never hold a token or secret.
class AzureApi {
 public:
  virtual ~AzureApi() = default;
  /// An Azure AD access token for `resource` (an application id or resource URI).
  virtual std::string accessToken(const std::string& resource) = 0;
  /// GET `pathAndQuery` (e.g. "/tenants?api-version=2020-01-01") on Resource Manager with a
  /// management token; the `value` arrays of every page, concatenated.
  virtual clxs::Json armList(const std::string& pathAndQuery) = 0;
};

/// The real Azure: tokens from `az account get-access-token` when az is on PATH, else (or
/// when az has no login) from the service principal ARM_CLIENT_ID / ARM_CLIENT_SECRET /
/// ARM_TENANT_ID (client credentials). Resource Manager and the AD authority default to the
/// public cloud; CLXS_AZURE_MANAGEMENT_URL / CLXS_AZURE_AUTHORITY_URL override them (https,
/// or http on a loopback host for tests).
class AzureRestApi final : public AzureApi {
 public:
  /// Both must outlive the API object (the launcher is shared with other routes).
  AzureRestApi(const Environment& env, std::shared_ptr<CliLauncher> launcher);

  std::string accessToken(const std::string& resource) override;
  clxs::Json armList(const std::string& pathAndQuery) override;

  /// Resource Manager base URL without a trailing slash.
  [[nodiscard]] std::string managementUrl() const;
  /// Azure AD authority base URL without a trailing slash.
  [[nodiscard]] std::string authorityUrl() const;

 private:
  std::string tokenFromServicePrincipal(const std::string& resource);

  const Environment& env_;
  std::shared_ptr<CliLauncher> launcher_;
};

}  // namespace clxs::kernel
