#include "plugins/generate/demo_catalogs.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"

namespace clxs::generate {
namespace {

TableInfo table(std::string catalog, std::string schema, std::string name, bool demo,
                std::string type = "MANAGED") {
  TableInfo t;
  t.catalog = std::move(catalog);
  t.schema = std::move(schema);
  t.name = std::move(name);
  t.tableType = std::move(type);
  if (demo) t.properties = Json{{"demo.generated_by", "clone-xs"}, {"demo.industry", "retail"}};
  return t;
}

std::unique_ptr<clxs::testing::MemoryWorkspace> estate() {
  auto owned = std::make_unique<clxs::testing::MemoryWorkspace>("me");
  auto& ws = *owned;
  ws.addTable(table("demo", "retail", "orders", true));
  ws.addTable(table("demo", "retail", "customers", true));
  ws.addTable(table("demo", "retail", "orders_monthly", false, "VIEW"));
  ws.addTable(table("demo", "bronze", "retail_raw_orders", true));
  ws.addTable(table("prod", "sales", "orders", false));
  ws.addTable(table("prod", "sales", "other", false));
  return owned;
}

TEST(DemoCatalogs, CountsSchemasTablesAndDemoTables) {
  auto owned = estate();
  auto& ws = *owned;
  const CatalogCounts n = countCatalog(ws, "demo", {});
  EXPECT_EQ(n.schemas, 2);
  EXPECT_EQ(n.tables, 3);
  EXPECT_EQ(n.views, 1);
  EXPECT_EQ(n.demoTables, 3);
  EXPECT_EQ(countCatalog(ws, "prod", {}).demoTables, 0);
}

TEST(DemoCatalogs, ListsEveryCatalogOrOnlyDemoOnes) {
  auto owned = estate();
  auto& ws = *owned;
  const Json all = listDemoCatalogs(ws, false, {});
  EXPECT_EQ(all["demo_only"], false);
  EXPECT_EQ(all["total"], 2);
  const Json& demo = all["catalogs"][0];
  EXPECT_EQ(demo["name"], "demo");
  EXPECT_EQ(demo["owner"], "me");
  EXPECT_EQ(demo["is_demo"], true);
  EXPECT_EQ(demo["num_demo_tables"], 3);
  EXPECT_EQ(demo["num_schemas"], 2);
  EXPECT_EQ(demo["num_tables"], 3);
  EXPECT_TRUE(demo["created_at"].is_null());
  EXPECT_TRUE(demo["error"].is_null());
  EXPECT_EQ(all["catalogs"][1]["is_demo"], false);

  const Json only = listDemoCatalogs(ws, true, {});
  EXPECT_EQ(only["demo_only"], true);
  EXPECT_EQ(only["total"], 1);
  EXPECT_EQ(only["catalogs"][0]["name"], "demo");
}

TEST(DemoCatalogs, AFailedProbeFillsTheRowsError) {
  // The schema listing fails for one catalog.
  clxs::testing::MemoryWorkspace ws("x");
  ws.addCatalog({"locked", "", "x"});
  ws.addSchema({"open", "s", "", "y"});
  ws.addCatalog({"open", "c", "y"});
  ws.fail("schemas locked", WorkspaceErrorClass::PermissionDenied, "PERMISSION_DENIED on locked");
  const Json all = listDemoCatalogs(ws, false, {}, 2);
  ASSERT_EQ(all["total"], 2);
  EXPECT_EQ(all["catalogs"][0]["error"], "PERMISSION_DENIED on locked");
  EXPECT_EQ(all["catalogs"][0]["is_demo"], false);
  EXPECT_TRUE(all["catalogs"][1]["error"].is_null());
  EXPECT_EQ(all["catalogs"][1]["num_schemas"], 1);
}

TEST(DemoCatalogs, CleanupDropsOnlyDemoCatalogs) {
  auto owned = estate();
  auto& ws = *owned;
  ws.onSql("DROP CATALOG IF EXISTS `demo` CASCADE", {});
  const Json r = cleanupDemoCatalog(ws, "DEMO", {});
  EXPECT_EQ(r["catalog"], "demo");
  EXPECT_EQ(r["status"], "cleaned");
  EXPECT_EQ(r["schemas_dropped"], 2);
  EXPECT_EQ(r["tables_dropped"], 3);
  EXPECT_EQ(r["views_dropped"], 1);
  EXPECT_EQ(ws.statements().back(), "DROP CATALOG IF EXISTS `demo` CASCADE");

  try {
    cleanupDemoCatalog(ws, "prod", {});
    FAIL() << "dropped a catalog without demo tables";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(std::string(e.what()).find("refusing to drop it"), std::string::npos);
  }
  try {
    cleanupDemoCatalog(ws, "nope", {});
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(std::string(e.what()), "Catalog 'nope' not found");
  }
  for (const auto& s : ws.statements()) EXPECT_EQ(s.find("`prod`"), std::string::npos) << s;
}

}  // namespace
}  // namespace clxs::generate
