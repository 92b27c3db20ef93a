#include "kernel/emulator/emulator_auth.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace clxs::kernel::emulator {
namespace {

EmulatorRequest withAuth(const std::string& value) {
  EmulatorRequest r;
  r.baseUrl = "http://127.0.0.1:1";
  if (!value.empty()) r.headers["authorization"] = value;
  return r;
}

int statusOf(EmulatorAuth& auth, const std::string& header) {
  try {
    auth.check(withAuth(header));
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "UNAUTHENTICATED");
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << "never echo a token";
    return e.status();
  }
  return 200;
}

TEST(EmulatorAuth, BearerTokens) {
  EmulatorAuth fixed({"s3cret", "", "", 3600});
  EXPECT_EQ(statusOf(fixed, "Bearer s3cret"), 200);
  EXPECT_EQ(statusOf(fixed, "Bearer s3cret-not"), 401);
  EXPECT_EQ(statusOf(fixed, ""), 401);
  EXPECT_EQ(statusOf(fixed, "Basic s3cret"), 401);
  EXPECT_EQ(statusOf(fixed, "Bearer "), 401);
  EmulatorAuth any({"", "", "", 3600});
  EXPECT_EQ(statusOf(any, "Bearer whatever"), 200);
  EXPECT_EQ(statusOf(any, ""), 401);
}

TEST(EmulatorAuth, OAuthMachineToMachine) {
  EmulatorAuth auth({"pat", "app", "sec", 3600});
  const auto d = Json::parse(auth.discovery(withAuth("")).body);
  EXPECT_EQ(d["token_endpoint"], "http://127.0.0.1:1/oidc/v1/token");
  EXPECT_EQ(d["issuer"], "http://127.0.0.1:1/oidc");

  const auto metadata = Json::parse(EmulatorAuth::hostMetadata(withAuth("")).body);
  EXPECT_EQ(metadata["oidc_endpoint"], "http://127.0.0.1:1/oidc");
  EXPECT_EQ(metadata["host_type"], "workspace");
  EXPECT_FALSE(metadata["workspace_id"].get<std::string>().empty());

  auto request = withAuth("Basic YXBwOnNlYw==");  // app:sec
  request.method = "POST";
  request.body = "grant_type=client_credentials&scope=all-apis";
  const auto ok = auth.issueToken(request);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto token = Json::parse(ok.body);
  EXPECT_EQ(token["token_type"], "Bearer");
  EXPECT_EQ(token["expires_in"], 3600);
  EXPECT_EQ(statusOf(auth, "Bearer " + token["access_token"].get<std::string>()), 200);

  auto wrong = withAuth("Basic YXBwOndyb25n");  // app:wrong
  wrong.method = "POST";
  wrong.body = request.body;
  const auto refused = auth.issueToken(wrong);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(Json::parse(refused.body)["error"], "invalid_client");
  request.body = "grant_type=password";
  EXPECT_EQ(auth.issueToken(request).status, 400);

  EmulatorAuth off({"", "", "", 3600});
  request.body = "grant_type=client_credentials";
  EXPECT_EQ(off.issueToken(request).status, 401);
}

TEST(EmulatorAuth, IssuedTokensExpire) {
  EmulatorAuth auth({"pat", "app", "sec", 1});
  auto request = withAuth("Basic YXBwOnNlYw==");
  request.method = "POST";
  request.body = "grant_type=client_credentials";
  const auto token = Json::parse(auth.issueToken(request).body)["access_token"].get<std::string>();
  EXPECT_EQ(statusOf(auth, "Bearer " + token), 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(statusOf(auth, "Bearer " + token), 401);
}

TEST(EmulatorAuth, TheMessageSaysWhichCredentialFailed) {
  EmulatorAuth auth({"pat", "app", "sec", 3600});
  const auto message = [&](const std::string& header) {
    try {
      auth.check(withAuth(header));
    } catch (const ApiError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("Bearer emu-oauth-0000").find("/oidc/v1/token"), std::string::npos);
  EXPECT_NE(message("Bearer nope").find("--token"), std::string::npos);
  EXPECT_NE(message("").find("Authorization: Bearer"), std::string::npos);
}

}  // namespace
}  // namespace clxs::kernel::emulator
