#include "plugins/explorer/cache_scope.hpp"

#include <gtest/gtest.h>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::explorer {
namespace {

Credentials pat(const std::string& token) {
  Credentials c;
  c.source = CredentialSource::Headers;
  c.host = "https://adb-1.azuredatabricks.net";
  c.token = token;
  c.authMethod = "pat";
  return c;
}

TEST(CacheScope, LocalCredentialsShareOneScopePerWorkspace) {
  testing::MemoryWorkspace ws("me");
  EXPECT_EQ(cacheScope(Credentials{}, ws), cacheScope(Credentials{}, ws));
}

TEST(CacheScope, DifferentPrincipalsGetDifferentScopesWithoutTheSecret) {
  testing::MemoryWorkspace ws("me");
  const std::string token = "dapi0123456789abcdef0123456789abcdef";
  const auto a = cacheScope(pat(token), ws);
  EXPECT_NE(a, cacheScope(pat("dapi-someone-else-entirely-0000000000"), ws));
  EXPECT_NE(a, cacheScope(Credentials{}, ws));
  EXPECT_EQ(a, cacheScope(pat(token), ws));
  EXPECT_EQ(a.find(token), std::string::npos);
  EXPECT_EQ(a.find("0123456789abcdef"), std::string::npos);
}

TEST(CacheKey, PartsCannotRunIntoEachOther) {
  EXPECT_NE(cacheKey("s", {"a", "bc"}), cacheKey("s", {"ab", "c"}));
  EXPECT_NE(cacheKey("s", {"a:", "b"}), cacheKey("s", {"a", ":b"}));
  EXPECT_NE(cacheKey("s1", {"x"}), cacheKey("s", {"1x"}));
  EXPECT_EQ(cacheKey("s", {"a", "b"}), cacheKey("s", {"a", "b"}));
}

}  // namespace
}  // namespace clxs::explorer
