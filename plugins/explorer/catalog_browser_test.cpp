#include "plugins/explorer/catalog_browser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::explorer {
namespace {

TableInfo table(const std::string& catalog, const std::string& schema, const std::string& name,
                const std::string& type = "MANAGED", const std::string& format = "delta") {
  TableInfo t = testing::makeTable(catalog, schema, name, type);
  t.format = format;
  return t;
}

ResultSet describeCatalog(std::vector<std::pair<std::string, std::string>> rows) {
  ResultSet r;
  r.columns = {{"info_name", "STRING"}, {"info_value", "STRING"}};
  for (auto& [k, v] : rows) r.rows.push_back({k, v});
  return r;
}

class CatalogBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.addTable(table("prod", "sales", "orders"));
    ws.addTable(table("prod", "sales", "customers", "EXTERNAL", "parquet"));
    ws.addTable(table("prod", "sales", "v_orders", "VIEW", ""));
    ws.addTable(table("prod", "sales", "mv_daily", "MATERIALIZED_VIEW", ""));
    ws.addTable(table("prod", "sales", "events", "STREAMING_TABLE", ""));
    ws.addTable(table("prod", "default", "scratch"));
    ws.addTable(table("prod", "information_schema", "tables", "VIEW", ""));
    ws.addTable(table("prod", "hr", "employees"));
    ws.addTable(table("analytics", "x", "y"));
  }

  testing::MemoryWorkspace ws{"me"};
  CallOptions options;
};

TEST_F(CatalogBrowserTest, ListsCatalogsSorted) {
  EXPECT_EQ(listCatalogs(ws, options), Json::array({"analytics", "prod"}));
}

TEST_F(CatalogBrowserTest, ListsSchemasWithoutInformationSchemaAndDefault) {
  EXPECT_EQ(listSchemas(ws, "prod", options), Json::array({"hr", "sales"}));
}

TEST_F(CatalogBrowserTest, UnknownCatalogIsNotFoundNamingIt) {
  try {
    listSchemas(ws, "nope", options);
    FAIL() << "expected NotFound";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
}

TEST_F(CatalogBrowserTest, TablesExcludeViewsAndKeepOtherTableTypes) {
  EXPECT_EQ(listTables(ws, "prod", "sales", options),
            Json::array({"customers", "events", "orders"}));
}

TEST_F(CatalogBrowserTest, TablesWithFormatUpperCaseTheFormatAndNullWhenUnknown) {
  const Json out = listTablesWithFormat(ws, "prod", "sales", options);
  ASSERT_EQ(out.size(), 3U) << out.dump();
  EXPECT_EQ(
      out[0],
      (Json{{"name", "customers"}, {"table_type", "EXTERNAL"}, {"data_source_format", "PARQUET"}}));
  EXPECT_EQ(out[1]["name"], "events");
  EXPECT_TRUE(out[1]["data_source_format"].is_null());
  EXPECT_EQ(out[2]["data_source_format"], "DELTA");
}

TEST_F(CatalogBrowserTest, UnknownSchemaIsNotFoundNamingIt) {
  try {
    listTables(ws, "prod", "nope", options);
    FAIL() << "expected NotFound";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("`prod`.`nope`"), std::string::npos) << e.what();
  }
}

TEST_F(CatalogBrowserTest, ObjectsSplitTablesViewsFunctionsAndVolumes) {
  ws.addFunction({.catalog = "prod", .schema = "sales", .name = "z_fn"});
  ws.addFunction({.catalog = "prod", .schema = "sales", .name = "a_fn"});
  ws.addVolume({.catalog = "prod", .schema = "sales", .name = "raw"});
  ws.addFunction({.catalog = "prod", .schema = "hr", .name = "elsewhere"});
  const Json out = schemaObjects(ws, "prod", "sales", options);
  EXPECT_EQ(out["tables"], Json::array({"customers", "events", "orders"}));
  EXPECT_EQ(out["views"], Json::array({"mv_daily", "v_orders"}));
  EXPECT_EQ(out["functions"], Json::array({"a_fn", "z_fn"}));
  EXPECT_EQ(out["volumes"], Json::array({"raw"}));
}

TEST_F(CatalogBrowserTest, CatalogInfoReadsDescribeCatalogExtended) {
  ws.onSql("DESCRIBE CATALOG EXTENDED `prod`",
           describeCatalog({{"Catalog Name", "prod"},
                            {"Comment", "Production"},
                            {"Owner", "data-team"},
                            {"Storage Root", "s3://bucket/prod"},
                            {"Storage Location", "s3://bucket/prod/__unitystorage"}}));
  EXPECT_EQ(catalogInfo(ws, "prod", options), (Json{{"name", "prod"},
                                                    {"storage_root", "s3://bucket/prod"},
                                                    {"owner", "data-team"},
                                                    {"comment", "Production"}}));
}

TEST_F(CatalogBrowserTest, CatalogInfoWithoutStorageRootIsNullAndNamesAreQuoted) {
  ws.onSql("DESCRIBE CATALOG EXTENDED `we``ird;'x`",
           describeCatalog({{"Catalog Name", "we`ird;'x"}, {"Comment", ""}, {"Owner", "me"}}));
  const Json out = catalogInfo(ws, "we`ird;'x", options);
  EXPECT_EQ(out["name"], "we`ird;'x");
  EXPECT_TRUE(out["storage_root"].is_null());
  EXPECT_TRUE(out["comment"].is_null());
  EXPECT_EQ(out["owner"], "me");
}

TEST_F(CatalogBrowserTest, TableInfoHasColumnsPropertiesAndFormat) {
  TableInfo t = table("prod", "hr", "people");
  t.owner = "hr-team";
  t.location = "/warehouse/prod/hr/people";
  t.comment = "Everyone";
  t.sizeBytes = 1234;
  t.properties = Json{{"delta.minReaderVersion", "1"}};
  t.columns = {{"id", "BIGINT", false, "key"}, {"name", "STRING", true, ""}};
  ws.addTable(t);
  const Json out = tableInfo(ws, "prod", "hr", "people", options);
  EXPECT_EQ(out["name"], "people");
  EXPECT_EQ(out["catalog"], "prod");
  EXPECT_EQ(out["schema"], "hr");
  EXPECT_EQ(out["table_type"], "MANAGED");
  EXPECT_EQ(out["owner"], "hr-team");
  EXPECT_EQ(out["storage_location"], "/warehouse/prod/hr/people");
  EXPECT_EQ(out["comment"], "Everyone");
  EXPECT_EQ(out["data_source_format"], "DELTA");
  EXPECT_EQ(out["size_bytes"], 1234);
  EXPECT_EQ(out["properties"]["delta.minReaderVersion"], "1");
  ASSERT_EQ(out["columns"].size(), 2U);
  EXPECT_EQ(out["columns"][0], (Json{{"name", "id"},
                                     {"type", "BIGINT"},
                                     {"column_name", "id"},
                                     {"data_type", "BIGINT"},
                                     {"nullable", false},
                                     {"comment", "key"}}));
  EXPECT_TRUE(out["columns"][1]["comment"].is_null());
  EXPECT_FALSE(out.contains("view_definition"));
}

TEST_F(CatalogBrowserTest, TableInfoMatchesCaseInsensitivelyAndShowsViewText) {
  TableInfo v = table("prod", "hr", "v_people", "VIEW", "");
  v.viewText = "SELECT 1";
  ws.addTable(v);
  const Json out = tableInfo(ws, "prod", "hr", "V_People", options);
  EXPECT_EQ(out["name"], "v_people");
  EXPECT_EQ(out["view_definition"], "SELECT 1");
  EXPECT_TRUE(out["size_bytes"].is_null());
  EXPECT_TRUE(out["storage_location"].is_null());
}

TEST_F(CatalogBrowserTest, UnknownTableIsNotFoundNamingIt) {
  try {
    tableInfo(ws, "prod", "hr", "ghost", options);
    FAIL() << "expected NotFound";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(std::string(e.what()).find("`prod`.`hr`.`ghost`"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace clxs::explorer
