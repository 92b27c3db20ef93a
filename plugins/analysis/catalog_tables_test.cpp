#include "plugins/analysis/catalog_tables.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::analysis {
namespace {

TableInfo twoColumnTable(const std::string& catalog, const std::string& schema,
                         const std::string& name, const std::string& type = "MANAGED") {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.tableType = type;
  t.columns = {{"id", "BIGINT", false, ""}, {"name", "STRING", true, ""}};
  return t;
}

TEST(CatalogTables, ListsEveryTableOfTheIncludedSchemasWithColumns) {
  clxs::testing::MemoryWorkspace ws;
  ws.addTable(twoColumnTable("src", "sales", "orders"));
  ws.addTable(twoColumnTable("src", "sales", "v", "VIEW"));
  ws.addTable(twoColumnTable("src", "hr", "people"));
  ws.addTable(twoColumnTable("src", "default", "scratch"));
  ws.addTable(twoColumnTable("src", "INFORMATION_SCHEMA", "tables"));
  ws.addTable(twoColumnTable("src", "a.b", "c.d"));
  ws.addTable(twoColumnTable("other", "sales", "orders"));

  const auto c = catalogTables(ws, "src", {"default"}, 3, CallOptions{});
  EXPECT_EQ(c.catalog, "src");
  EXPECT_EQ(c.schemas, (std::vector<std::string>{"a.b", "hr", "sales"}));
  EXPECT_TRUE(c.hasSchema("hr"));
  EXPECT_FALSE(c.hasSchema("default"));
  ASSERT_EQ(c.tables.size(), 4U);
  const auto& orders = c.tables.at({"sales", "orders"});
  EXPECT_EQ(orders.catalog, "src");
  EXPECT_EQ(orders.schema, "sales");
  ASSERT_EQ(orders.columns.size(), 2U);
  EXPECT_FALSE(orders.columns[0].nullable);
  // Dots in names stay inside their part of the key.
  EXPECT_EQ(c.tables.count({"a.b", "c.d"}), 1U);
  EXPECT_EQ(displayName({"a.b", "c.d"}), "a.b.c.d");
  EXPECT_EQ(c.tables.begin()->first, (TableKey{"a.b", "c.d"}));
}

TEST(CatalogTables, AnUnknownCatalogIsNotFound) {
  clxs::testing::MemoryWorkspace ws;
  try {
    catalogTables(ws, "ghost", {}, 2, CallOptions{});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  }
}

TEST(CatalogTables, KindsAndExclusions) {
  EXPECT_TRUE(isView(twoColumnTable("c", "s", "t", "view")));
  EXPECT_TRUE(isView(twoColumnTable("c", "s", "t", "MATERIALIZED_VIEW")));
  EXPECT_TRUE(isView(twoColumnTable("c", "s", "t", "METRIC_VIEW")));
  EXPECT_FALSE(isView(twoColumnTable("c", "s", "t", "STREAMING_TABLE")));
  EXPECT_TRUE(holdsData(twoColumnTable("c", "s", "t", "managed")));
  EXPECT_TRUE(holdsData(twoColumnTable("c", "s", "t", "EXTERNAL")));
  EXPECT_FALSE(holdsData(twoColumnTable("c", "s", "t", "STREAMING_TABLE")));
  EXPECT_TRUE(excludedSchema("Information_Schema", {}));
  EXPECT_TRUE(excludedSchema("tmp", {"tmp"}));
  EXPECT_FALSE(excludedSchema("TMP", {"tmp"}));
}

}  // namespace
}  // namespace clxs::analysis
