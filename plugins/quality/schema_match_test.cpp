#include "plugins/quality/schema_match.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::quality {
namespace {

std::vector<ColumnInfo> table(std::initializer_list<std::pair<const char*, const char*>> cols) {
  std::vector<ColumnInfo> out;
  for (const auto& [name, type] : cols) out.push_back(ColumnInfo{name, type, true, ""});
  return out;
}

TEST(SchemaMatch, ReadsDdlWithNestedTypesNullabilityAndComments) {
  const auto cols = parseSchemaDdl(
      "id INT NOT NULL, `odd name` STRING COMMENT 'it''s', tags ARRAY<STRING>, "
      "m MAP<STRING, DECIMAL(10, 2)>, s STRUCT<a: INT, b STRING>");
  ASSERT_EQ(cols.size(), 5U);
  EXPECT_EQ(cols[0].name, "id");
  EXPECT_FALSE(cols[0].nullable);
  EXPECT_EQ(cols[1].name, "odd name");
  EXPECT_EQ(cols[3].type, "MAP<STRING,DECIMAL(10,2)>");
  EXPECT_EQ(cols[4].type, "STRUCT<a:INT,b:STRING>");
}

TEST(SchemaMatch, RefusesDdlItCannotReadWith422) {
  for (const char* bad : {"", "id", "id ARRAY<INT", "id INT,", "id MAP<INT>", "id INT NOT"}) {
    try {
      parseSchemaDdl(bad);
      ADD_FAILURE() << "'" << bad << "' was read";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422) << bad;
    }
  }
}

TEST(SchemaMatch, PermissiveAllowsWideningWithinAFamilyAndExtraColumns) {
  const auto actual = table({{"id", "BIGINT"},
                             {"name", "VARCHAR(20)"},
                             {"at", "TIMESTAMP_NTZ"},
                             {"tags", "ARRAY<INT>"},
                             {"extra", "BOOLEAN"}});
  EXPECT_TRUE(schemaDifferences(
                  actual, parseSchemaDdl("ID int, name STRING, at DATE, tags ARRAY<DOUBLE>"), false)
                  .empty());
  const auto errors = schemaDifferences(
      actual, parseSchemaDdl("id STRING, missing INT, tags ARRAY<STRING>"), false);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0], "Column 'id' has incompatible type, expected 'STRING', got 'BIGINT'");
  EXPECT_EQ(errors[1], "Column 'missing' in expected schema not present in checked data");
}

TEST(SchemaMatch, StrictComparesNamesOrderTypesAndNullability) {
  const auto actual = table({{"id", "INT"}, {"name", "STRING"}});
  EXPECT_TRUE(schemaDifferences(actual, parseSchemaDdl("id INTEGER, name STRING"), true).empty());
  EXPECT_EQ(schemaDifferences(actual, parseSchemaDdl("name STRING, id INT"), true).size(), 4U);
  EXPECT_EQ(schemaDifferences(actual, parseSchemaDdl("id BIGINT, name STRING"), true).size(), 1U);
  EXPECT_EQ(schemaDifferences(actual, parseSchemaDdl("id INT NOT NULL, name STRING"), true).size(),
            1U);
  EXPECT_EQ(
      schemaDifferences(actual, parseSchemaDdl("id INT"), true),
      std::vector<std::string>{"Column 'name' in checked data not present in expected schema"});
}

}  // namespace
}  // namespace clxs::quality
