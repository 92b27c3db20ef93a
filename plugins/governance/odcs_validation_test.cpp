#include "plugins/governance/odcs_validation.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

TEST(OdcsValidation, IsoTimesAndSlaUnitsBecomeSeconds) {
  EXPECT_EQ(isoSeconds("1970-01-02T00:00:00.000Z"), 86400.0);
  EXPECT_EQ(isoSeconds("2026-12-08T01:00:00Z"), 1796691600.0);
  EXPECT_FALSE(isoSeconds("yesterday"));
  EXPECT_EQ(slaSeconds(2, "h"), 7200.0);
  EXPECT_EQ(slaSeconds(1, "day"), 86400.0);
  EXPECT_EQ(slaSeconds(30, "Minutes"), 1800.0);
  EXPECT_EQ(slaSeconds(1, "w"), 604800.0);
  EXPECT_FALSE(slaSeconds(1, "fortnight"));
}

}  // namespace
}  // namespace clxs::governance
