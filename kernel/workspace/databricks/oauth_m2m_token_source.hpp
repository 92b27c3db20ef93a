// OAuth machine-to-machine auth with a Databricks service principal: the token endpoint is
// discovered from the workspace's OIDC metadata and tokens come from the client-credentials
// grant with HTTP Basic client authentication.
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

/// Tokens for `clientId`/`clientSecret` on workspace `host`, cached and refreshed when less
/// than min(TTL/2, 20 min) is left. Thread-safe.
class OAuthM2MTokenSource final : public TokenSource {
 public:
  OAuthM2MTokenSource(const std::string& host, std::string clientId, std::string clientSecret,
                      std::shared_ptr<HttpTransport> transport, TokenFetchOptions fetch = {},
                      std::vector<std::string> scopes = {"all-apis"});

  std::vector<std::pair<std::string, std::string>> headers(const CallOptions& options) override;
  bool invalidate() override;
  [[nodiscard]] std::string authType() const override { return "oauth-m2m"; }

 private:
  std::string discoverTokenEndpoint(const CallOptions& options);
  AccessToken fetchToken(const CallOptions& options);

  std::string host_;
  std::string clientId_;
  std::string clientSecret_;
  std::shared_ptr<HttpTransport> transport_;
  TokenFetchOptions fetch_;
  std::vector<std::string> scopes_;
  std::mutex mu_;
  std::string tokenEndpoint_;
  std::optional<AccessToken> token_;
};

}  // namespace clxs::kernel::databricks
