#include "kernel/auth/azure_api.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "clxs/error.hpp"
#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using clxs::Json;
using testing::FakeLauncher;
using testing::MapEnvironment;

constexpr const char* kSecret = "arm-client-secret-000042";

// A local stand-in for Azure AD and Resource Manager.
class FakeAzureServer {
 public:
  struct Seen {
    std::string method;
    std::string uri;
    std::string authorization;
    std::string body;
  };
  using Answer = std::function<std::pair<int, std::string>(const Seen&)>;

  explicit FakeAzureServer(Answer answer) : answer_(std::move(answer)) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory>(
            std::make_unique<Factory>(*this).release()),
        socket, Poco::makeAuto<Poco::Net::HTTPServerParams>());
    server_->start();
  }
  ~FakeAzureServer() { server_->stopAll(true); }

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Seen> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  class Handler final : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(FakeAzureServer& s) : s_(s) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
      Seen seen{in.getMethod(), in.getURI(), in.get("Authorization", ""), {}};
      Poco::StreamCopier::copyToString(in.stream(), seen.body);
      {
        std::lock_guard lock(s_.mu_);
        s_.seen_.push_back(seen);
      }
      const auto [status, body] = s_.answer_(seen);
      out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
      out.setContentType("application/json");
      out.sendBuffer(body.data(), body.size());
    }

   private:
    FakeAzureServer& s_;
  };
  class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(FakeAzureServer& s) : s_(s) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return std::make_unique<Handler>(s_).release();  // Poco takes ownership
    }

   private:
    FakeAzureServer& s_;
  };

  Answer answer_;
  int port_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::mutex mu_;
  std::vector<Seen> seen_;
};

class AzureApiTest : public ::testing::Test {
 protected:
  void useServicePrincipal(const std::string& url) {
    env.vars["ARM_CLIENT_ID"] = "arm-client";
    env.vars["ARM_CLIENT_SECRET"] = kSecret;
    env.vars["ARM_TENANT_ID"] = "tenant-1";
    env.vars["CLXS_AZURE_AUTHORITY_URL"] = url;
    env.vars["CLXS_AZURE_MANAGEMENT_URL"] = url + "/";
  }

  // Status and message of the HttpError `fn` throws.
  template <typename Fn>
  std::pair<int, std::string> failure(Fn fn) {
    try {
      fn();
    } catch (const clxs::HttpError& e) {
      EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos) << e.what();
      return {e.status(), e.what()};
    }
    ADD_FAILURE() << "no error";
    return {0, {}};
  }

  MapEnvironment env;
  std::shared_ptr<FakeLauncher> launcher = std::make_shared<FakeLauncher>();
  AzureRestApi api{env, launcher};
};

TEST_F(AzureApiTest, WithoutAzOrServicePrincipalIs501) {
  const auto [status, message] = failure([&] { api.accessToken(kAzureDatabricksResource); });
  EXPECT_EQ(status, 501);
  EXPECT_NE(message.find("Azure CLI (az)"), std::string::npos) << message;
  EXPECT_NE(message.find("ARM_CLIENT_ID"), std::string::npos) << message;
  EXPECT_EQ(failure([&] { api.armList("/tenants"); }).first, 501);
}

TEST_F(AzureApiTest, TokenFromTheAzureCli) {
  launcher->programs["az"] = "/opt/az/bin/az";
  launcher->result.exitCode = 0;
  launcher->result.out = R"({"accessToken": "eyJ-token", "expiresOn": "2030-01-01"})";
  EXPECT_EQ(api.accessToken(kAzureDatabricksResource), "eyJ-token");
  ASSERT_EQ(launcher->ran.size(), 1u);
  EXPECT_EQ(launcher->ran[0],
            (std::vector<std::string>{"/opt/az/bin/az", "account", "get-access-token", "--resource",
                                      kAzureDatabricksResource, "--output", "json"}));
}

TEST_F(AzureApiTest, AzWithoutALoginIs401WithItsMessage) {
  launcher->programs["az"] = "/opt/az/bin/az";
  launcher->result.exitCode = 1;
  launcher->result.out = "secret-looking stdout";
  launcher->result.err = "ERROR: Please run 'az login' to setup account.\nmore\n";
  const auto [status, message] = failure([&] { api.accessToken(kAzureManagementResource); });
  EXPECT_EQ(status, 401);
  EXPECT_NE(message.find("Please run 'az login'"), std::string::npos) << message;
  EXPECT_NE(message.find("/api/auth/azure-login"), std::string::npos) << message;
  EXPECT_EQ(message.find("stdout"), std::string::npos) << message;
}

TEST_F(AzureApiTest, ServicePrincipalTokenAndPagedListing) {
  FakeAzureServer server([](const FakeAzureServer::Seen& s) -> std::pair<int, std::string> {
    if (s.uri == "/tenant-1/oauth2/token") return {200, R"({"access_token": "mgmt-token"})"};
    if (s.uri == "/tenants?api-version=2020-01-01") {
      return {200, R"({"value": [{"tenantId": "t1"}], "nextLink": "NEXT"})"};
    }
    if (s.uri == "/tenants?page=2") return {200, R"({"value": [{"tenantId": "t2"}]})"};
    return {404, R"({"error": {"code": "NotFound", "message": "no such path"}})"};
  });
  useServicePrincipal(server.url());

  // A nextLink to another host is not followed (the token must not travel there).
  const Json firstPageOnly = api.armList("/tenants?api-version=2020-01-01");
  EXPECT_EQ(firstPageOnly, (Json::array({Json{{"tenantId", "t1"}}})));

  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_NE(seen[0].body.find("grant_type=client_credentials"), std::string::npos);
  EXPECT_NE(seen[0].body.find("client_id=arm-client"), std::string::npos);
  EXPECT_NE(seen[0].body.find("resource=https%3A%2F%2Fmanagement.core.windows.net%2F"),
            std::string::npos)
      << seen[0].body;
  EXPECT_EQ(seen[1].method, "GET");
  EXPECT_EQ(seen[1].authorization, "Bearer mgmt-token");
}

TEST_F(AzureApiTest, FollowsNextLinksOnTheSameService) {
  std::string base;
  FakeAzureServer server([&base](const FakeAzureServer::Seen& s) -> std::pair<int, std::string> {
    if (s.uri == "/tenant-1/oauth2/token") return {200, R"({"access_token": "mgmt-token"})"};
    if (s.uri == "/subscriptions?api-version=2020-01-01") {
      return {200, Json{{"value", {{{"subscriptionId", "s1"}}}},
                        {"nextLink", base + "/subscriptions?page=2"}}
                       .dump()};
    }
    if (s.uri == "/subscriptions?page=2") return {200, R"({"value": [{"subscriptionId": "s2"}]})"};
    return {404, "{}"};
  });
  base = server.url();
  useServicePrincipal(server.url());
  EXPECT_EQ(api.armList("/subscriptions?api-version=2020-01-01"),
            (Json::array({Json{{"subscriptionId", "s1"}}, Json{{"subscriptionId", "s2"}}})));
}

TEST_F(AzureApiTest, RejectedServicePrincipalIs401WithoutTheSecret) {
  FakeAzureServer server([](const FakeAzureServer::Seen&) -> std::pair<int, std::string> {
    return {401, Json{{"error", "invalid_client"},
                      {"error_description",
                       std::string("AADSTS7000215: Invalid client secret ") + kSecret}}
                     .dump()};
  });
  useServicePrincipal(server.url());
  const auto [status, message] = failure([&] { api.accessToken(kAzureDatabricksResource); });
  EXPECT_EQ(status, 401);
  EXPECT_NE(message.find("AADSTS7000215"), std::string::npos) << message;
}

TEST_F(AzureApiTest, ResourceManagerErrorsKeepTheirStatus) {
  FakeAzureServer server([](const FakeAzureServer::Seen& s) -> std::pair<int, std::string> {
    if (s.method == "POST") return {200, R"({"access_token": "mgmt-token"})"};
    if (s.uri.find("forbidden") != std::string::npos) {
      return {403, R"({"error": {"code": "AuthorizationFailed", "message": "not allowed"}})"};
    }
    return {500, "oops"};
  });
  useServicePrincipal(server.url());
  auto [status, message] = failure([&] { api.armList("/forbidden"); });
  EXPECT_EQ(status, 403);
  EXPECT_NE(message.find("not allowed"), std::string::npos) << message;
  std::tie(status, message) = failure([&] { api.armList("/other"); });
  EXPECT_EQ(status, 502);
}

TEST_F(AzureApiTest, UnreachableServiceIs502) {
  useServicePrincipal("http://127.0.0.1:1");
  EXPECT_EQ(failure([&] { api.accessToken(kAzureDatabricksResource); }).first, 502);
}

TEST_F(AzureApiTest, OverridesMustBeHttpsOrLoopback) {
  EXPECT_EQ(api.managementUrl(), "https://management.azure.com");
  EXPECT_EQ(api.authorityUrl(), "https://login.microsoftonline.com");
  env.vars["CLXS_AZURE_MANAGEMENT_URL"] = "http://evil.example";
  EXPECT_EQ(failure([&] { (void)api.managementUrl(); }).first, 500);
  env.vars["CLXS_AZURE_MANAGEMENT_URL"] = "https://management.usgovcloudapi.net/";
  EXPECT_EQ(api.managementUrl(), "https://management.usgovcloudapi.net");
}

}  // namespace
}  // namespace clxs::kernel
