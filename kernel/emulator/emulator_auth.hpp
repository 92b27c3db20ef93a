// Who may call the emulator: a fixed personal access token (or any non-empty bearer token
// when none is configured) and OAuth M2M tokens the emulator issued itself.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {

/// Credentials the emulator accepts.
struct AuthSettings {
  std::string token;           ///< the only PAT accepted (empty: any non-empty bearer token)
  std::string clientId;        ///< OAuth M2M client id (empty: M2M refused)
  std::string clientSecret;    ///< OAuth M2M client secret
  int tokenTtlSeconds = 3600;  ///< lifetime of issued OAuth tokens
};

/// Bearer-token checks and the OAuth M2M endpoints. Thread-safe.
class EmulatorAuth {
 public:
  explicit EmulatorAuth(AuthSettings settings);

  /// Throws ApiError 401 UNAUTHENTICATED unless the request carries an accepted bearer
  /// token. The message never contains the token.
  void check(const EmulatorRequest& request);

  /// GET /oidc/.well-known/oauth-authorization-server.
  [[nodiscard]] EmulatorResponse discovery(const EmulatorRequest& request) const;
  /// GET /.well-known/databricks-config: the host metadata newer SDKs read on first contact
  /// (oidc_endpoint, workspace_id, host_type), without credentials as on Databricks.
  [[nodiscard]] static EmulatorResponse hostMetadata(const EmulatorRequest& request);
  /// POST /oidc/v1/token (client_credentials with HTTP Basic client authentication).
  EmulatorResponse issueToken(const EmulatorRequest& request);

 private:
  AuthSettings settings_;
  std::mutex mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point> issued_;
};

/// `bytes` random bytes as lower-case hex, for tokens, link ids and signatures.
std::string randomHex(std::size_t bytes);

/// Constant-time comparison, so a wrong token's timing tells nothing about the right one.
bool sameSecret(const std::string& a, const std::string& b);

}  // namespace clxs::kernel::emulator
