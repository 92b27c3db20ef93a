// Contract of the Databricks auth flows: the token requests each token source sends (method,
// URL, headers, form body), the headers it then puts on workspace requests, and refresh.
#include <gtest/gtest.h>

#include <cstdlib>

#include "clxs/version.hpp"
#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/azure_token_source.hpp"
#include "kernel/workspace/databricks/oauth_m2m_token_source.hpp"
#include "kernel/workspace/databricks/token_source.hpp"
#include "tests/contract/scripted_transport.hpp"

namespace clxs::kernel::databricks {
namespace {

using clxs::testing::ScriptedTransport;
using clxs::testing::sentHeader;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kTokenHost = "https://adb-1.azuredatabricks.net";
constexpr const char* kClientId = "c0ffee00-1111-2222-3333-444455556666";
constexpr const char* kSecret = "dose0123456789abcdef+/=";
constexpr const char* kBasic =
    "Basic YzBmZmVlMDAtMTExMS0yMjIyLTMzMzMtNDQ0NDU1NTU2NjY2OmRvc2UwMTIzNDU2Nzg5YWJjZGVmKy89";
constexpr const char* kM2mToken1 = "eyJraWQiOiJtMm0tYWNjZXNzLTEifQ.m2m-access-1";
constexpr const char* kM2mToken2 = "eyJraWQiOiJtMm0tYWNjZXNzLTIifQ.m2m-access-2";
constexpr const char* kAadDatabricks = "eyJ0eXAiOiJKV1QifQ.aad-databricks-1";
constexpr const char* kAadManagement = "eyJ0eXAiOiJKV1QifQ.aad-management-1";
constexpr const char* kTenant = "9f37a392-f0ae-4280-9796-f1864a10effc";
constexpr const char* kForm = "application/x-www-form-urlencoded";

// A clock that moves only when told or when a token fetch sleeps.
struct FakeClock {
  std::chrono::steady_clock::time_point now =
      std::chrono::steady_clock::time_point{} + std::chrono::hours(100);
  std::vector<milliseconds> slept;
  TokenFetchOptions options() {
    TokenFetchOptions o;
    o.now = [this] { return now; };
    o.sleep = [this](milliseconds d) {
      slept.push_back(d);
      now += d;
    };
    o.jitter = [] { return 0.0; };
    return o;
  }
};

class TokenSourceContract : public ::testing::Test {
 protected:
  void SetUp() override { unsetenv("ARM_ENVIRONMENT"); }

  std::string errorOf(const std::function<void()>& f, WorkspaceErrorClass expected) {
    try {
      f();
    } catch (const WorkspaceError& e) {
      EXPECT_EQ(e.errorClass(), expected) << e.what();
      return e.what();
    }
    ADD_FAILURE() << "expected a WorkspaceError";
    return {};
  }

  Credentials m2m() const {
    Credentials c;
    c.host = "adb-1.azuredatabricks.net";
    c.clientId = kClientId;
    c.clientSecret = kSecret;
    c.authMethod = "oauth-m2m";
    return c;
  }

  std::shared_ptr<ScriptedTransport> transport_ = std::make_shared<ScriptedTransport>();
  FakeClock clock_;
};

TEST_F(TokenSourceContract, PatSendsTheTokenAndHasNothingToRefresh) {
  Credentials c;
  c.host = kTokenHost;
  c.token = "dapi0123456789abcdef";
  c.clientId = kClientId;  // a token wins over client credentials
  c.clientSecret = kSecret;
  const auto source = makeTokenSource(c, transport_);
  EXPECT_EQ(source->authType(), "pat");
  EXPECT_EQ(source->headers({}), (std::vector<std::pair<std::string, std::string>>{
                                     {"Authorization", "Bearer dapi0123456789abcdef"}}));
  EXPECT_FALSE(source->invalidate());
  EXPECT_TRUE(transport_->sent().empty());
}

TEST_F(TokenSourceContract, MissingCredentialsAreNamedNeverQuoted) {
  Credentials none;
  none.host = kTokenHost;
  const std::string m1 =
      errorOf([&] { makeTokenSource(none, transport_); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m1.find("no Databricks credentials"), std::string::npos) << m1;

  Credentials secretOnly;
  secretOnly.host = kTokenHost;
  secretOnly.clientSecret = kSecret;
  const std::string m2 = errorOf([&] { makeTokenSource(secretOnly, transport_); },
                                 WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m2.find("client id is missing"), std::string::npos) << m2;
  EXPECT_EQ(m2.find(kSecret), std::string::npos) << m2;

  Credentials idOnly;
  idOnly.host = kTokenHost;
  idOnly.clientId = kClientId;
  const std::string m3 =
      errorOf([&] { makeTokenSource(idOnly, transport_); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m3.find("client secret is missing"), std::string::npos) << m3;

  Credentials noHost;
  noHost.token = "dapi0123456789abcdef";
  const std::string m4 =
      errorOf([&] { makeTokenSource(noHost, transport_); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m4.find("host"), std::string::npos) << m4;
  EXPECT_EQ(m4.find("dapi"), std::string::npos) << m4;
}

TEST_F(TokenSourceContract, M2mDiscoversTheEndpointAndUsesClientCredentials) {
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_m2m_token.json");
  transport_->answerFixture("api_scim_me.json");
  transport_->answerFixture("api_scim_me.json");
  const auto tokens = makeTokenSource(m2m(), transport_);
  EXPECT_EQ(tokens->authType(), "oauth-m2m");
  ApiClient client("adb-1.azuredatabricks.net", tokens, transport_);
  ApiRequest me;
  me.path = "/api/2.0/preview/scim/v2/Me";
  client.call(me, {});
  client.call(me, {});  // the cached token serves the second call

  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 4U);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].url, std::string(kTokenHost) + "/oidc/.well-known/oauth-authorization-server");
  EXPECT_FALSE(sentHeader(sent[0], "Authorization"));
  EXPECT_EQ(sent[0].body, "");

  EXPECT_EQ(sent[1].method, "POST");
  EXPECT_EQ(sent[1].url, std::string(kTokenHost) + "/oidc/v1/token");
  EXPECT_EQ(sentHeader(sent[1], "Authorization"), kBasic);
  EXPECT_EQ(sentHeader(sent[1], "Content-Type"), kForm);
  EXPECT_EQ(sentHeader(sent[1], "Accept"), "application/json");
  EXPECT_EQ(sent[1].body, "grant_type=client_credentials&scope=all-apis");
  // The secret travels only in the Basic header, never in the form.
  EXPECT_EQ(sent[1].body.find("dose"), std::string::npos);

  for (const std::size_t i : {2U, 3U}) {
    EXPECT_EQ(sent[i].url, std::string(kTokenHost) + "/api/2.0/preview/scim/v2/Me");
    EXPECT_EQ(sentHeader(sent[i], "Authorization"), std::string("Bearer ") + kM2mToken1);
    EXPECT_EQ(sentHeader(sent[i], "User-Agent"),
              std::string("clxs/") + CLXS_SDK_VERSION + " auth/oauth-m2m");
  }
}

TEST_F(TokenSourceContract, AnExpiredOAuthTokenIsRefreshedOnceAfter401) {
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_m2m_token.json");
  transport_->answerFixture("api_error_401_expired_token.json");
  transport_->answerFixture("auth_m2m_token_2.json");
  transport_->answerFixture("api_scim_me.json");
  ApiClient client(kTokenHost, makeTokenSource(m2m(), transport_), transport_);
  ApiRequest me;
  me.path = "/api/2.0/preview/scim/v2/Me";
  std::vector<std::string> retries;
  CallOptions o;
  o.onRetry = [&](const std::string& m) { retries.push_back(m); };
  EXPECT_EQ(client.call(me, o)["userName"], "alice@example.com");

  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 5U);
  EXPECT_EQ(sentHeader(sent[2], "Authorization"), std::string("Bearer ") + kM2mToken1);
  EXPECT_EQ(sent[3].method, "POST");  // a new token; the endpoint is not discovered again
  EXPECT_EQ(sent[3].url, std::string(kTokenHost) + "/oidc/v1/token");
  EXPECT_EQ(sentHeader(sent[4], "Authorization"), std::string("Bearer ") + kM2mToken2);
  EXPECT_TRUE(retries.empty());
  EXPECT_EQ(client.retries(), 0);
}

TEST_F(TokenSourceContract, A401AfterTheRefreshIsUnauthenticated) {
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_m2m_token.json");
  transport_->answerFixture("api_error_401_expired_token.json");
  transport_->answerFixture("auth_m2m_token_2.json");
  transport_->answerFixture("api_error_401_expired_token.json");
  ApiClient client(kTokenHost, makeTokenSource(m2m(), transport_), transport_);
  ApiRequest me;
  me.path = "/api/2.0/preview/scim/v2/Me";
  me.label = "get current user";
  const std::string m = errorOf([&] { client.call(me, {}); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_EQ(m, "get current user: Token is expired.");
  EXPECT_EQ(transport_->sent().size(), 5U);
}

TEST_F(TokenSourceContract, M2mRefreshesBeforeExpiry) {
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_m2m_token.json");
  transport_->answerFixture("auth_m2m_token_2.json");
  OAuthM2MTokenSource source(kTokenHost, kClientId, kSecret, transport_, clock_.options());
  EXPECT_EQ(source.headers({})[0].second, std::string("Bearer ") + kM2mToken1);
  // TTL 3600 s: refreshed when less than min(1800 s, 20 min) is left.
  clock_.now += seconds(2300);
  EXPECT_EQ(source.headers({})[0].second, std::string("Bearer ") + kM2mToken1);
  EXPECT_EQ(transport_->sent().size(), 2U);
  clock_.now += seconds(200);
  EXPECT_EQ(source.headers({})[0].second, std::string("Bearer ") + kM2mToken2);
  EXPECT_EQ(transport_->sent().size(), 3U);
}

TEST_F(TokenSourceContract, M2mOnAHostWithoutOAuth) {
  transport_->answerFixture("auth_oidc_discovery_404.json");
  OAuthM2MTokenSource source(kTokenHost, kClientId, kSecret, transport_, clock_.options());
  const std::string m = errorOf([&] { source.headers({}); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m.find("OAuth is not supported on this host"), std::string::npos) << m;
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(TokenSourceContract, M2mTokenErrorsAreUnauthenticatedWithTheirDescription) {
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_m2m_token_error.json");
  OAuthM2MTokenSource source(kTokenHost, kClientId, kSecret, transport_, clock_.options());
  const std::string m = errorOf([&] { source.headers({}); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m.find("invalid_client"), std::string::npos) << m;
  EXPECT_NE(m.find("Client authentication failed"), std::string::npos) << m;
  EXPECT_EQ(m.find(kSecret), std::string::npos) << m;
  EXPECT_EQ(transport_->sent().size(), 2U);
}

TEST_F(TokenSourceContract, TokenFetchesAreRetriedHonouringRetryAfter) {
  transport_->fail(TransportFailure::ConnectFailed);
  transport_->answerFixture("auth_oidc_discovery.json");
  transport_->answerFixture("auth_token_503_retry_after.json");
  transport_->fail(TransportFailure::Reset);
  transport_->answerFixture("auth_m2m_token.json");
  OAuthM2MTokenSource source(kTokenHost, kClientId, kSecret, transport_, clock_.options());
  EXPECT_EQ(source.headers({})[0].second, std::string("Bearer ") + kM2mToken1);
  EXPECT_EQ(transport_->sent().size(), 5U);
  EXPECT_EQ(clock_.slept, (std::vector<milliseconds>{milliseconds(1050), milliseconds(2000),
                                                     milliseconds(2050)}));
}

TEST_F(TokenSourceContract, TokenFetchesGiveUpAfterAMinute) {
  for (int i = 0; i < 20; ++i) transport_->fail(TransportFailure::ConnectFailed);
  OAuthM2MTokenSource source(kTokenHost, kClientId, kSecret, transport_, clock_.options());
  const std::string m = errorOf([&] { source.headers({}); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m.find("after retrying for 60 s"), std::string::npos) << m;
  milliseconds total{0};
  for (const auto d : clock_.slept) total += d;
  EXPECT_LE(total, seconds(60));
  EXPECT_GT(transport_->remaining(), 0U);
}

TEST_F(TokenSourceContract, AzureFetchesBothTokensAndSendsBothHeaders) {
  Credentials c;
  c.host = "https://adb-1.azuredatabricks.net/";
  c.clientId = kClientId;
  c.clientSecret = kSecret;
  c.tenantId = kTenant;
  c.authMethod = "azure-client-secret";
  transport_->answerFixture("auth_azure_token_databricks.json");
  transport_->answerFixture("auth_azure_token_management.json");
  transport_->answerFixture("api_scim_me.json");
  const auto tokens = makeTokenSource(c, transport_);
  EXPECT_EQ(tokens->authType(), "azure-client-secret");
  ApiClient client(c.host, tokens, transport_);
  ApiRequest me;
  me.path = "/api/2.0/preview/scim/v2/Me";
  client.call(me, {});

  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  const std::string tokenUrl =
      std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/token";
  const std::string form = std::string("grant_type=client_credentials&client_id=") + kClientId +
                           "&client_secret=dose0123456789abcdef%2B%2F%3D&resource=";
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, tokenUrl);
  EXPECT_EQ(sentHeader(sent[0], "Content-Type"), kForm);
  EXPECT_FALSE(sentHeader(sent[0], "Authorization"));
  EXPECT_EQ(sent[0].body, form + "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d");
  EXPECT_EQ(sent[1].method, "POST");
  EXPECT_EQ(sent[1].url, tokenUrl);
  EXPECT_EQ(sent[1].body, form + "https%3A%2F%2Fmanagement.core.windows.net%2F");

  EXPECT_EQ(sent[2].url, std::string(kTokenHost) + "/api/2.0/preview/scim/v2/Me");
  EXPECT_EQ(sentHeader(sent[2], "Authorization"), std::string("Bearer ") + kAadDatabricks);
  EXPECT_EQ(sentHeader(sent[2], "X-Databricks-Azure-SP-Management-Token"), kAadManagement);
  EXPECT_EQ(sentHeader(sent[2], "User-Agent"),
            std::string("clxs/") + CLXS_SDK_VERSION + " auth/azure-client-secret");
}

TEST_F(TokenSourceContract, AzureCloudsFollowTheHostOrArmEnvironment) {
  const auto gov = azureCloudFor("adb-1.2.databricks.azure.us");
  EXPECT_EQ(gov.loginEndpoint, "https://login.microsoftonline.us/");
  EXPECT_EQ(gov.managementResource, "https://management.core.usgovcloudapi.net/");
  const auto china = azureCloudFor("https://adb-1.2.databricks.azure.cn");
  EXPECT_EQ(china.loginEndpoint, "https://login.chinacloudapi.cn/");
  EXPECT_EQ(china.managementResource, "https://management.core.chinacloudapi.cn/");
  EXPECT_EQ(azureCloudFor(kTokenHost).loginEndpoint, "https://login.microsoftonline.com/");
  setenv("ARM_ENVIRONMENT", "usgovernment", 1);
  EXPECT_EQ(azureCloudFor(kTokenHost).managementResource,
            "https://management.core.usgovcloudapi.net/");
  unsetenv("ARM_ENVIRONMENT");

  transport_->answerFixture("auth_azure_token_databricks.json");
  transport_->answerFixture("auth_azure_token_management.json");
  AzureTokenSource source("adb-1.2.databricks.azure.us", kClientId, kSecret, kTenant, transport_,
                          clock_.options());
  source.headers({});
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0].url,
            std::string("https://login.microsoftonline.us/") + kTenant + "/oauth2/token");
  EXPECT_NE(sent[1].body.find("resource=https%3A%2F%2Fmanagement.core.usgovcloudapi.net%2F"),
            std::string::npos);
}

TEST_F(TokenSourceContract, AzureLoginEndpointCanPointAtALoopbackServer) {
  transport_->answerFixture("auth_azure_token_databricks.json");
  transport_->answerFixture("auth_azure_token_management.json");
  AzureTokenSource source(kTokenHost, kClientId, kSecret, kTenant, transport_, clock_.options(),
                          "http://127.0.0.1:18443");
  source.headers({});
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0].url, std::string("http://127.0.0.1:18443/") + kTenant + "/oauth2/token");
  EXPECT_EQ(sent[1].url, sent[0].url);
}

TEST_F(TokenSourceContract, AzureRefreshes40SecondsBeforeExpiry) {
  for (int i = 0; i < 2; ++i) {
    transport_->answerFixture("auth_azure_token_databricks.json");
    transport_->answerFixture("auth_azure_token_management.json");
  }
  AzureTokenSource source(kTokenHost, kClientId, kSecret, kTenant, transport_, clock_.options());
  source.headers({});
  clock_.now += seconds(3550);  // 49 s left of 3599
  source.headers({});
  EXPECT_EQ(transport_->sent().size(), 2U);
  clock_.now += seconds(10);  // 39 s left
  source.headers({});
  EXPECT_EQ(transport_->sent().size(), 4U);
  EXPECT_TRUE(source.invalidate());
}

TEST_F(TokenSourceContract, AzureDiscoversAMissingTenantFromTheLoginRedirect) {
  Credentials c;
  c.host = kTokenHost;
  c.clientId = kClientId;
  c.clientSecret = kSecret;
  c.authMethod = "azure-ad-sp";
  transport_->answerFixture("auth_azure_aad_redirect.json");
  transport_->answerFixture("auth_azure_token_databricks.json");
  transport_->answerFixture("auth_azure_token_management.json");
  const auto tokens = makeTokenSource(c, transport_);
  EXPECT_EQ(tokens->authType(), "azure-client-secret");
  tokens->headers({});
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].url, std::string(kTokenHost) + "/aad/auth");
  EXPECT_EQ(sent[1].url,
            std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/token");
}

TEST_F(TokenSourceContract, AzureTokenErrorsAreUnauthenticatedWithoutTheSecret) {
  transport_->answerFixture("auth_azure_token_error.json");
  AzureTokenSource source(kTokenHost, kClientId, kSecret, kTenant, transport_, clock_.options());
  const std::string m = errorOf([&] { source.headers({}); }, WorkspaceErrorClass::Unauthenticated);
  EXPECT_NE(m.find("AADSTS7000215: Invalid client secret provided."), std::string::npos) << m;
  EXPECT_EQ(m.find(kSecret), std::string::npos) << m;
  EXPECT_EQ(m.find("dose0123"), std::string::npos) << m;
  EXPECT_EQ(transport_->sent().size(), 1U);
}

}  // namespace
}  // namespace clxs::kernel::databricks
