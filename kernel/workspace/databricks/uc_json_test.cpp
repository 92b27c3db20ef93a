#include "kernel/workspace/databricks/uc_json.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::databricks {
namespace {

TEST(UcJson, TableKeepsNamesAndOrdersColumns) {
  const Json j = Json::parse(R"j({
    "name": "t `x` \"q\" ü", "catalog_name": "my cat", "schema_name": "s;1",
    "table_type": "EXTERNAL", "data_source_format": "DELTA", "owner": "alice@example.com",
    "comment": "c", "storage_location": "s3://b/t", "view_definition": null,
    "properties": {"delta.minReaderVersion": "1", "n": 2},
    "columns": [
      {"name": "b", "type_text": "decimal(10,2)", "type_name": "DECIMAL", "position": 1,
       "nullable": false, "comment": "money"},
      {"name": "a", "type_text": "struct<Inner:string>", "type_name": "STRUCT", "position": 0}
    ]
})j");
  const TableInfo t = tableFromJson(j);
  EXPECT_EQ(t.name, "t `x` \"q\" ü");
  EXPECT_EQ(t.catalog, "my cat");
  EXPECT_EQ(t.schema, "s;1");
  EXPECT_EQ(t.tableType, "EXTERNAL");
  EXPECT_EQ(t.format, "DELTA");
  EXPECT_EQ(t.location, "s3://b/t");
  EXPECT_EQ(t.viewText, "");
  EXPECT_FALSE(t.sizeBytes.has_value());
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_EQ(t.columns[0].type, "STRUCT<Inner:STRING>");
  EXPECT_TRUE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[1].type, "DECIMAL(10,2)");
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].comment, "money");
  EXPECT_EQ(t.properties, Json::parse(R"j({"delta.minReaderVersion": "1", "n": "2"})j"));
}

TEST(UcJson, FunctionVolumeWarehouseAndFile) {
  const auto f = functionFromJson(Json::parse(R"j({
    "name": "f", "catalog_name": "c", "schema_name": "s", "data_type": "INT",
    "full_data_type": "int", "routine_definition": "x + 1", "owner": "o", "comment": "cm",
    "input_params": {"parameters": [{"name": "y", "type_text": "string", "position": 1},
                                    {"name": "x", "type_text": "int", "position": 0}]}})j"));
  EXPECT_EQ(f.returnType, "int");
  EXPECT_EQ(f.body, "x + 1");
  EXPECT_EQ(f.parameters,
            Json::parse(R"j([{"name":"x","type":"INT"},{"name":"y","type":"STRING"}])j"));
  EXPECT_EQ(functionFromJson(Json::parse(R"j({"data_type": "LONG"})j")).returnType, "BIGINT");

  const auto v = volumeFromJson(Json::parse(R"j({"name": "v", "catalog_name": "c",
    "schema_name": "s", "volume_type": "EXTERNAL", "storage_location": "s3://x", "owner": "o",
    "comment": "k"})j"));
  EXPECT_EQ(v.volumeType, "EXTERNAL");
  EXPECT_EQ(v.storageLocation, "s3://x");
  EXPECT_EQ(v.comment, "k");

  const auto w = warehouseFromJson(Json::parse(R"j({"id": "w1", "name": "Shared",
    "cluster_size": "Small", "state": "RUNNING", "warehouse_type": "PRO",
    "enable_serverless_compute": true})j"));
  EXPECT_EQ(w.type, "SERVERLESS");
  EXPECT_EQ(w.size, "Small");
  EXPECT_EQ(warehouseFromJson(Json::parse(R"j({"warehouse_type": "CLASSIC"})j")).type, "CLASSIC");

  const auto e = fileEntryFromJson(
      Json::parse(R"j({"path": "/Volumes/c/s/v/a.txt", "is_directory": false, "file_size": 12})j"));
  EXPECT_EQ(e.size, 12);
  EXPECT_FALSE(e.isDirectory);
  EXPECT_TRUE(
      fileEntryFromJson(Json::parse(R"j({"path": "/d", "is_directory": true})j")).isDirectory);
}

TEST(UcJson, CatalogAndSchema) {
  const auto c = catalogFromJson(Json::parse(R"j({"name": "c", "owner": "o", "comment": "x"})j"));
  EXPECT_EQ(c.name, "c");
  EXPECT_EQ(c.owner, "o");
  EXPECT_EQ(c.comment, "x");
  const auto s = schemaFromJson(Json::parse(R"j({"name": "s", "catalog_name": "c"})j"));
  EXPECT_EQ(s.catalog, "c");
  EXPECT_EQ(s.comment, "");
}

}  // namespace
}  // namespace clxs::kernel::databricks
