// Per-request credential resolution (ARCHITECTURE decision 8).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "clxs/config.hpp"
#include "clxs/credentials.hpp"
#include "kernel/auth/databricks_cfg.hpp"
#include "kernel/auth/environment.hpp"
#include "kernel/auth/session_store.hpp"

namespace clxs::kernel {

/// Request headers the resolver reads (names lower-cased).
namespace auth_headers {
inline constexpr const char* kHost = "x-databricks-host";
inline constexpr const char* kToken = "x-databricks-token";
inline constexpr const char* kSession = "x-clone-session";
inline constexpr const char* kWarehouse = "x-databricks-warehouse";
}  // namespace auth_headers

/// Workspace URL in canonical form: `https://` added when there is no scheme (Databricks
/// Apps inject the host without one), trailing slashes and surrounding spaces removed.
std::string normalizeHost(std::string_view raw);

/// Decides who a request acts as. First match wins:
///  1. headers X-Databricks-Host + X-Databricks-Token (auth_method "pat");
///  2. session named by X-Clone-Session (an unknown or expired id is 401 unless running
///     as a Databricks App, where resolution continues);
///  3. the server-wide choice: the profile chosen with POST /api/auth/use-profile, or the
///     session of the latest login (POST /api/auth/login, service-principal, azure/connect);
///     made through /api/auth, so it ranks with sessions, above ambient configuration. An
///     expired login session is 401 (log in again) unless running as a Databricks App;
///  4. the Databricks App runtime (CLONE_XS_RUNTIME=databricks-app or DATABRICKS_APP_NAME):
///     DATABRICKS_HOST / DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET;
///  5. the server config's `databricks:` block: `{host, token}` ("explicit-token") or
///     `{profile}` (a ~/.databrickscfg profile);
///  6. environment: OAuth M2M (DATABRICKS_CLIENT_ID+SECRET+HOST, "databricks-oauth-sp"),
///     Azure AD SP (AZURE_CLIENT_ID+SECRET+TENANT_ID, or the SDKs' ARM_* names, with
///     DATABRICKS_HOST, "azure-ad-sp"),
///     PAT (DATABRICKS_HOST+DATABRICKS_TOKEN, "env-pat");
///  7. ~/.databrickscfg: the profile named by DATABRICKS_CONFIG_PROFILE, else the file's
///     default profile (`[__settings__] default_profile`, else DEFAULT) when it has a host;
///  8. the local workspace ("local").
/// A profile named explicitly (steps 3, 5, 7 with the variable) that does not exist or
/// has no host is 401 naming it; the implicit default profile is simply skipped.
/// The warehouse is the X-Databricks-Warehouse header, else the credentials' own (session
/// or profile `warehouse_id`), else the config's `sql_warehouse_id`.
/// Thread-safe; `resolve` is on every request's path, so it does no network or disk I/O
/// beyond one stat() of ~/.databrickscfg.
class CredentialResolver {
 public:
  /// Lower-cased header names to values.
  using Headers = std::map<std::string, std::string>;

  /// All references must outlive the resolver; `config` may be null (no config).
  CredentialResolver(const Environment& env, const clxs::ConfigView* config, SessionStore& sessions,
                     const DatabricksCfgFile& cfgFile);

  /// Credentials for a request. Throws clxs::HttpError 401 when the request names a
  /// session that no longer exists or the configuration names a profile that cannot be used.
  [[nodiscard]] clxs::Credentials resolve(const Headers& lowerCaseHeaders) const;

  /// Whether the server runs inside the Databricks Apps runtime.
  [[nodiscard]] bool isDatabricksApp() const;
  /// The App's service-principal credentials; 401 when DATABRICKS_HOST is missing.
  [[nodiscard]] clxs::Credentials databricksAppCredentials() const;
  /// Credentials for a profile of ~/.databrickscfg (source Profile, "cli-profile:NAME").
  [[nodiscard]] static clxs::Credentials fromProfile(const DatabricksProfile& profile);

  /// Makes `name` the server-wide profile (step 3), replacing a selected session.
  void selectProfile(std::string name);
  /// Forgets the server-wide profile.
  void clearSelectedProfile();
  /// The server-wide profile ("" when none).
  [[nodiscard]] std::string selectedProfile() const;

  /// Makes session `id` the server-wide choice (step 3), replacing a selected profile.
  void selectSession(std::string id);
  /// Forgets the server-wide session; returns its id ("" when none).
  std::string clearSelectedSession();
  /// The server-wide session id ("" when none).
  [[nodiscard]] std::string selectedSession() const;

 private:
  // The config is read only when a step needs it (effective() builds a whole document).
  class LazyConfig {
   public:
    explicit LazyConfig(const clxs::ConfigView* view) : view_(view) {}
    const clxs::Json& get();

   private:
    const clxs::ConfigView* view_;
    std::optional<clxs::Json> value_;
  };

  [[nodiscard]] std::optional<clxs::Credentials> fromChain(const Headers& headers,
                                                           LazyConfig& config) const;
  [[nodiscard]] std::optional<clxs::Credentials> fromSession(const std::string& id) const;
  [[nodiscard]] std::optional<clxs::Credentials> fromConfig(const clxs::Json& config) const;
  [[nodiscard]] std::optional<clxs::Credentials> fromEnvironment() const;
  [[nodiscard]] std::optional<clxs::Credentials> fromProfiles() const;
  [[nodiscard]] clxs::Credentials namedProfile(const std::string& name,
                                               const std::string& chosenBy) const;

  const Environment& env_;
  const clxs::ConfigView* config_;
  SessionStore& sessions_;
  const DatabricksCfgFile& cfgFile_;
  mutable std::mutex mu_;
  // At most one of these is set: the latest server-wide choice wins.
  std::string selectedProfile_;
  std::string selectedSession_;
};

}  // namespace clxs::kernel
