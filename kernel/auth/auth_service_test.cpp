#include "kernel/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::FakeConfig;
using testing::MapEnvironment;

TEST(AuthServiceTest, SessionTtlFromConfig) {
  EXPECT_EQ(AuthService::sessionTtlFrom(nullptr), 8h);
  FakeConfig cfg;
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 8h);
  cfg.doc_ = {{"server", {{"session_ttl_hours", 2}}}};
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 2h);
  cfg.doc_ = {{"server", {{"session_ttl_hours", 0.5}}}};
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 30min);
  cfg.doc_ = {{"server", {{"session_ttl_hours", -1}}}};
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 8h);
  cfg.doc_ = {{"server", {{"session_ttl_hours", "3"}}}};
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 8h);
  cfg.doc_ = {{"server", "nonsense"}};
  EXPECT_EQ(AuthService::sessionTtlFrom(&cfg), 8h);
}

TEST(AuthServiceTest, ConfiguredTtlAppliesToSessions) {
  FakeClock clock;
  FakeConfig cfg(clxs::Json{{"server", {{"session_ttl_hours", 1}}}});
  AuthService auth(clock, &cfg, std::make_unique<MapEnvironment>());
  clxs::Credentials c;
  c.source = clxs::CredentialSource::Headers;
  c.host = "https://h";
  c.token = "dapi-session-token-01";
  c.authMethod = "pat";
  const std::string id = auth.createSession(c, "alice");

  const auto resolved = auth.resolve({{"x-clone-session", id}});
  EXPECT_EQ(resolved.source, clxs::CredentialSource::Session);
  EXPECT_EQ(resolved.token, "dapi-session-token-01");

  clock.advance(1h);
  EXPECT_THROW((void)auth.resolve({{"x-clone-session", id}}), clxs::HttpError);
}

TEST(AuthServiceTest, ScrubSecretsMasksTokensAndClientSecrets) {
  clxs::Credentials c;
  c.token = "dapi0123456789abcdef";
  c.clientSecret = "client-secret-value";
  const std::string out = scrubSecrets(
      "token dapi0123456789abcdef rejected; secret client-secret-value; "
      "again dapi0123456789abcdef",
      c);
  EXPECT_EQ(out.find("dapi0123456789abcdef"), std::string::npos) << out;
  EXPECT_EQ(out.find("client-secret-value"), std::string::npos) << out;
  EXPECT_NE(out.find("dapi...cdef"), std::string::npos) << out;

  clxs::Credentials shortSecret;
  shortSecret.token = "ab";
  EXPECT_EQ(scrubSecrets("about abc", shortSecret), "about abc");
}

}  // namespace
}  // namespace clxs::kernel
