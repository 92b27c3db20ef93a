#include "kernel/workspace/databricks/token_source.hpp"

#include "kernel/workspace/databricks/azure_token_source.hpp"
#include "kernel/workspace/databricks/oauth_m2m_token_source.hpp"

namespace clxs::kernel::databricks {
namespace {

// A personal access token (or a token handed over by the caller): nothing to refresh.
class PatTokenSource final : public TokenSource {
 public:
  explicit PatTokenSource(std::string token) : token_(std::move(token)) {}
  std::vector<std::pair<std::string, std::string>> headers(const CallOptions&) override {
    return {{"Authorization", "Bearer " + token_}};
  }
  bool invalidate() override { return false; }
  [[nodiscard]] std::string authType() const override { return "pat"; }

 private:
  std::string token_;
};

[[noreturn]] void unauthenticated(const std::string& why) {
  throw WorkspaceError(WorkspaceErrorClass::Unauthenticated, why);
}

bool wantsAzure(const Credentials& c) {
  return !c.tenantId.empty() || c.authMethod.starts_with("azure");
}

}  // namespace

std::shared_ptr<TokenSource> makeTokenSource(const Credentials& credentials,
                                             std::shared_ptr<HttpTransport> transport) {
  if (credentials.host.empty()) unauthenticated("no Databricks workspace host is configured");
  if (!credentials.token.empty()) return std::make_shared<PatTokenSource>(credentials.token);
  const bool hasId = !credentials.clientId.empty();
  const bool hasSecret = !credentials.clientSecret.empty();
  if (hasId && hasSecret) {
    if (wantsAzure(credentials)) {
      return std::make_shared<AzureTokenSource>(credentials.host, credentials.clientId,
                                                credentials.clientSecret, credentials.tenantId,
                                                std::move(transport));
    }
    return std::make_shared<OAuthM2MTokenSource>(credentials.host, credentials.clientId,
                                                 credentials.clientSecret, std::move(transport));
  }
  if (hasId) unauthenticated("the client secret is missing for the configured client id");
  if (hasSecret) unauthenticated("the client id is missing for the configured client secret");
  unauthenticated(
      "no Databricks credentials: set a token, or a client id and client secret (with a "
      "tenant id for an Azure service principal)");
}

}  // namespace clxs::kernel::databricks
