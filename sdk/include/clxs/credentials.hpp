// Who a request acts as, resolved by the kernel before a handler runs.
#pragma once

#include <string>

namespace clxs {

/// Where a request's credentials came from, in the order the kernel tries them.
enum class CredentialSource {
  Headers,        ///< X-Databricks-Host / X-Databricks-Token on the request
  Session,        ///< a server session named by the X-Clone-Session header
  DatabricksApp,  ///< injected by the Databricks Apps runtime
  Config,         ///< host/token keys of the server config
  Environment,    ///< DATABRICKS_* / AZURE_* environment variables
  Profile,        ///< a ~/.databrickscfg profile
  Local,          ///< nothing configured: the embedded local workspace
};

/// Resolved credentials. Secrets live only here, in memory; the kernel never logs,
/// stores or echoes them. `host` is empty for the local workspace.
struct Credentials {
  /// Where they came from.
  CredentialSource source = CredentialSource::Local;
  /// Workspace URL, e.g. https://adb-1.azuredatabricks.net (empty when local).
  std::string host;
  /// Personal access token or OAuth access token (secret).
  std::string token;
  /// OAuth / service principal client id.
  std::string clientId;
  /// OAuth / service principal client secret (secret).
  std::string clientSecret;
  /// Azure AD tenant id.
  std::string tenantId;
  /// Method label as the original reports it: "pat", "env-pat", "cli-profile:NAME", "local"...
  std::string authMethod = "local";
  /// Profile name when source is Profile.
  std::string profile;
  /// Server session id when source is Session.
  std::string sessionId;
  /// SQL warehouse chosen for this request (header X-Databricks-Warehouse or config).
  std::string warehouseId;

  /// True when the request targets the embedded local workspace.
  [[nodiscard]] bool isLocal() const { return source == CredentialSource::Local; }
};

/// Masks a secret for display: first 4 and last 4 characters ("dapi...wxyz"); short
/// secrets become "****".
inline std::string maskSecret(const std::string& secret) {
  if (secret.size() < 12) return secret.empty() ? std::string() : std::string("****");
  return secret.substr(0, 4) + "..." + secret.substr(secret.size() - 4);
}

}  // namespace clxs
