#include "kernel/auth/workspace_host.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

const clxs::Json kLoc = clxs::Json::array({"body", "host"});

// The 422 message for `raw`, or "" when it is accepted.
std::string rejection(const std::string& raw) {
  try {
    (void)checkedWorkspaceHost(raw, kLoc);
  } catch (const clxs::HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.detail()[0]["loc"], kLoc);
    return e.what();
  }
  return {};
}

TEST(WorkspaceHostTest, NormalisesHttpsHosts) {
  EXPECT_EQ(checkedWorkspaceHost("adb-1.azuredatabricks.net", kLoc),
            "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(checkedWorkspaceHost(" https://dbc-1.cloud.databricks.com/ ", kLoc),
            "https://dbc-1.cloud.databricks.com");
  EXPECT_EQ(checkedWorkspaceHost("HTTPS://adb-1.azuredatabricks.net/?o=123#notebook/1", kLoc),
            "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(checkedWorkspaceHost("https://host.example:8443/path", kLoc),
            "https://host.example:8443");
}

TEST(WorkspaceHostTest, PlainHttpOnlyForLoopback) {
  EXPECT_EQ(checkedWorkspaceHost("http://127.0.0.1:8080", kLoc), "http://127.0.0.1:8080");
  EXPECT_EQ(checkedWorkspaceHost("http://127.10.20.30", kLoc), "http://127.10.20.30");
  EXPECT_EQ(checkedWorkspaceHost("http://localhost:9/", kLoc), "http://localhost:9");
  EXPECT_EQ(checkedWorkspaceHost("http://[::1]:8080", kLoc), "http://[::1]:8080");
  for (const char* bad :
       {"http://adb-1.azuredatabricks.net", "http://10.0.0.1", "http://127.0.0.1.evil.example",
        "http://128.0.0.1", "http://localhost.evil.example"}) {
    EXPECT_NE(rejection(bad).find("loopback"), std::string::npos) << bad;
  }
}

TEST(WorkspaceHostTest, RejectsWhatIsNotAHost) {
  EXPECT_EQ(rejection(""), "host must not be empty");
  EXPECT_EQ(rejection("   /"), "host must not be empty");
  EXPECT_NE(rejection("ftp://files.example").find("https://"), std::string::npos);
  EXPECT_NE(rejection("https://user:pw@host.example").find("workspace URL"), std::string::npos);
  EXPECT_NE(rejection("https://host example").find("workspace URL"), std::string::npos);
  EXPECT_NE(rejection("https://host:port").find("workspace URL"), std::string::npos);
  EXPECT_NE(rejection("https://").find("workspace URL"), std::string::npos);
}

TEST(WorkspaceHostTest, LoopbackHosts) {
  for (const char* h : {"localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "::1"}) {
    EXPECT_TRUE(isLoopbackHost(h)) << h;
  }
  for (const char* h :
       {"", "127.0.0", "127.0.0.1.", "127.0.0.256", "1.2.3.4", "::2", "example", "127.0.0.01x"}) {
    EXPECT_FALSE(isLoopbackHost(h)) << h;
  }
}

TEST(WorkspaceHostTest, ParseUrlSplitsParts) {
  const auto u = parseUrl("http://[::1]:81/a?b");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->authority, "[::1]:81");
  EXPECT_EQ(u->hostname, "::1");
  EXPECT_EQ(u->rest, "/a?b");
  EXPECT_FALSE(parseUrl("no-scheme").has_value());
  EXPECT_FALSE(parseUrl("https://[::1").has_value());
}

}  // namespace
}  // namespace clxs::kernel
