#include "plugins/clone/view_rewriter.hpp"

#include <gtest/gtest.h>

namespace clxs::clone {
namespace {

TEST(RewriteCatalogReferences, ReplacesOnlyTheCatalogPartOfThreePartNames) {
  EXPECT_EQ(rewriteCatalogReferences("SELECT * FROM prod.sales.orders", "prod", "dev"),
            "SELECT * FROM `dev`.sales.orders");
  EXPECT_EQ(
      rewriteCatalogReferences("SELECT * FROM `prod`.`s`.`t` JOIN PROD . s . u", "prod", "d`x"),
      "SELECT * FROM `d``x`.`s`.`t` JOIN `d``x` . s . u");
  // Four parts: a column of a fully qualified table.
  EXPECT_EQ(rewriteCatalogReferences("SELECT prod.s.t.c FROM prod.s.t", "prod", "dev"),
            "SELECT `dev`.s.t.c FROM `dev`.s.t");
}

TEST(RewriteCatalogReferences, LeavesLiteralsCommentsAndOtherNamesAlone) {
  const std::string sql =
      "SELECT 'prod.s.t', \"prod.s.t\", myprod.s.t, prod.t, prod_x.s.t -- prod.s.t\n"
      "FROM other.prod.t /* prod.s.t */ WHERE x = 'it''s prod.s.t'";
  EXPECT_EQ(rewriteCatalogReferences(sql, "prod", "dev"), sql);
}

TEST(RewriteCatalogReferences, HandlesQuotedNamesWithBackticksAndNumbers) {
  EXPECT_EQ(rewriteCatalogReferences("SELECT 1.5, `a``b`.s.t FROM `a``b`.s.t", "a`b", "c"),
            "SELECT 1.5, `c`.s.t FROM `c`.s.t");
}

TEST(ReferencedNames, ListsDottedNamesOutsideLiterals) {
  const auto names = referencedNames("SELECT a FROM c.s.v1 JOIN s.v2 ON 'x.y.z' = v3.id -- c.s.v9");
  std::vector<std::vector<std::string>> expected{
      {"a"}, {"c", "s", "v1"}, {"s", "v2"}, {"v3", "id"}};
  // Keywords are names to the scanner; the caller only looks up names it knows.
  std::vector<std::vector<std::string>> dotted;
  for (const auto& n : names)
    if (n.size() > 1 || n[0] == "a") dotted.push_back(n);
  EXPECT_EQ(dotted, expected);
}

TEST(IsSingleExpression, AcceptsPredicatesAndRefusesStatementBreaks) {
  EXPECT_TRUE(isSingleExpression("date >= '2026-01-01' AND (x = 1 OR y IN (2, 3))"));
  EXPECT_TRUE(isSingleExpression("name = 'a;b' OR note = 'it''s -- fine'"));
  EXPECT_FALSE(isSingleExpression("1 = 1; DROP TABLE x"));
  EXPECT_FALSE(isSingleExpression("1 = 1) OR (1 = 1"));
  EXPECT_FALSE(isSingleExpression("(1 = 1"));
  EXPECT_FALSE(isSingleExpression("1 = 1 -- and the rest"));
  EXPECT_FALSE(isSingleExpression("1 = 1 /* x */"));
  EXPECT_FALSE(isSingleExpression("x = 'unterminated"));
}

}  // namespace
}  // namespace clxs::clone
