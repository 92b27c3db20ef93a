#include "plugins/governance/column_fqn.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

TEST(GlossaryColumnFqn, ParsesFourPartsWithQuoting) {
  const auto c = parseColumnFqn("`my.cat`.sales.`o``rders`.email");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->catalog, "my.cat");
  EXPECT_EQ(c->table, "o`rders");
  EXPECT_EQ(c->column, "email");
  EXPECT_EQ(c->display(), "`my.cat`.sales.`o``rders`.email");
  EXPECT_EQ(parseColumnFqn(c->display())->key(), c->key());
  // Quotes and percent signs need no quoting in the display form.
  const auto odd = parseColumnFqn("main.s.it's.50%_off");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->display(), "main.s.it's.50%_off");
}

TEST(GlossaryColumnFqn, RefusesOtherShapes) {
  EXPECT_FALSE(parseColumnFqn("main.sales.orders"));
  EXPECT_FALSE(parseColumnFqn("main.sales.orders.id.x"));
  EXPECT_FALSE(parseColumnFqn("main..orders.id"));
  EXPECT_FALSE(parseColumnFqn("`main.sales.orders.id"));
  EXPECT_FALSE(parseColumnFqn(""));
}

TEST(GlossaryColumnFqn, KeyIgnoresCase) {
  EXPECT_EQ(parseColumnFqn("Main.Sales.Orders.ID")->key(),
            parseColumnFqn("main.sales.orders.id")->key());
}

}  // namespace
}  // namespace clxs::governance
