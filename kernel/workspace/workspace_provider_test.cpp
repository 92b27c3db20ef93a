#include "kernel/workspace/workspace_provider.hpp"

#include <gtest/gtest.h>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::kernel {
namespace {

TEST(WorkspaceProvider, RoutesCredentialsToTheMatchingFactory) {
  WorkspaceProvider p;
  auto local = std::make_shared<clxs::testing::MemoryWorkspace>("local-user");
  p.setLocal([&](const Credentials&) { return local; });
  Credentials c;
  EXPECT_EQ(p.open(c)->identity().currentUser({}), "local-user");
  c.source = CredentialSource::Headers;
  c.host = "https://adb-1.azuredatabricks.net";
  try {
    (void)p.open(c);
    FAIL() << "no databricks factory";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.status(), 501);
    EXPECT_NE(std::string(e.what()).find("adb-1"), std::string::npos);
  }
}

TEST(MemoryWorkspace, ServesCatalogMetadataAndCannedSql) {
  clxs::testing::MemoryWorkspace ws("me");
  ws.addTable({"prod", "sales", "orders", "MANAGED", "DELTA"});
  EXPECT_EQ(ws.catalog().catalogs({}).size(), 1u);
  EXPECT_EQ(ws.catalog().schemas("prod", {}).at(0).name, "sales");
  EXPECT_EQ(ws.catalog().tables("prod", "sales", {}).at(0).name, "orders");
  EXPECT_THROW(ws.catalog().schemas("nope", {}), WorkspaceError);
  ws.onSql("SELECT 1", ResultSet{{{"1", "INT"}}, {{Json(1)}}});
  EXPECT_EQ(ws.sql().execute("SELECT 1", {}, {}).objects()[0]["1"], 1);
  EXPECT_THROW(ws.sql().execute("SELECT 2", {}, {}), WorkspaceError);
}

}  // namespace
}  // namespace clxs::kernel
