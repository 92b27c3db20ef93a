#include "kernel/log/secret_scrubber.hpp"

#include <gtest/gtest.h>

#include <string>

namespace clxs::kernel {
namespace {

TEST(SecretScrubber, MasksEverySecretShape) {
  SecretScrubber s;
  EXPECT_EQ(s.scrub("token dapi0123456789abcdef0123 here"), "token dapi**** here");
  EXPECT_EQ(s.scrub("x/dapi0123456789abcdef-0123"), "x/dapi****");
  EXPECT_EQ(s.scrub("Bearer abcdefgh12345"), "Bearer ****");
  EXPECT_EQ(s.scrub("Authorization: Bearer abcdefgh12345"), "Authorization: **** ****");
  EXPECT_EQ(s.scrub("Basic\tdXNlcjpwYXNzd29yZA=="), "Basic ****");
  EXPECT_EQ(s.scrub("/api/x?access_token=abcd1234&y=1"), "/api/x?access_token=****&y=1");
  EXPECT_EQ(s.scrub(R"({"client_secret": "xyz-1234"})"), R"({"client_secret": "****"})");
  EXPECT_EQ(s.scrub("PASSWORD:hunter22"), "PASSWORD:****");
}

TEST(SecretScrubber, LeavesTextWithoutSecretsAlone) {
  SecretScrubber s;
  // What the access log holds for most requests: none of it can contain a secret shape.
  for (const std::string text :
       {"/api/health", "GET", "127.0.0.1", "::1", "kernel", "0f8fad5b-d9cb-469f-a165-70867728950e",
        "a basic idea", "bearer", "token", "/api/dapi"}) {
    EXPECT_EQ(s.scrub(text), text);
  }
}

TEST(SecretScrubber, MasksRememberedSecretsWherever) {
  SecretScrubber s;
  s.remember("short");  // too short to mask safely
  s.remember("s3cr3t-client-value");
  EXPECT_EQ(s.scrub("/x/s3cr3t-client-value/y short"), "/x/****/y short");
}

}  // namespace
}  // namespace clxs::kernel
