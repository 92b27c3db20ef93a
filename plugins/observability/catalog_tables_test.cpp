#include "plugins/observability/catalog_tables.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"

namespace clxs::observability {
namespace {

TableInfo table(const std::string& schema, const std::string& name, const std::string& type) {
  TableInfo t;
  t.catalog = "shop";
  t.schema = schema;
  t.name = name;
  t.tableType = type;
  return t;
}

class CatalogTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_->addTable(table("sales", "orders", "MANAGED"));
    ws_->addTable(table("sales", "v", "VIEW"));
    ws_->addTable(table("hr", "people", "EXTERNAL"));
  }
  std::shared_ptr<testing::MemoryWorkspace> ws_ = std::make_shared<testing::MemoryWorkspace>("me");
};

TEST_F(CatalogTablesTest, TablesOfEverySchemaOrOneViewsLeftOut) {
  const auto all = catalogTables(*ws_, "shop", "", {});
  ASSERT_EQ(all.size(), 2u);
  const auto hr = catalogTables(*ws_, "shop", "HR", {});
  ASSERT_EQ(hr.size(), 1u);
  EXPECT_EQ(fqnOf(hr[0]), "shop.hr.people");
}

TEST_F(CatalogTablesTest, AMissingCatalogOrSchemaIsA404NamingIt) {
  try {
    catalogTables(*ws_, "nowhere", "", {});
    FAIL() << "no error";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos);
  }
  try {
    catalogTables(*ws_, "shop", "finance", {});
    FAIL() << "no error";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("finance"), std::string::npos);
  }
}

TEST(SystemCatalogs, AreLeftOutOfEstateSummaries) {
  for (const char* c : {"system", "SAMPLES", "hive_metastore", "__databricks_internal"})
    EXPECT_TRUE(isSystemCatalog(c)) << c;
  for (const char* c : {"main", "shop", "_one"}) EXPECT_FALSE(isSystemCatalog(c)) << c;
}

}  // namespace
}  // namespace clxs::observability
