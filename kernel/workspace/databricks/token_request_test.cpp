#include "kernel/workspace/databricks/token_request.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::databricks {
namespace {

using std::chrono::seconds;

HttpResponse ok(std::string body) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

TEST(TokenRequest, BasicAuthorizationIsBase64OfUserColonPassword) {
  EXPECT_EQ(basicAuthorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(basicAuthorization("a", "b"), "Basic YTpi");
  EXPECT_EQ(basicAuthorization("ab", "c"), "Basic YWI6Yw==");
  EXPECT_EQ(basicAuthorization("", ""), "Basic Og==");
}

TEST(TokenRequest, ReadsTokenTypeAndLifetime) {
  const auto now = std::chrono::steady_clock::time_point{} + seconds(500);
  const AccessToken a = readAccessToken(
      ok(R"({"access_token":"abc","token_type":"Bearer","expires_in":3600})"), now, "t");
  EXPECT_EQ(a.value, "abc");
  EXPECT_EQ(a.type, "Bearer");
  EXPECT_EQ(a.ttl, seconds(3600));
  EXPECT_EQ(a.expiry, now + seconds(3600));

  const AccessToken aad =
      readAccessToken(ok(R"({"access_token":"x","expires_in":"3599"})"), now, "t");
  EXPECT_EQ(aad.type, "Bearer");
  EXPECT_EQ(aad.ttl, seconds(3599));

  const AccessToken noTtl = readAccessToken(ok(R"({"access_token":"x"})"), now, "t");
  EXPECT_EQ(noTtl.ttl, seconds(3600));
}

TEST(TokenRequest, AnAnswerWithoutATokenIsUnauthenticated) {
  for (const char* body : {"", "{}", R"({"access_token":""})", "not json", "[1]"}) {
    try {
      readAccessToken(ok(body), {}, "token request");
      FAIL() << body;
    } catch (const WorkspaceError& e) {
      EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Unauthenticated);
      EXPECT_NE(std::string(e.what()).find("token request"), std::string::npos);
    }
  }
}

TEST(TokenRequest, ScrubsEveryOccurrenceOfTheSecret) {
  EXPECT_EQ(scrubSecret("a s3 b s3 c", "s3"), "a **** b **** c");
  EXPECT_EQ(scrubSecret("nothing here", ""), "nothing here");
  EXPECT_EQ(scrubSecret("xxxx", "xx"), "********");
}

}  // namespace
}  // namespace clxs::kernel::databricks
