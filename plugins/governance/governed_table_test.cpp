#include "plugins/governance/governed_table.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

TableInfo governedNamed(std::string c, std::string s, std::string t) {
  TableInfo info;
  info.catalog = std::move(c);
  info.schema = std::move(s);
  info.name = std::move(t);
  return info;
}

TEST(GovernedTable, PlainNamesStayPlainOddOnesParseBack) {
  EXPECT_EQ(governedTableFqn(governedNamed("shop", "sales", "orders")), "shop.sales.orders");
  const auto odd = governedNamed("shop", "it's 100%", "a.b`c");
  const auto text = governedTableFqn(odd);
  EXPECT_EQ(text, "shop.it's 100%.`a.b``c`");
  const auto back = ObjectName::parse(text);
  EXPECT_EQ(back.schema, "it's 100%");
  EXPECT_EQ(back.name, "a.b`c");
}

}  // namespace
}  // namespace clxs::governance
