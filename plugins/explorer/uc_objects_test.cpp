#include "plugins/explorer/uc_objects.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::explorer {
namespace {

using clxs::testing::MemoryWorkspace;

class UcObjectsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws->setMetastoreSummary(Json{{"metastore_id", "m-1"},
                                 {"global_metastore_id", "azure:eastus:m-1"},
                                 {"name", "main-ms"},
                                 {"owner", "admin"},
                                 {"cloud", "azure"},
                                 {"region", "eastus"},
                                 {"storage_root", "abfss://x"}});
  }
  std::shared_ptr<MemoryWorkspace> ws = std::make_shared<MemoryWorkspace>("u");
};

TEST_F(UcObjectsTest, ShapesEveryKindFromItsRestObjects) {
  ws->setSecurables(SecurableKind::ExternalLocations,
                    Json::array({{{"name", "zloc"}, {"url", "s3://b/z"}, {"owner", "o"}},
                                 {{"name", "aloc"},
                                  {"url", "abfss://c@s.dfs.core.windows.net/p"},
                                  {"credential_name", "cred"},
                                  {"read_only", true},
                                  {"comment", "landing"},
                                  {"isolation_mode", "ISOLATION_MODE_OPEN"}}}));
  ws->setSecurables(
      SecurableKind::StorageCredentials,
      Json::array({{{"name", "mi"}, {"azure_managed_identity", {{"access_connector_id", "x"}}}},
                   {{"name", "aws"}, {"aws_iam_role", {{"role_arn", "arn"}}}, {"read_only", true}},
                   {{"name", "gcp"}, {"databricks_gcp_service_account", Json::object()}},
                   {{"name", "sp"}, {"azure_service_principal", Json::object()}},
                   {{"name", "cf"}, {"cloudflare_api_token", Json::object()}},
                   {{"name", "odd"}}}));
  ws->setSecurables(SecurableKind::Connections, Json::array({{{"name", "pg"},
                                                              {"connection_type", "POSTGRESQL"},
                                                              {"options", {{"host", "db"}}},
                                                              {"owner", "o"}}}));
  ws->setSecurables(
      SecurableKind::RegisteredModels,
      Json::array(
          {{{"name", "fraud"}, {"catalog_name", "ml"}, {"schema_name", "models"}, {"owner", "o"}},
           {{"name", "churn"},
            {"catalog_name", "ml"},
            {"schema_name", "models"},
            {"full_name", "ml.models.churn"},
            {"comment", "c"}}}));
  ws->setSecurables(SecurableKind::Shares,
                    Json::array({{{"name", "s1"}, {"owner", "o"}, {"created_at", 1}}}));
  ws->setSecurables(SecurableKind::Recipients,
                    Json::array({{{"name", "r1"},
                                  {"authentication_type", "DATABRICKS"},
                                  {"data_recipient_global_metastore_id", "aws:us:x"}}}));

  const Json out = ucObjects(*ws, {});
  EXPECT_FALSE(out.contains("errors")) << out.dump();
  ASSERT_EQ(out["external_locations"].size(), 2u);
  EXPECT_EQ(out["external_locations"][0], (Json{{"name", "aloc"},
                                                {"url", "abfss://c@s.dfs.core.windows.net/p"},
                                                {"credential_name", "cred"},
                                                {"read_only", true},
                                                {"comment", "landing"},
                                                {"owner", nullptr}}));
  EXPECT_EQ(out["external_locations"][1]["read_only"], false);

  Json types = Json::object();
  for (const auto& c : out["storage_credentials"]) types[c["name"].get<std::string>()] = c["type"];
  EXPECT_EQ(types, (Json{{"aws", "AWS_IAM_ROLE"},
                         {"cf", "CLOUDFLARE_API_TOKEN"},
                         {"gcp", "GCP_SERVICE_ACCOUNT"},
                         {"mi", "AZURE_MANAGED_IDENTITY"},
                         {"odd", nullptr},
                         {"sp", "AZURE_SERVICE_PRINCIPAL"}}));
  EXPECT_EQ(out["storage_credentials"][0]["name"], "aws") << "sorted by name";
  EXPECT_EQ(out["storage_credentials"][0]["read_only"], true);

  EXPECT_EQ(out["connections"][0], (Json{{"name", "pg"},
                                         {"connection_type", "POSTGRESQL"},
                                         {"comment", nullptr},
                                         {"owner", "o"}}));
  ASSERT_EQ(out["registered_models"].size(), 2u);
  EXPECT_EQ(out["registered_models"][0]["full_name"], "ml.models.churn");
  EXPECT_EQ(out["registered_models"][1], (Json{{"name", "fraud"},
                                               {"catalog", "ml"},
                                               {"schema", "models"},
                                               {"full_name", "ml.models.fraud"},
                                               {"comment", nullptr},
                                               {"owner", "o"}}));
  EXPECT_EQ(out["metastore"], (Json{{"name", "main-ms"},
                                    {"owner", "admin"},
                                    {"metastore_id", "m-1"},
                                    {"global_metastore_id", "azure:eastus:m-1"},
                                    {"cloud", "azure"},
                                    {"region", "eastus"}}));
  EXPECT_EQ(out["shares"], (Json::array({{{"name", "s1"}, {"owner", "o"}, {"comment", nullptr}}})));
  EXPECT_EQ(out["recipients"][0], (Json{{"name", "r1"},
                                        {"authentication_type", "DATABRICKS"},
                                        {"owner", nullptr},
                                        {"comment", nullptr}}));
}

TEST_F(UcObjectsTest, AFailingSectionIsEmptyAndNamedInErrors) {
  ws->setSecurables(SecurableKind::Shares, Json::array({{{"name", "s1"}}}));
  ws->fail(std::string("securables ") + securablePath(SecurableKind::Connections),
           WorkspaceErrorClass::PermissionDenied, "not a metastore admin");
  ws->fail(std::string("securables ") + securablePath(SecurableKind::RegisteredModels),
           WorkspaceErrorClass::Unavailable, "no models API");
  ws->fail("metastoreSummary", WorkspaceErrorClass::Remote, "metastore down");
  const Json out = ucObjects(*ws, {});
  EXPECT_EQ(out["connections"], Json::array());
  EXPECT_EQ(out["registered_models"], Json::array());
  EXPECT_EQ(out["metastore"], Json::object());
  EXPECT_EQ(out["shares"].size(), 1u);
  EXPECT_EQ(out["errors"], (Json{{"connections", "not a metastore admin"},
                                 {"registered_models", "no models API"},
                                 {"metastore", "metastore down"}}));
}

TEST_F(UcObjectsTest, RouteAnswersAndRejectedCredentialsAre401) {
  clxs::testing::CaptureRoutes routes;
  clxs::testing::ManualClock clock;
  registerUcObjectsRoute(routes, clock);
  auto call = [&] {
    RequestParts p;
    p.credentials = Credentials{};
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) -> std::shared_ptr<Workspace> { return w; };
    return routes.call("GET /api/uc-objects", std::move(p));
  };
  auto r = call();
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  for (const char* k : {"external_locations", "storage_credentials", "connections",
                        "registered_models", "metastore", "shares", "recipients"}) {
    EXPECT_TRUE(r.body().contains(k)) << k;
  }
  ws->fail(std::string("securables ") + securablePath(SecurableKind::Recipients),
           WorkspaceErrorClass::Unauthenticated, "Invalid access token");
  r = call();
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(r.body()["detail"], "Invalid access token");
}

}  // namespace
}  // namespace clxs::explorer
