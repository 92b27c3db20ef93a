// Where the Authorization header of a Databricks request comes from: a PAT, OAuth M2M or an
// Azure AD service principal. Tokens live only in memory.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clxs/credentials.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

/// Supplies auth headers, fetching and refreshing tokens as needed. Thread-safe.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  /// Headers to add to a workspace request (Authorization, and for Azure the management
  /// token header). Throws WorkspaceError Unauthenticated when no token can be obtained.
  virtual std::vector<std::pair<std::string, std::string>> headers(const CallOptions& options) = 0;
  /// Drops a cached token after the workspace answered 401, so the next headers() call
  /// fetches a new one. Returns false when there is nothing to refresh (a PAT).
  virtual bool invalidate() = 0;
  /// "pat", "oauth-m2m" or "azure-client-secret" (for the User-Agent and status).
  [[nodiscard]] virtual std::string authType() const = 0;
};

/// The token source for resolved credentials: a PAT when `token` is set, else OAuth M2M
/// (`clientId`/`clientSecret`, token endpoint discovered from
/// `<host>/oidc/.well-known/oauth-authorization-server`), else Azure AD when `tenantId` is
/// set (or the auth method says azure). Throws WorkspaceError Unauthenticated when the
/// credentials hold none of these. `transport` carries the token requests.
std::shared_ptr<TokenSource> makeTokenSource(const Credentials& credentials,
                                             std::shared_ptr<HttpTransport> transport);

}  // namespace clxs::kernel::databricks
