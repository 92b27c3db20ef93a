#include "kernel/workspace/local/functions/sql_keywords.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace clxs::kernel {
namespace {

bool listed(std::string_view keyword) {
  const auto rows = sqlKeywords();
  return std::any_of(rows.begin(), rows.end(),
                     [keyword](const SqlKeyword& row) { return row.keyword == keyword; });
}

bool reservedUnderAnsiRules(std::string_view keyword) {
  for (const SqlKeyword& row : sqlKeywords(true)) {
    if (row.keyword == keyword) {
      return row.reserved;
    }
  }
  ADD_FAILURE() << keyword << " is not a keyword";
  return false;
}

TEST(SqlKeywords, StartsAsSparksDocumentedExampleAndIsSorted) {
  const auto rows = sqlKeywords();
  ASSERT_EQ(rows.size(), 395u);
  EXPECT_EQ(rows[0].keyword, "ADD");
  EXPECT_FALSE(rows[0].reserved);
  EXPECT_EQ(rows[1].keyword, "AFTER");
  EXPECT_FALSE(rows[1].reserved);
  EXPECT_EQ(rows.back().keyword, "ZONE");
  // Java's string order: '_' sorts after the letters, so DATEADD before DATE_ADD.
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_LT(rows[i - 1].keyword, rows[i].keyword);
  }
}

TEST(SqlKeywords, NoKeywordIsReservedUnderTheDefaults) {
  for (const SqlKeyword& row : sqlKeywords()) {
    EXPECT_FALSE(row.reserved) << row.keyword;
  }
  EXPECT_EQ(sqlKeywords(false).data(), sqlKeywords().data());
}

TEST(SqlKeywords, ListsSingleWordTokensOnly) {
  EXPECT_TRUE(listed("SELECT"));
  EXPECT_TRUE(listed("MINUS"));       // the token SETMINUS
  EXPECT_TRUE(listed("PERCENT"));     // the token PERCENTLIT
  EXPECT_TRUE(listed("IDENTIFIER"));  // the token IDENTIFIER_KW
  EXPECT_TRUE(listed("X"));           // the token of X'..' literals
  EXPECT_TRUE(listed("DATE_ADD"));
  // Tokens with two spellings have no single literal, so Spark leaves them out.
  EXPECT_FALSE(listed("RLIKE"));
  EXPECT_FALSE(listed("REGEXP"));
  EXPECT_FALSE(listed("TEMPORARY"));
  EXPECT_FALSE(listed("TEMP"));
  // Databricks' own keywords are not Spark's.
  EXPECT_FALSE(listed("ACTION"));
}

TEST(SqlKeywords, EnforcedAnsiRulesReserveTheStandardsWords) {
  const auto rows = sqlKeywords(true);
  ASSERT_EQ(rows.size(), sqlKeywords().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].keyword, sqlKeywords()[i].keyword);
  }
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(), [](const SqlKeyword& r) { return r.reserved; }),
            77);
  for (const std::string_view word : {"ALL", "AND", "AS", "CASE", "CREATE", "CROSS", "END", "FROM",
                                      "JOIN", "NULL", "SELECT", "TABLE", "TIME", "WHERE", "WITH"}) {
    EXPECT_TRUE(reservedUnderAnsiRules(word)) << word;
  }
  for (const std::string_view word : {"ADD", "ANTI", "SEMI", "MINUS", "BEGIN", "DATE", "START",
                                      "DEFAULT", "IDENTIFIER", "X", "ZONE"}) {
    EXPECT_FALSE(reservedUnderAnsiRules(word)) << word;
  }
}

}  // namespace
}  // namespace clxs::kernel
