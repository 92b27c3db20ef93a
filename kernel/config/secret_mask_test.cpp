#include "kernel/config/secret_mask.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel {
namespace {

TEST(SecretMask, RecognisesSecretKeyNames) {
  for (const char* k :
       {"token", "client_secret", "password", "api_key", "webhook", "slack_webhook_url",
        "metrics_webhook_url", "DATABRICKS_TOKEN", "db_password", "Client_Secret"}) {
    EXPECT_TRUE(isSecretKey(k)) << k;
  }
  for (const char* k : {"tokens_used", "max_workers", "webhook_enabled", "secretive", "host"}) {
    EXPECT_FALSE(isSecretKey(k)) << k;
  }
}

TEST(SecretMask, MasksAtAnyDepthAndLeavesOtherValues) {
  const Json in = Json::parse(R"({
    "slack_webhook_url": "https://hooks.slack.com/services/T0/B0/abcdef",
    "api_key": "short",
    "teams_webhook_url": "",
    "host": "https://adb-1.azuredatabricks.net",
    "azure": {"client_secret": "0123456789abcdef", "tenant_id": "t"},
    "list": [{"token": "dapi0123456789wxyz"}],
    "webhook": ["https://example.com/hook/abcdefgh"]})");
  const Json out = maskSecrets(in);
  EXPECT_EQ(out["slack_webhook_url"], "http...cdef");
  EXPECT_EQ(out["api_key"], "****");
  EXPECT_EQ(out["teams_webhook_url"], "");
  EXPECT_EQ(out["host"], in["host"]);
  EXPECT_EQ(out["azure"]["client_secret"], "0123...cdef");
  EXPECT_EQ(out["azure"]["tenant_id"], "t");
  EXPECT_EQ(out["list"][0]["token"], "dapi...wxyz");
  EXPECT_EQ(out["webhook"][0], "http...efgh");
  EXPECT_EQ(out.dump().find("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace clxs::kernel
