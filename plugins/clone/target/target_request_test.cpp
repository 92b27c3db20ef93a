#include "plugins/clone/target/target_request.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "clxs/error.hpp"

namespace clxs::clone::target {
namespace {

Json patBody() {
  return Json{{"host", "https://adb-1.azuredatabricks.net/"},
              {"token", "dapi-secret-0123456789"},
              {"warehouse_id", "abc123"}};
}

// The status and detail of what `fn` throws (0 when it throws nothing).
std::pair<int, Json> failure(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const HttpError& e) {
    return {e.status(), e.detail()};
  }
  return {0, nullptr};
}

// `body` parsed as POST /api/target/validate (`requireWarehouse`) or /whoami parses it.
TargetRequest parseTargetRequest(const Json& body, bool requireWarehouse) {
  if (requireWarehouse) {
    const auto b = TargetWorkspace::schema().parse(body);
    return targetRequestOf(b.connection, b.warehouseId);
  }
  return targetRequestOf(TargetWorkspaceConnect::schema().parse(body).connection, "");
}

std::pair<int, Json> parseFailure(const Json& body, bool requireWarehouse = true) {
  return failure([&] { parseTargetRequest(body, requireWarehouse); });
}

TEST(TargetRequest, PatBuildsExplicitCredentialsForTheHost) {
  const auto t = parseTargetRequest(patBody(), true);
  EXPECT_EQ(t.host, "https://adb-1.azuredatabricks.net") << "trailing slash dropped";
  EXPECT_EQ(t.authMethod, "pat");
  EXPECT_EQ(t.warehouseId, "abc123");
  EXPECT_EQ(t.credentials.source, CredentialSource::Headers);
  EXPECT_EQ(t.credentials.host, "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(t.credentials.token, "dapi-secret-0123456789");
  EXPECT_EQ(t.credentials.authMethod, "pat");
  EXPECT_EQ(t.credentials.warehouseId, "abc123");
  EXPECT_FALSE(t.credentials.isLocal());
}

TEST(TargetRequest, ServicePrincipalAndProfileCredentials) {
  Json sp = {{"host", "https://h.cloud.databricks.com"},
             {"auth_method", "service_principal"},
             {"client_id", "cid"},
             {"client_secret", "csecret"},
             {"token", nullptr}};
  const auto s = parseTargetRequest(sp, false);
  EXPECT_EQ(s.credentials.source, CredentialSource::Headers);
  EXPECT_EQ(s.credentials.host, "https://h.cloud.databricks.com");
  EXPECT_EQ(s.credentials.clientId, "cid");
  EXPECT_EQ(s.credentials.clientSecret, "csecret");
  EXPECT_TRUE(s.credentials.token.empty());
  EXPECT_EQ(s.credentials.authMethod, "databricks-oauth-sp");

  Json prof = {{"host", "https://h.cloud.databricks.com"},
               {"auth_method", "PROFILE"},
               {"profile", "staging"}};
  const auto p = parseTargetRequest(prof, false);
  EXPECT_EQ(p.authMethod, "profile");
  EXPECT_EQ(p.host, "https://h.cloud.databricks.com");
  EXPECT_EQ(p.credentials.source, CredentialSource::Profile);
  EXPECT_TRUE(p.credentials.host.empty()) << "the profile names its own host";
  EXPECT_EQ(p.credentials.profile, "staging");
  EXPECT_EQ(p.credentials.authMethod, "cli-profile:staging");
}

TEST(TargetRequest, FieldsTheAuthMethodNeedsAre400NamingThem) {
  Json noToken = patBody();
  noToken.erase("token");
  auto [status, detail] = parseFailure(noToken);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(detail, "token is required when auth_method is \"pat\"");

  Json emptyToken = patBody();
  emptyToken["token"] = "";
  EXPECT_EQ(parseFailure(emptyToken).first, 400);

  Json sp = patBody();
  sp["auth_method"] = "service_principal";
  sp["client_id"] = "cid";
  std::tie(status, detail) = parseFailure(sp);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(detail, "client_secret is required when auth_method is \"service_principal\"");
  sp.erase("client_id");
  sp["client_secret"] = "s";
  EXPECT_NE(parseFailure(sp).second.get<std::string>().find("client_id"), std::string::npos);

  Json prof = patBody();
  prof["auth_method"] = "profile";
  std::tie(status, detail) = parseFailure(prof);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(detail, "profile is required when auth_method is \"profile\"");
}

TEST(TargetRequest, HostMustBeHttpsOrLoopbackHttp) {
  for (const std::string ok :
       {"https://x.azuredatabricks.net", "HTTPS://x.net/", "http://127.0.0.1:9",
        "http://localhost:8080", "http://[::1]:80/", "http://127.1.2.3"}) {
    Json b = patBody();
    b["host"] = ok;
    EXPECT_EQ(parseFailure(b).first, 0) << ok;
  }
  for (const std::string bad :
       {"http://adb-1.azuredatabricks.net", "adb-1.azuredatabricks.net", "ftp://127.0.0.1",
        "https://", "http://127.0.0.1.evil.com", "http://localhost.evil.com",
        "http://127.0.0.1@evil.com", "https://a b.net", "http://10.0.0.1"}) {
    Json b = patBody();
    b["host"] = bad;
    auto [status, detail] = parseFailure(b);
    EXPECT_EQ(status, 422) << bad;
    ASSERT_TRUE(detail.is_array()) << bad;
    EXPECT_EQ(detail[0]["loc"], Json::array({"body", "host"})) << bad;
  }
  Json b = patBody();
  b["host"] = "http://adb-1.azuredatabricks.net";
  EXPECT_NE(parseFailure(b).second[0]["msg"].get<std::string>().find("https://"),
            std::string::npos);
}

TEST(TargetRequest, RequiredFieldsAre422) {
  Json noHost = patBody();
  noHost.erase("host");
  auto [status, detail] = parseFailure(noHost);
  EXPECT_EQ(status, 422);
  EXPECT_EQ(detail[0]["loc"], Json::array({"body", "host"}));

  Json noWarehouse = patBody();
  noWarehouse.erase("warehouse_id");
  std::tie(status, detail) = parseFailure(noWarehouse);
  EXPECT_EQ(status, 422);
  EXPECT_EQ(detail[0]["loc"], Json::array({"body", "warehouse_id"}));
  EXPECT_EQ(parseFailure(noWarehouse, false).first, 0) << "TargetWorkspaceConnect has none";
}

TEST(TargetRequest, ModelsDeclareTheSpecFields) {
  const auto& full = TargetWorkspace::schema().model();
  const auto& connect = TargetWorkspaceConnect::schema().model();
  EXPECT_EQ(full.name(), "TargetWorkspace");
  EXPECT_EQ(connect.name(), "TargetWorkspaceConnect");
  auto find = [](const Model& m, const std::string& name) -> const Field* {
    for (const auto& [n, f] : m.fields()) {
      if (n == name) return &f;
    }
    return nullptr;
  };
  for (const char* f : {"host", "auth_method", "token", "client_id", "client_secret", "profile",
                        "warehouse_id", "keep_share", "data_sync_mode", "auto_handle_masks",
                        "cleanup_after_clone", "prune_share_extras", "validated"}) {
    EXPECT_NE(find(full, f), nullptr) << f;
  }
  EXPECT_TRUE(find(full, "host")->isRequired());
  EXPECT_TRUE(find(full, "warehouse_id")->isRequired());
  EXPECT_EQ(find(full, "auth_method")->defaultValue(), Json("pat"));
  EXPECT_EQ(find(full, "data_sync_mode")->defaultValue(), Json("snapshot_once"));
  EXPECT_EQ(find(full, "data_sync_mode")->enumValues().size(), 3u);
  EXPECT_EQ(find(connect, "warehouse_id"), nullptr);
  EXPECT_NE(find(connect, "token"), nullptr);
}

TEST(TargetRequest, LoopbackDetectionAndSecretScrubbing) {
  EXPECT_TRUE(isLoopbackUrl("http://127.0.0.1:1234/api"));
  EXPECT_TRUE(isLoopbackUrl("http://LOCALHOST"));
  EXPECT_FALSE(isLoopbackUrl("http://example.com"));
  EXPECT_FALSE(isLoopbackUrl("127.0.0.1"));

  Credentials c;
  c.token = "dapi-secret";
  c.clientSecret = "sp-secret";
  EXPECT_EQ(scrubSecrets("bad token dapi-secret and sp-secret; dapi-secret again", c),
            "bad token **** and ****; **** again");
  EXPECT_EQ(scrubSecrets("nothing here", Credentials{}), "nothing here");
}

}  // namespace
}  // namespace clxs::clone::target
