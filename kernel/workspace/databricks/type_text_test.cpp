#include "kernel/workspace/databricks/type_text.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::databricks {
namespace {

TEST(TypeText, UpperCasesTypeKeywords) {
  EXPECT_EQ(canonicalTypeText("bigint"), "BIGINT");
  EXPECT_EQ(canonicalTypeText("decimal(10,2)"), "DECIMAL(10,2)");
  EXPECT_EQ(canonicalTypeText("array<string>"), "ARRAY<STRING>");
  EXPECT_EQ(canonicalTypeText("map<string, array<int>>"), "MAP<STRING, ARRAY<INT>>");
  EXPECT_EQ(canonicalTypeText("interval day to second"), "INTERVAL DAY TO SECOND");
}

TEST(TypeText, KeepsStructFieldNamesAndComments) {
  EXPECT_EQ(canonicalTypeText("struct<Name:string,inner:struct<Key:int>>"),
            "STRUCT<Name:STRING,inner:STRUCT<Key:INT>>");
  EXPECT_EQ(canonicalTypeText("array<struct<Ab:bigint, cD:double>>"),
            "ARRAY<STRUCT<Ab:BIGINT, cD:DOUBLE>>");
  EXPECT_EQ(canonicalTypeText("struct<`we:ird,`` Name`:string not null comment 'Mixed'>"),
            "STRUCT<`we:ird,`` Name`:STRING NOT NULL COMMENT 'Mixed'>");
}

TEST(TypeText, MapsTypeNamesWithoutText) {
  EXPECT_EQ(sqlTypeName("LONG"), "BIGINT");
  EXPECT_EQ(sqlTypeName("SHORT"), "SMALLINT");
  EXPECT_EQ(sqlTypeName("BYTE"), "TINYINT");
  EXPECT_EQ(sqlTypeName("string"), "STRING");
  EXPECT_EQ(columnType("", "LONG"), "BIGINT");
  EXPECT_EQ(columnType("decimal(5,1)", "DECIMAL"), "DECIMAL(5,1)");
}

}  // namespace
}  // namespace clxs::kernel::databricks
