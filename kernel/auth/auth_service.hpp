// The kernel's auth service: sessions, credential resolution and the answers of the
// /api/auth routes that need no remote call of their own.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "clxs/credentials.hpp"
#include "clxs/json.hpp"
#include "kernel/auth/credential_resolver.hpp"
#include "kernel/auth/databricks_cfg.hpp"
#include "kernel/auth/environment.hpp"
#include "kernel/auth/session_store.hpp"

namespace clxs::kernel {

/// Owns the session store, the ~/.databrickscfg reader and the resolver. Thread-safe.
class AuthService {
 public:
  /// Asks the workspace who `credentials` belong to (the workspace's currentUser());
  /// throws when they are rejected or the workspace cannot be reached.
  using WhoAmI = std::function<std::string(const clxs::Credentials&)>;
  /// Lower-cased request headers.
  using Headers = CredentialResolver::Headers;

  /// How long one WhoAmI probe may take: the kernel's probe passes it as the call's deadline,
  /// so a login to an unreachable host fails in seconds instead of retrying for minutes.
  static constexpr std::chrono::seconds kVerifyTimeout{10};
  /// Session lifetime when the config has no `server.session_ttl_hours`.
  static constexpr std::chrono::hours kDefaultSessionTtl{8};

  /// `clock` and `config` (nullable) must outlive the service; the session TTL is read
  /// from `config` once, here.
  AuthService(const clxs::Clock& clock, const clxs::ConfigView* config,
              std::unique_ptr<Environment> env = std::make_unique<ProcessEnvironment>(),
              WhoAmI whoami = {});

  /// Sets the identity probe (the kernel wires it once the workspace factory exists).
  void setWhoAmI(WhoAmI whoami);

  /// Credentials for a request (see CredentialResolver); throws HttpError 401.
  [[nodiscard]] clxs::Credentials resolve(const Headers& headers) const;
  /// Opens a server session acting with `credentials`; returns its id.
  std::string createSession(clxs::Credentials credentials, std::string user);

  /// GET /api/auth/status: never throws an HttpError; failures become
  /// `{"authenticated": false, ..., "error": "..."}`.
  [[nodiscard]] clxs::Json status(const Headers& headers) const;
  /// POST /api/auth/logout: ends the request's session and the server-wide login, and
  /// forgets the selected profile.
  clxs::Json logout(const Headers& headers);
  /// The login routes (login, service-principal, azure/connect): verifies `credentials`
  /// with the WhoAmI probe, opens a session acting with them and makes it the server-wide
  /// choice. Answers `{authenticated, user, host, auth_method, session_id}`. Rejected or
  /// unreachable: 401 with the workspace's message (secrets masked); no connector: 501.
  clxs::Json login(clxs::Credentials credentials);
  /// GET /api/auth/env-vars: which variables are set; secrets masked, unset ones null.
  [[nodiscard]] clxs::Json envVars() const;
  /// The variables envVars() reports, in the spec's order.
  static std::span<const char* const> reportedVariables();
  /// GET /api/auth/profiles: `[{name, host, auth_type}]`, [] without a file.
  [[nodiscard]] clxs::Json profiles() const;
  /// POST /api/auth/use-profile: 404 for an unknown profile (naming the known ones), 400
  /// for one without a host.
  clxs::Json useProfile(const std::string& profileName);
  /// GET /api/auth/auto-login: 404 outside the Databricks Apps runtime.
  clxs::Json autoLogin();

  /// Session lifetime configured by `server.session_ttl_hours` (default 8 hours).
  static std::chrono::seconds sessionTtlFrom(const clxs::ConfigView* config);

  /// The sessions (for tests and the later login routes).
  SessionStore& sessions() { return sessions_; }
  /// The resolver.
  CredentialResolver& resolver() { return resolver_; }
  /// The ~/.databrickscfg reader.
  const DatabricksCfgFile& databricksCfg() const { return cfgFile_; }
  /// The process environment the service reads.
  const Environment& environment() const { return *env_; }

 private:
  struct Verification {
    std::string user;
    std::string error;  ///< empty when verified
    int status = 0;     ///< HTTP status of the failure
  };
  [[nodiscard]] Verification verify(const clxs::Credentials& credentials) const;

  std::unique_ptr<Environment> env_;
  DatabricksCfgFile cfgFile_;
  SessionStore sessions_;
  CredentialResolver resolver_;
  mutable std::mutex whoamiMu_;
  WhoAmI whoami_;
};

/// `message` with every secret of `credentials` replaced by its masked form, so an
/// upstream error that quotes a token cannot leak it.
std::string scrubSecrets(std::string message, const clxs::Credentials& credentials);

}  // namespace clxs::kernel
