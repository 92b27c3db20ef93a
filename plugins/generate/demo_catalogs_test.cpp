#include "plugins/generate/demo_catalogs.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "tests/support/fake_workspace.hpp"

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

clxs::testing::FakeWorkspace estate() {
  clxs::testing::FakeWorkspace ws("me");
  ws.addTable(table("demo", "retail", "orders", true));
  ws.addTable(table("demo", "retail", "customers", true));
  ws.addTable(table("demo", "retail", "orders_monthly", false, "VIEW"));
  ws.addTable(table("demo", "bronze", "retail_raw_orders", true));
  ws.addTable(table("prod", "sales", "orders", false));
  ws.addTable(table("prod", "sales", "other", false));
  return ws;
}

TEST(DemoCatalogs, CountsSchemasTablesAndDemoTables) {
  auto ws = estate();
  const CatalogCounts n = countCatalog(ws, "demo", {});
  EXPECT_EQ(n.schemas, 2);
  EXPECT_EQ(n.tables, 3);
  EXPECT_EQ(n.views, 1);
  EXPECT_EQ(n.demoTables, 3);
  EXPECT_EQ(countCatalog(ws, "prod", {}).demoTables, 0);
}

TEST(DemoCatalogs, ListsEveryCatalogOrOnlyDemoOnes) {
  auto ws = estate();
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

// A workspace whose schema listing fails for one catalog.
class FailingProbe final : public Workspace {
 public:
  std::string kind() const override { return "fake"; }
  std::string host() const override { return "fake"; }
  ResultSet sql(std::string_view, const std::vector<SqlParam>&, const CallOptions&) override {
    return {};
  }
  std::vector<CatalogInfo> catalogs(const CallOptions&) override {
    return {{"locked", "", "x"}, {"open", "c", "y"}};
  }
  std::vector<SchemaInfo> schemas(const std::string& c, const CallOptions&) override {
    if (c == "locked") {
      throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "PERMISSION_DENIED on locked");
    }
    return {{c, "s", "", "y"}};
  }
  std::vector<TableInfo> tables(const std::string&, const std::string&,
                                const CallOptions&) override {
    return {};
  }
  std::string currentUser(const CallOptions&) override { return "x"; }
  std::vector<WarehouseInfo> warehouses(const CallOptions&) override { return {}; }
};

TEST(DemoCatalogs, AFailedProbeFillsTheRowsError) {
  FailingProbe ws;
  const Json all = listDemoCatalogs(ws, false, {}, 2);
  ASSERT_EQ(all["total"], 2);
  EXPECT_EQ(all["catalogs"][0]["error"], "PERMISSION_DENIED on locked");
  EXPECT_EQ(all["catalogs"][0]["is_demo"], false);
  EXPECT_TRUE(all["catalogs"][1]["error"].is_null());
  EXPECT_EQ(all["catalogs"][1]["num_schemas"], 1);
}

TEST(DemoCatalogs, CleanupDropsOnlyDemoCatalogs) {
  auto ws = estate();
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
