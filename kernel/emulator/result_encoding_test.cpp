#include "kernel/emulator/result_encoding.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::emulator {
namespace {

TEST(ResultEncoding, EveryValueIsAStringOrNull) {
  EXPECT_TRUE(encodeValue(nullptr).is_null());
  EXPECT_EQ(encodeValue("x"), "x");
  EXPECT_EQ(encodeValue(42), "42");
  EXPECT_EQ(encodeValue(-7), "-7");
  EXPECT_EQ(encodeValue(1.5), "1.5");
  EXPECT_EQ(encodeValue(true), "true");
  EXPECT_EQ(encodeValue(false), "false");
  EXPECT_EQ(encodeValue("2.50"), "2.50");
  EXPECT_EQ(encodeValue(Json::array({1, "a"})), R"([1,"a"])");
  EXPECT_EQ(encodeValue(Json{{"k", 1}}), R"({"k":1})");
}

TEST(ResultEncoding, TypeNamesFollowTheEnum) {
  EXPECT_EQ(columnTypeName("BIGINT"), "LONG");
  EXPECT_EQ(columnTypeName("INT"), "INT");
  EXPECT_EQ(columnTypeName("INTEGER"), "INT");
  EXPECT_EQ(columnTypeName("SMALLINT"), "SHORT");
  EXPECT_EQ(columnTypeName("TINYINT"), "BYTE");
  EXPECT_EQ(columnTypeName("DOUBLE"), "DOUBLE");
  EXPECT_EQ(columnTypeName("FLOAT"), "FLOAT");
  EXPECT_EQ(columnTypeName("DECIMAL(10,2)"), "DECIMAL");
  EXPECT_EQ(columnTypeName("boolean"), "BOOLEAN");
  EXPECT_EQ(columnTypeName("VARCHAR(20)"), "STRING");
  EXPECT_EQ(columnTypeName("DATE"), "DATE");
  EXPECT_EQ(columnTypeName("TIMESTAMP"), "TIMESTAMP");
  EXPECT_EQ(columnTypeName("TIMESTAMP_NTZ"), "TIMESTAMP_NTZ");
  EXPECT_EQ(columnTypeName("BINARY"), "BINARY");
  EXPECT_EQ(columnTypeName("ARRAY<STRING>"), "ARRAY");
  EXPECT_EQ(columnTypeName("MAP<STRING,INT>"), "MAP");
  EXPECT_EQ(columnTypeName("STRUCT<a:INT>"), "STRUCT");
  EXPECT_EQ(columnTypeName("GEOGRAPHY"), "STRING");
}

TEST(ResultEncoding, RowsAreCutIntoChunksWithAManifest) {
  ResultSet r;
  r.columns = {{"id", "BIGINT"}, {"amount", "DECIMAL(10,2)"}, {"tags", "ARRAY<STRING>"}};
  for (int i = 0; i < 5; ++i) {
    r.rows.push_back({i, std::to_string(i) + ".50", i % 2 == 0 ? Json::array({"a"}) : Json()});
  }
  EncodedResult e(r, 2);
  EXPECT_EQ(e.chunkCount(), 3u);
  EXPECT_EQ(e.chunkRowCount(2), 1u);
  EXPECT_EQ(e.dataArray(1), Json::parse(R"([["2","2.50","[\"a\"]"],["3","3.50",null]])"));
  const auto m = e.manifest(false);
  EXPECT_EQ(m["format"], "JSON_ARRAY");
  EXPECT_EQ(m["schema"]["column_count"], 3);
  EXPECT_EQ(m["schema"]["columns"][0],
            Json::parse(R"({"name":"id","position":0,"type_name":"LONG","type_text":"BIGINT"})"));
  EXPECT_EQ(m["schema"]["columns"][1]["type_precision"], 10);
  EXPECT_EQ(m["schema"]["columns"][1]["type_scale"], 2);
  EXPECT_EQ(m["schema"]["columns"][2]["type_name"], "ARRAY");
  EXPECT_EQ(m["total_chunk_count"], 3);
  EXPECT_EQ(m["total_row_count"], 5);
  EXPECT_EQ(m["chunks"][2], Json::parse(R"({"chunk_index":2,"row_offset":4,"row_count":1})"));
  EXPECT_EQ(m["truncated"], false);
  EXPECT_FALSE(m.contains("total_byte_count"));
  const auto withBytes = e.manifest(true);
  EXPECT_EQ(withBytes["chunks"][0]["byte_count"], e.dataArray(0).dump().size());
  EXPECT_TRUE(withBytes.contains("total_byte_count"));
}

TEST(ResultEncoding, AnEmptyResultHasNoChunks) {
  ResultSet r;
  r.columns = {{"x", "INT"}};
  EncodedResult e(r, 10, true);
  EXPECT_EQ(e.chunkCount(), 0u);
  EXPECT_TRUE(e.dataArray(0).empty());
  EXPECT_EQ(e.manifest(false)["total_row_count"], 0);
  EXPECT_EQ(e.manifest(false)["truncated"], true);
}

TEST(ResultEncoding, CsvChunksCarryTheHeaderOnceAndQuoteAsRfc4180) {
  ResultSet r;
  r.columns = {{"s", "STRING"}, {"n", "INT"}, {"z", "STRING"}};
  r.rows = {{"a,b", 1, nullptr}, {"say \"hi\"", 2, "line\nbreak"}, {"plain", 3, ""}};
  EncodedResult e(r, 2, false, ResultFormat::Csv);
  EXPECT_EQ(e.chunkText(0), "s,n,z\n\"a,b\",1,null\n\"say \"\"hi\"\"\",2,\"line\nbreak\"\n");
  EXPECT_EQ(e.chunkText(1), "plain,3,\n");
  EXPECT_EQ(e.manifest(true)["format"], "CSV");
  EXPECT_EQ(e.manifest(true)["chunks"][1]["byte_count"], e.chunkText(1).size());
  EXPECT_EQ(e.totalByteCount(), e.chunkText(0).size() + e.chunkText(1).size());
  EncodedResult json(r, 2);
  EXPECT_EQ(json.chunkText(1), R"([["plain","3",""]])");
}

TEST(ResultEncoding, AByteLimitDropsTheRowsPastItAndTruncates) {
  ResultSet r;
  r.columns = {{"id", "INT"}};
  for (int i = 0; i < 100; ++i) r.rows.push_back({i});
  // [["0"],["1"],...]: each row is 5 bytes of JSON plus a comma; 2 for the brackets.
  EncodedResult limited(r, 10, false, ResultFormat::JsonArray, 2 + 5 + 6 * 3);
  EXPECT_EQ(limited.rowCount(), 4u);
  EXPECT_EQ(limited.manifest(false)["truncated"], true);
  EncodedResult roomy(r, 10, false, ResultFormat::JsonArray, 100000);
  EXPECT_EQ(roomy.rowCount(), 100u);
  EXPECT_EQ(roomy.manifest(false)["truncated"], false);
}

}  // namespace
}  // namespace clxs::kernel::emulator
