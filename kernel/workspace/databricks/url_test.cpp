#include "kernel/workspace/databricks/url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clxs::kernel::databricks {
namespace {

TEST(Url, SplitsSchemeHostPortAndTarget) {
  const UrlParts p = splitUrl("https://adb-1.azuredatabricks.net/api/2.1/x?a=1&b=%2F#frag");
  EXPECT_EQ(p.scheme, "https");
  EXPECT_EQ(p.host, "adb-1.azuredatabricks.net");
  EXPECT_EQ(p.port, 443);
  EXPECT_EQ(p.target, "/api/2.1/x?a=1&b=%2F");

  const UrlParts q = splitUrl("HTTP://[::1]:8080?x=1");
  EXPECT_EQ(q.scheme, "http");
  EXPECT_EQ(q.host, "::1");
  EXPECT_EQ(q.port, 8080);
  EXPECT_EQ(q.target, "/?x=1");
}

TEST(Url, RejectsBadUrlsWithoutQuotingThem) {
  EXPECT_THROW(splitUrl("adb-1.net/x"), std::invalid_argument);
  EXPECT_THROW(splitUrl("ftp://host/x"), std::invalid_argument);
  EXPECT_THROW(splitUrl("https://host:99999/x"), std::invalid_argument);
  EXPECT_THROW(splitUrl("https://:443/x"), std::invalid_argument);
  try {
    splitUrl("https://user:s3cret@host/x?sig=abc");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("sig=abc"), std::string::npos);
  }
}

TEST(Url, NormalizesHosts) {
  EXPECT_EQ(normalizeHost("adb-1.azuredatabricks.net"), "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(normalizeHost(" https://Host.cloud.databricks.com/ "),
            "https://host.cloud.databricks.com");
  EXPECT_EQ(normalizeHost("https://host/?o=123"), "https://host");
  EXPECT_EQ(normalizeHost("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  EXPECT_EQ(normalizeHost(""), "");
}

TEST(Url, LoopbackHostsOnly) {
  EXPECT_TRUE(isLoopbackHost("localhost"));
  EXPECT_TRUE(isLoopbackHost("LOCALHOST"));
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.255.3.4"));
  EXPECT_TRUE(isLoopbackHost("::1"));
  EXPECT_TRUE(isLoopbackHost("[::1]"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.1.evil.com"));
  EXPECT_FALSE(isLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(isLoopbackHost("127.0.0"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(isLoopbackHost("localhost.example.com"));
  EXPECT_FALSE(isLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(isLoopbackHost(""));
}

TEST(Url, OriginDropsPathAndQuery) {
  EXPECT_EQ(urlOrigin("https://bucket.s3.amazonaws.com/a/b?X-Amz-Signature=abc"),
            "https://bucket.s3.amazonaws.com");
  EXPECT_EQ(urlOrigin("http://127.0.0.1:9000/x"), "http://127.0.0.1:9000");
  EXPECT_EQ(urlOrigin("http://[::1]:9000/x"), "http://[::1]:9000");
  EXPECT_EQ(urlOrigin("garbage?token=1"), "(invalid URL)");
}

TEST(Url, PercentEncodesEverythingButUnreserved) {
  EXPECT_EQ(percentEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(percentEncode("a b/c?d=e&f%"), "a%20b%2Fc%3Fd%3De%26f%25");
  EXPECT_EQ(percentEncode("caf\xc3\xa9"), "caf%C3%A9");
  EXPECT_EQ(encodePairs({{"catalog_name", "my cat"}, {"max_results", "0"}, {"k", "a&b"}}),
            "catalog_name=my%20cat&max_results=0&k=a%26b");
}

}  // namespace
}  // namespace clxs::kernel::databricks
