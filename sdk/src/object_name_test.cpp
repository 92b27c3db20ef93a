#include "clxs/object_name.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs {
namespace {

TEST(ObjectName, ParsesPlainAndQuotedPartsAndWritesBothForms) {
  const auto plain = ObjectName::parse("prod.sales.orders");
  EXPECT_EQ(plain, (ObjectName{"prod", "sales", "orders"}));
  const auto quoted = ObjectName::parse("`my cat`.sales.`a``b`");
  EXPECT_EQ(quoted, (ObjectName{"my cat", "sales", "a`b"}));
  EXPECT_EQ(quoted.quoted(), "`my cat`.`sales`.`a``b`");
  EXPECT_EQ(quoted.dotted(), "my cat.sales.a`b");
  EXPECT_EQ(ObjectName::parse(quoted.quoted()), quoted) << "quoted() parses back";
}

TEST(ObjectName, RefusesOtherShapesWith400) {
  for (const char* bad : {"prod.sales", "a.b.c.d", "", "a..c", "`a.b.c"}) {
    try {
      (void)ObjectName::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 400) << bad;
    }
  }
}

}  // namespace
}  // namespace clxs
