#include "kernel/workspace/databricks/result_decoder.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::databricks {
namespace {

Json column(const std::string& name, int position, const std::string& typeName,
            const std::string& typeText) {
  Json c = {{"name", name}, {"position", position}, {"type_name", typeName}};
  if (!typeText.empty()) c["type_text"] = typeText;
  return c;
}

TEST(ResultDecoder, ConvertsEveryTypeFromItsString) {
  const Json manifest = {
      {"schema",
       {{"columns",
         {column("l", 0, "LONG", "bigint"), column("i", 1, "INT", "int"),
          column("d", 2, "DOUBLE", "double"), column("m", 3, "DECIMAL", "decimal(10,2)"),
          column("b", 4, "BOOLEAN", "boolean"), column("a", 5, "ARRAY", "array<int>"),
          column("s", 6, "STRING", "string"), column("t", 7, "TIMESTAMP", "timestamp"),
          column("n", 8, "NULL", "void"), column("x", 9, "SHORT", "")}}}}};
  const ResultDecoder decoder(manifest);
  ASSERT_EQ(decoder.columns().size(), 10u);
  EXPECT_EQ(decoder.columns()[0].type, "BIGINT");
  EXPECT_EQ(decoder.columns()[3].type, "DECIMAL(10,2)");
  EXPECT_EQ(decoder.columns()[5].type, "ARRAY<INT>");
  EXPECT_EQ(decoder.columns()[9].type, "SMALLINT");
  std::vector<std::vector<Json>> rows;
  decoder.append(Json::parse(R"([["9007199254740993","-7","1.5","12.50","true","[1,2]","007",
      "2024-01-02T03:04:05.000Z",null,"3"],[null,"x","NaN","1e400","false","not json",null,
      "t",null,null]])"),
                 rows);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Json(9007199254740993LL));
  EXPECT_EQ(rows[0][1], -7);
  EXPECT_EQ(rows[0][2], 1.5);
  EXPECT_EQ(rows[0][3], 12.5);
  EXPECT_EQ(rows[0][4], true);
  EXPECT_EQ(rows[0][5], Json::parse("[1,2]"));
  EXPECT_EQ(rows[0][6], "007");
  EXPECT_EQ(rows[0][7], "2024-01-02T03:04:05.000Z");
  EXPECT_TRUE(rows[0][8].is_null());
  EXPECT_EQ(rows[0][9], 3);
  EXPECT_TRUE(rows[1][0].is_null());
  EXPECT_EQ(rows[1][1], "x") << "an unparsable integer stays a string";
  EXPECT_EQ(rows[1][2], "NaN");
  EXPECT_EQ(rows[1][4], false);
  EXPECT_EQ(rows[1][5], "not json");
}

TEST(ResultDecoder, OrdersColumnsByPositionAndToleratesNoManifest) {
  const ResultDecoder decoder(Json{
      {"schema", {{"columns", {column("b", 1, "INT", "int"), column("a", 0, "STRING", "")}}}}});
  ASSERT_EQ(decoder.columns().size(), 2u);
  EXPECT_EQ(decoder.columns()[0].name, "a");
  EXPECT_EQ(decoder.columns()[1].type, "INT");
  const ResultDecoder none(Json::object());
  EXPECT_TRUE(none.columns().empty());
  std::vector<std::vector<Json>> rows;
  none.append(Json::parse(R"([["1"]])"), rows);
  EXPECT_EQ(rows[0][0], "1");
}

TEST(ResultDecoder, KindsFollowTypeNames) {
  EXPECT_EQ(valueKind("byte"), ValueKind::Integer);
  EXPECT_EQ(valueKind("FLOAT"), ValueKind::Float);
  EXPECT_EQ(valueKind("MAP"), ValueKind::Nested);
  EXPECT_EQ(valueKind("STRUCT"), ValueKind::Nested);
  EXPECT_EQ(valueKind("BINARY"), ValueKind::Text);
  EXPECT_EQ(valueKind("INTERVAL"), ValueKind::Text);
  EXPECT_EQ(decodeValue("Infinity", ValueKind::Float), "Infinity");
  EXPECT_EQ(decodeValue("-Infinity", ValueKind::Float), "-Infinity");
  EXPECT_EQ(decodeValue("1E+2", ValueKind::Float), 100.0);
  EXPECT_EQ(decodeValue(R"({"k":1})", ValueKind::Nested), Json::parse(R"({"k":1})"));
}

}  // namespace
}  // namespace clxs::kernel::databricks
